"""Certificates of completion: issuing, the PDF, revocation, and their public URLs.

``certificate_issue`` is idempotent: one certificate per enrolment (a unique one-to-one),
whoever asks and however often. The PDF is rendered once, in the learner's preferred
language, and stored; if a worker dies before the file is saved, the next run (the task is
acked late and redelivered, or issued again) finds the certificate without a PDF and renders
it. Automatic issue: ``courses`` sends ``course_completed`` after commit; the receiver here
queues ``learners.tasks.certificate_issue_task`` when the course offers a certificate.
"""

from __future__ import annotations

import hashlib
import logging
import re
from email.utils import parseaddr

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from cms.tasks import enqueue_on_commit
from courses.models import CoursePage, Enrolment

from .certificate_pdf import CertificateData, render_certificate_pdf
from .models import Certificate, User

logger = logging.getLogger(__name__)

DEFAULT_ISSUER = "Human Security Academy"
# What a code may look like before any query is made (token_urlsafe(16) is 22 characters).
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
ACCOUNT_DELETED_REASON = "account deleted"


def issuer_name() -> str:
    return getattr(settings, "CERTIFICATE_ISSUER", "") or DEFAULT_ISSUER


def issuer_email() -> str:
    configured = getattr(settings, "CERTIFICATE_ISSUER_EMAIL", "")
    return configured or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def code_is_well_formed(code: str) -> bool:
    return bool(CODE_PATTERN.fullmatch(code or ""))


def verify_url(certificate: Certificate) -> str:
    return absolute_url(reverse("certificates:verify_code", args=[certificate.code]))


def name_for_certificate(learner: User) -> str:
    """The profile's display name, else the full name; never the email address."""
    return (learner.display_name or learner.get_full_name() or "").strip()[:200]


def recipient_identity(email: str, salt: str) -> str:
    """Open Badges hashed recipient: "sha256$" + hex sha256 of the email followed by salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def _course_title_in(course: CoursePage, language: str) -> str:
    """The title of the course's version in ``language``, if there is one."""
    version = (
        CoursePage.objects.filter(
            translation_key=course.translation_key, locale__language_code=language
        )
        .only("title")
        .first()
    )
    return (version or course).title


def _trainer_names(course: CoursePage) -> list[str]:
    return [
        trainer.display_name
        for trainer in course.trainers.select_related("user").order_by("sort_order")
        if trainer.display_name
    ]


# Issuing ------------------------------------------------------------------------------------


def _certificate_record(*, enrolment: Enrolment, issued_by: User | None) -> Certificate:
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    learner = enrolment.learner
    course = enrolment.course
    language = learner.preferred_language or settings.LANGUAGE_CODE
    completed_at = enrolment.completed_at or timezone.now()
    certificate = Certificate(
        learner=learner,
        enrolment=enrolment,
        course=course,
        learner_name=name_for_certificate(learner),
        course_title=_course_title_in(course, language)[:255],
        completed_on=timezone.localdate(completed_at),
        effort_hours=course.effort_hours,
        issuer=issuer_name()[:200],
        language=language,
        trainer_names=_trainer_names(course),
        issued_by=issued_by,
    )
    certificate.recipient_identity = recipient_identity(learner.email, certificate.badge_salt)
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        # Two workers (or a worker and an admin) at once: the first insert wins.
        return Certificate.objects.get(enrolment=enrolment)
    return certificate


def certificate_pdf_render(certificate: Certificate) -> bytes:
    data = CertificateData(
        learner_name=certificate.learner_name,
        course_title=certificate.course_title,
        completed_on=certificate.completed_on,
        effort_hours=certificate.effort_hours,
        issuer=certificate.issuer,
        verify_url=verify_url(certificate),
        code=certificate.code,
        trainers=list(certificate.trainer_names),
    )
    with translation.override(certificate.language):
        return render_certificate_pdf(data)


def pdf_filename(certificate: Certificate) -> str:
    slug = slugify(certificate.course_title)[:60] or "course"
    return f"certificate-{slug}.pdf"


@transaction.atomic
def certificate_pdf_generate(*, certificate: Certificate, replace: bool = False) -> Certificate:
    """Render and store the PDF, unless it is already stored (or ``replace``).

    The row is locked, so two workers never render the same certificate at once.
    """
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.pdf and not replace:
        return certificate
    content = certificate_pdf_render(certificate)
    old = certificate.pdf.name if certificate.pdf else ""
    certificate.pdf.save(pdf_filename(certificate), ContentFile(content), save=True)
    if old and old != certificate.pdf.name:
        name = old
        transaction.on_commit(lambda: certificate.pdf.storage.delete(name))
    return certificate


def certificate_issue(*, enrolment: Enrolment, issued_by: User | None = None) -> Certificate:
    """The enrolment's certificate, issued now if it has none, with its PDF stored.

    Idempotent. Issuing by hand (``issued_by``) does not require the course to be completed
    online (an in-person summer school): the completion date is then today.
    """
    enrolment = Enrolment.objects.select_related("learner", "course").get(pk=enrolment.pk)
    certificate = _certificate_record(enrolment=enrolment, issued_by=issued_by)
    if not certificate.pdf and not certificate.is_revoked:
        certificate = certificate_pdf_generate(certificate=certificate)
    return certificate


def certificate_issue_if_due(*, enrolment_id: int) -> Certificate | None:
    """Issue the certificate of a completed enrolment in a course that offers one."""
    enrolment = (
        Enrolment.objects.select_related("course", "learner").filter(pk=enrolment_id).first()
    )
    if enrolment is None or not enrolment.completed_at:
        return None
    if not enrolment.course.certificate_offered or enrolment.learner.anonymised_at:
        return None
    return certificate_issue(enrolment=enrolment)


def on_course_completed(sender, enrolment: Enrolment, **kwargs) -> None:
    """Receiver of ``courses.signals.course_completed`` (connected in LearnersConfig.ready)."""
    from .tasks import certificate_issue_task

    course = CoursePage.objects.filter(pk=enrolment.course_id).only("certificate_offered").first()
    if course is not None and course.certificate_offered:
        enqueue_on_commit(certificate_issue_task, kwargs={"enrolment_id": enrolment.pk})


# Corrections and revocation -----------------------------------------------------------------


@transaction.atomic
def certificate_name_correct(*, certificate: Certificate, learner_name: str) -> Certificate:
    """An admin corrects the name on the certificate; the PDF is rendered again."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    certificate.learner_name = learner_name.strip()[:200]
    certificate.save(update_fields=["learner_name"])
    return certificate_pdf_generate(certificate=certificate, replace=True)


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, reason: str, revoked_by: User | None = None
) -> Certificate:
    """Revoke with a reason (shown on the verification page and in the badge assertion).

    Revoking again keeps the first date and reason.
    """
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        return certificate
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = revoked_by
    certificate.revocation_reason = reason.strip()[:500]
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


def certificates_on_account_delete(*, user: User, keep: bool) -> None:
    """Called by ``account_delete`` inside its transaction, before the email is erased.

    ``keep``: the learner asked that their certificates stay verifiable; they keep the name as
    issued (the learner's choice, said on the form). Otherwise each is revoked as "account
    deleted" and the personal data on it is erased: the name, the hashed email of the badge,
    and the PDF.
    """
    certificates = Certificate.objects.select_for_update().filter(learner=user)
    if keep:
        certificates.update(keep_after_account_deletion=True)
        return
    now = timezone.now()
    for certificate in certificates:
        pdf_name = certificate.pdf.name if certificate.pdf else ""
        certificate.learner_name = ""
        certificate.recipient_identity = ""
        certificate.pdf = ""
        if not certificate.is_revoked:
            certificate.revoked_at = now
            certificate.revocation_reason = ACCOUNT_DELETED_REASON
        certificate.save()
        if pdf_name:
            storage = certificate.pdf.storage
            transaction.on_commit(lambda name=pdf_name, storage=storage: storage.delete(name))


# Open Badges 2.0 ----------------------------------------------------------------------------

OPEN_BADGES_CONTEXT = "https://w3id.org/openbadges/v2"


def issuer_profile() -> dict:
    return {
        "@context": OPEN_BADGES_CONTEXT,
        "type": "Issuer",
        "id": absolute_url(reverse("certificates:issuer")),
        "name": issuer_name(),
        "url": absolute_url("/"),
        "email": issuer_email(),
    }


def badge_class(course: CoursePage) -> dict:
    from django.templatetags.static import static

    image = static("certificates/badge.svg")
    if not image.startswith(("http://", "https://")):
        image = absolute_url(image)
    course_url = course.get_full_url() if course.live else None
    narrative = (
        f"Completed every required lesson and quiz of the online course “{course.title}” "
        f"(about {course.effort_hours} hours of study)."
    )
    criteria = {"narrative": narrative}
    if course_url:
        criteria["id"] = course_url
    return {
        "@context": OPEN_BADGES_CONTEXT,
        "type": "BadgeClass",
        "id": absolute_url(reverse("certificates:badge_class", args=[course.translation_key])),
        "name": course.title,
        "description": course.summary or course.title,
        "image": image,
        "criteria": criteria,
        "issuer": absolute_url(reverse("certificates:issuer")),
    }


def badge_assertion(certificate: Certificate) -> dict:
    assertion_id = absolute_url(reverse("certificates:badge_assertion", args=[certificate.code]))
    if not certificate.recipient_identity:
        # Revoked because the account was deleted: nothing about the person is left to show.
        return {
            "@context": OPEN_BADGES_CONTEXT,
            "type": "Assertion",
            "id": assertion_id,
            "revoked": True,
            "revocationReason": certificate.revocation_reason or ACCOUNT_DELETED_REASON,
        }
    data = {
        "@context": OPEN_BADGES_CONTEXT,
        "type": "Assertion",
        "id": assertion_id,
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": certificate.badge_salt,
            "identity": certificate.recipient_identity,
        },
        "badge": absolute_url(
            reverse("certificates:badge_class", args=[certificate.course.translation_key])
        ),
        "verification": {"type": "hosted"},
        "issuedOn": certificate.issued_at.isoformat(),
        "evidence": verify_url(certificate),
    }
    if certificate.is_revoked:
        data["revoked"] = True
        data["revocationReason"] = certificate.revocation_reason
    return data
