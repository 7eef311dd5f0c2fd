"""What learners do with courses: enrolments and completed activities.

These rows are the platform's record of people's learning and must outlive content edits:
courses with enrolments cannot be deleted (PROTECT), a deleted lesson leaves its completions
in place (the activity is remembered by its translation key), and an account deletion
anonymises the learner instead of deleting these rows.

Enrolment and progress point at the course's canonical page (its first-created language
version), so every translation of a course shares one enrolment and one progress record.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .pages import CoursePage

MOTIVATION_MAX_LENGTH = 3000


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Enrolled")
        PENDING = "pending", _("Application pending")
        WAITLISTED = "waitlisted", _("On the waitlist")
        DECLINED = "declined", _("Application declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    motivation = models.TextField(
        _("motivation statement"), blank=True, max_length=MOTIVATION_MAX_LENGTH
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    # When the learner got a place; waitlist order is by this request time.
    enrolled_at = models.DateTimeField(_("enrolled"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("note to the learner"), blank=True, max_length=2000)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, db_index=True)
    last_activity = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("last visited activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_active_at = models.DateTimeField(_("last active"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"], name="enrolment_unique_learner_course"
            ),
        ]
        indexes = [models.Index(fields=["course", "status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.learner} – {self.course} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class ActivityCompletion(models.Model):
    """One row per learner per activity (lesson or quiz), written once."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="completions")
    # The activity's translation key: the same for every language version of the activity,
    # and kept if the page itself is deleted.
    activity_key = models.UUIDField(_("activity"), default=uuid.uuid4, editable=False)
    activity = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("activity page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activity_title = models.CharField(_("activity title"), max_length=255)
    completed_at = models.DateTimeField(_("completed"), auto_now_add=True, db_index=True)
    # The interface language the learner used ("" if not recorded): a course counts once
    # across its translations, and reports break it down by the languages actually used.
    language = models.CharField(_("language used"), max_length=10, blank=True, default="")

    class Meta:
        verbose_name = _("completed activity")
        verbose_name_plural = _("completed activities")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "activity_key"], name="completion_unique_enrolment_activity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.learner} ✓ {self.activity_title}"


class EnrolmentNotice(models.Model):
    """An email about an enrolment, recorded so a retried task never sends it twice."""

    class Kind(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolment confirmed")
        APPLICATION_RECEIVED = "application_received", _("Application received")
        ACCEPTED = "accepted", _("Application accepted")
        DECLINED = "declined", _("Application declined")
        WAITLISTED = "waitlisted", _("Placed on the waitlist")
        ADMITTED = "admitted", _("Admitted from the waitlist")
        COMPLETED = "completed", _("Course completed")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # The request this notice belongs to (its time as a Unix timestamp): a learner who
    # withdraws and requests again gets fresh notices.
    round = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "kind", "round"], name="notice_unique_enrolment_kind_round"
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(sent_at__isnull=True), name="notice_unsent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.enrolment_id}"
