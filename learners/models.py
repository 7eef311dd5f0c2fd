"""People: the custom user model with the learner's profile, and recorded consents.

Learners log in with their email address. The name they show may be a pseudonym: some are
activists at risk, so nothing on the platform requires a legal name.
"""

import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    """Creates users keyed by email; there is no username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        blank=True,
        help_text=_("How you appear to trainers and on certificates. A pseudonym is fine."),
    )
    country = models.ForeignKey(
        "courses.Country",
        verbose_name=_("country or region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        default=settings.LANGUAGE_CODE,
        help_text=_("Used for the interface after you log in, and for emails."),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name shown to others: the display name, else the full name, else the email."""
        return self.display_name or self.get_full_name() or self.email


class Consent(models.Model):
    """A learner's consent to the processing of their data under one version of the policy."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    policy_version = models.CharField(_("policy version"), max_length=20)
    given_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "policy_version"], name="consent_unique_user_policy_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} – {self.policy_version}"


def _report_export_upload_to(instance, filename: str) -> str:
    # A random uuid4 folder: the path cannot be guessed, and the file is only ever served by
    # learners.export_views.report_export_download after an owner check (keep ``exports/``
    # out of the public media server in production).
    return f"exports/{instance.uuid}/{filename}"


class ReportExport(models.Model):
    """A large report export built by a Celery task; only its owner may download the file."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        RUNNING = "running", _("being prepared")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_exports"
    )
    table_name = models.CharField(_("report"), max_length=100)
    title = models.CharField(_("title"), max_length=200, blank=True)
    # The query string as {name: [values]} (multi-valued filters survive).
    params = models.JSONField(_("filters"), default=dict, blank=True)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(
        _("file"), upload_to=_report_export_upload_to, max_length=300, blank=True
    )
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("report export")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="reportexport_owner_created")]

    def __str__(self) -> str:
        return f"{self.table_name}.{self.format} ({self.status})"

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


@receiver(post_delete, sender=ReportExport)
def _report_export_file_delete(sender, instance, **kwargs):
    """Deleting an export (or its owner) removes the file from storage too."""
    if instance.file:
        instance.file.delete(save=False)


# Certificates ----------------------------------------------------------------------------------


def certificate_code_new() -> str:
    """A verification code: 16 random bytes (128 bits), URL-safe base64, 22 characters."""
    return secrets.token_urlsafe(16)


def certificate_salt_new() -> str:
    return secrets.token_hex(16)


def _certificate_upload_to(instance, filename: str) -> str:
    # A random folder, not the code: the verification code is public (it is printed on the
    # certificate), the PDF is served only to its owner by learners.certificate_views.
    return f"certificates/{secrets.token_hex(16)}/{filename}"


class Certificate(models.Model):
    """A certificate of completion: one per enrolment, issued once, revocable, never deleted.

    Everything shown on the certificate (name, course title, date, hours, issuer) is copied in
    at issue, so later edits of the profile or the course never change what was certified.
    Issued by ``learners.certificates.certificate_issue``.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    enrolment = models.OneToOneField(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    code = models.CharField(
        _("verification code"),
        max_length=64,
        unique=True,
        default=certificate_code_new,
        editable=False,
    )
    learner_name = models.CharField(_("name on the certificate"), max_length=200)
    course_title = models.CharField(_("course title"), max_length=255)
    completed_on = models.DateField(_("completed on"))
    effort_hours = models.PositiveSmallIntegerField(_("effort (hours)"))
    issuer = models.CharField(_("issued by (network)"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    trainer_names = models.JSONField(_("trainers"), default=list, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=_certificate_upload_to, max_length=300, blank=True)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by hand by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when issued automatically on completing the course."),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    keep_after_account_deletion = models.BooleanField(
        _("kept verifiable after account deletion"), default=False
    )
    # Open Badges: the recipient is sha256(email + salt), fixed at issue.
    badge_salt = models.CharField(max_length=64, default=certificate_salt_new, editable=False)
    recipient_identity = models.CharField(max_length=80, blank=True, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.learner_name} – {self.course_title}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
