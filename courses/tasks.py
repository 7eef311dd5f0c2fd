"""Celery tasks of the courses app: enrolment emails and their outbox.

``enrolment_notice_send`` is queued on commit by the services for each new notice.
``notices_send_pending`` runs every minute (``CELERY_BEAT_SCHEDULE``) and queues the notices
nobody sent, typically because Redis was down when the learner enrolled.
"""

import logging

from celery import shared_task

from .emails import notice_send, notices_pending_ids

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(OSError,),  # SMTP and network errors (smtplib.SMTPException is one)
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def enrolment_notice_send(*, notice_id: int) -> bool:
    """Send one enrolment notice; a notice already sent is skipped."""
    return notice_send(notice_id=notice_id)


@shared_task
def notices_send_pending() -> int:
    """Queue every notice left unsent for more than a minute; returns how many were queued."""
    queued = 0
    for notice_id in notices_pending_ids():
        try:
            enrolment_notice_send.apply_async(kwargs={"notice_id": notice_id})
        except Exception:
            # The broker went away mid-sweep: the rest wait for the next run.
            logger.exception("Could not queue enrolment notice %s", notice_id)
            break
        queued += 1
    return queued
