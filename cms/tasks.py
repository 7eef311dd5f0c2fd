"""Site-wide Celery tasks and the one way to queue a task from a request.

Tasks are thin: they take ids or plain strings, call a service, and are safe to run twice.
"""

import logging

from celery import shared_task
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "celery:heartbeat"


def enqueue_on_commit(task, *, kwargs: dict, run_inline_if_broker_down: bool = False) -> None:
    """Queue ``task`` once the current transaction commits; never raise if it can't be.

    A broker outage must not turn a learner's request into an error page: the write that
    triggered the task is already committed. The failure is logged, and tasks the user is
    waiting for (a verification email) can be run in-process instead.
    """

    def send() -> None:
        try:
            task.apply_async(kwargs=kwargs)
        except Exception:
            if not run_inline_if_broker_down:
                logger.exception("Could not queue task %s; it was not run", task.name)
                return
            logger.warning("Broker unreachable; running task %s in-process", task.name)
            try:
                task.apply(kwargs=kwargs, throw=True)
            except Exception:
                logger.exception("Task %s failed in-process", task.name)

    transaction.on_commit(send)


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def send_email(
    *, subject: str, body: str, to: list[str], html_body: str = "", from_email: str = ""
) -> None:
    """Send one email; transient SMTP/network errors retry with exponential backoff."""
    message = EmailMultiAlternatives(subject, body, from_email or None, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


def email_send(
    *, subject: str, body: str, to: list[str], html_body: str = "", from_email: str = ""
) -> None:
    """Send an email through the worker once the transaction commits (in-process if the
    broker is down, since the recipient is usually waiting for it)."""
    enqueue_on_commit(
        send_email,
        kwargs={
            "subject": subject,
            "body": body,
            "to": to,
            "html_body": html_body,
            "from_email": from_email,
        },
        run_inline_if_broker_down=True,
    )


@shared_task
def heartbeat(token: str = "") -> str:
    """Record that a worker is alive (run every minute by beat; read by monitoring)."""
    value = token or timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, value, timeout=None)
    return value
