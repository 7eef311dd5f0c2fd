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


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
    soft_time_limit=60,
    time_limit=90,
)
def certificate_issue_task(enrolment_id: int) -> int | None:
    """Issue the certificate of a completed enrolment (if its course offers one).

    Idempotent: a second run, or a redelivery after a worker died, finds the certificate and
    only renders its PDF if that was never stored. Returns the certificate's id.
    """
    from .certificates import certificate_issue_if_due

    certificate = certificate_issue_if_due(enrolment_id=enrolment_id)
    return certificate.pk if certificate else None
