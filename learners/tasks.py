"""Celery tasks of the learners app: building large report exports.

``report_export_build`` is queued on commit by ``learners.exports.export_request`` when an
export has more rows than ``REPORT_EXPORT_SYNC_MAX_ROWS``; it writes the file to storage and
emails the owner a link only they can open.
"""

from celery import shared_task

from .exports import export_build


@shared_task(
    acks_late=True,
    # Writing a few hundred thousand rows takes longer than the default 60 s limit.
    soft_time_limit=30 * 60,
    time_limit=32 * 60,
)
def report_export_build(export_id: int) -> bool:
    """Build one export; an export already done is skipped, so a redelivery is harmless."""
    return export_build(export_id=export_id)
