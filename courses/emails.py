"""Emails about enrolments: one per ``EnrolmentNotice``, in the learner's language.

``notice_send`` is what the Celery tasks call. It claims the notice row (a row lock, skipping a
row another worker is sending), sends, and marks it sent in the same transaction, so a task run
twice (late acknowledgement, the periodic outbox sweep) sends one email. If sending fails the
transaction rolls back and the notice stays unsent for the retry.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from .models import CoursePage, EnrolmentNotice

logger = logging.getLogger(__name__)

Kind = EnrolmentNotice.Kind

#: Notices a worker should have sent by now: the outbox sweep picks them up after this long.
PENDING_AFTER = datetime.timedelta(minutes=1)
#: ...until they are this old, so a notice that keeps failing is not retried forever (each
#: failed attempt is logged by Celery).
PENDING_GIVE_UP_AFTER = datetime.timedelta(days=3)


def _subject(kind: str, course: str) -> str:
    subjects = {
        Kind.ENROLLED: gettext("You are enrolled in “%(course)s”"),
        Kind.APPLICATION_RECEIVED: gettext("We received your application to “%(course)s”"),
        Kind.ACCEPTED: gettext("Your application to “%(course)s” was accepted"),
        Kind.DECLINED: gettext("About your application to “%(course)s”"),
        Kind.WAITLISTED: gettext("You are on the waitlist for “%(course)s”"),
        Kind.ADMITTED: gettext("A place is free: you are enrolled in “%(course)s”"),
        Kind.COMPLETED: gettext("You completed “%(course)s”"),
    }
    return subjects[kind] % {"course": course}


def absolute_url(page) -> str:
    """The page's URL on the public site (``WAGTAILADMIN_BASE_URL``), for emails."""
    parts = page.get_url_parts()
    path = parts[2] if parts else "/"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _course_in(course: CoursePage, language: str) -> CoursePage:
    """The live language version of the course the learner reads, else the canonical one."""
    return (
        course.get_translations(inclusive=True)
        .live()
        .filter(locale__language_code=language)
        .order_by("pk")
        .first()
        or course
    )


def notice_message_for(notice: EnrolmentNotice) -> EmailMultiAlternatives | None:
    """The email for a notice, or None when there is nobody to write to."""
    enrolment = notice.enrolment
    learner = enrolment.learner
    if not learner.email or not learner.is_active or getattr(learner, "anonymised_at", None):
        return None
    language = getattr(learner, "preferred_language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        course = _course_in(enrolment.course, language)
        context = {
            "notice": notice,
            "kind": notice.kind,
            "enrolment": enrolment,
            "learner_name": getattr(learner, "public_name", None) or learner.email,
            "course_title": course.title,
            "course_url": absolute_url(course),
            "note": enrolment.decision_note,
            "completed_at": enrolment.completed_at,
            "certificate_offered": course.certificate_offered,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": settings.WAGTAILADMIN_BASE_URL,
            "LANGUAGE_CODE": language,
        }
        subject = _subject(notice.kind, course.title)
        text = render_to_string(f"courses/email/{notice.kind}.txt", context)
        html = render_to_string(f"courses/email/{notice.kind}.html", context)
    message = EmailMultiAlternatives(subject, text, None, [learner.email])
    message.attach_alternative(html, "text/html")
    return message


def notice_send(*, notice_id: int) -> bool:
    """Send one notice unless it was sent (or is being sent) already. True if this call did."""
    with transaction.atomic():
        notice = (
            EnrolmentNotice.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("enrolment__learner", "enrolment__course")
            .filter(pk=notice_id, sent_at__isnull=True)
            .first()
        )
        if notice is None:
            return False
        message = notice_message_for(notice)
        if message is None:
            logger.info("Enrolment notice %s has no recipient; not sent", notice_id)
        else:
            message.send()
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
    return message is not None


def notices_pending_ids(*, limit: int = 500) -> list[int]:
    """Unsent notices older than ``PENDING_AFTER`` (oldest first), the worker's outbox."""
    now = timezone.now()
    return list(
        EnrolmentNotice.objects.filter(
            sent_at__isnull=True,
            created_at__lt=now - PENDING_AFTER,
            created_at__gte=now - PENDING_GIVE_UP_AFTER,
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
