"""Quizzes: the QuizPage (an activity inside a module) and learners' attempts at it.

An attempt keeps a snapshot of the questions as they were when it started (order, choice
order, points, answer key), so editing a quiz never re-grades history. Attempts are kept
when the quiz page is deleted (the quiz is remembered by its translation key).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import QuestionStreamBlock, questions_from_stream
from .questions import Question


class QuizPage(RoutablePageMixin, Page):
    """A quiz: an activity of a module, taken in attempts (``QuizAttempt``).

    Served only to those ``courses.access.activity_access_for`` allows (``quizzes.views``):
    the intro (``""``), starting an attempt by POST (``start/``), an attempt by the learner's
    own attempt number (``attempt/<n>/``) and its review (``attempt/<n>/review/``). The
    questions are never rendered from this page's StreamField for learners: an attempt
    shows the questions of its own snapshot, without answers or feedback.
    """

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"], blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=60, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    required_for_completion = models.BooleanField(
        _("required to complete the course"), default=True
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), default=0, help_text=_("0 for unlimited attempts.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no time limit."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle answers"), default=True)

    class Grading(models.TextChoices):
        HIGHEST = "highest", _("Highest attempt")
        LATEST = "latest", _("Latest attempt")

    grading_method = models.CharField(
        _("attempt that counts"), max_length=10, choices=Grading.choices, default=Grading.HIGHEST
    )

    class Review(models.TextChoices):
        SCORE = "score", _("Score only")
        CORRECTNESS = "correctness", _("Score and which answers were right")
        FEEDBACK = "feedback", _("Score, right answers and all feedback")

    review_detail = models.CharField(
        _("after submitting, learners see"),
        max_length=15,
        choices=Review.choices,
        default=Review.FEEDBACK,
    )

    class ReviewWhen(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        AFTER_LAST_ATTEMPT = "after_last", _("After the last attempt is used")

    review_when = models.CharField(
        _("show the review"),
        max_length=15,
        choices=ReviewWhen.choices,
        default=ReviewWhen.IMMEDIATELY,
    )
    questions = StreamField(QuestionStreamBlock(), blank=True, verbose_name=_("questions"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("questions"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("required_for_completion")]),
                FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("time_limit_minutes")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldPanel("grading_method"),
                FieldRowPanel([FieldPanel("review_detail"), FieldPanel("review_when")]),
            ],
            heading=_("Quiz settings"),
        ),
        *Page.settings_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def question_list(self) -> list[Question]:
        return questions_from_stream(self.questions)

    @property
    def question_count(self) -> int:
        return len(self.questions)  # the raw stream: no block is built

    def get_context(self, request, *args, access=None, **kwargs):
        """``access`` (from ``quizzes.views``) brings the course; without it (an editor's
        preview) the course is looked up and no learner's attempts are shown."""
        from courses.models import CoursePage

        context = super().get_context(request, *args, **kwargs)
        context["access"] = access
        context["course"] = (
            access.course if access else CoursePage.objects.ancestor_of(self).first()
        )
        context["module"] = self.get_parent()
        return context

    @path("", name="quiz")
    def index_route(self, request, *args, **kwargs):
        from .views import quiz_intro

        return quiz_intro(request, self)

    @path("start/", name="start")
    def start_route(self, request):
        from .views import quiz_start

        return quiz_start(request, self)

    @path("attempt/<int:number>/", name="attempt")
    def attempt_route(self, request, number):
        from .views import quiz_attempt

        return quiz_attempt(request, self, number)

    @path("attempt/<int:number>/review/", name="review")
    def review_route(self, request, number):
        from .views import quiz_review

        return quiz_review(request, self, number)

    def serve_preview(self, request, mode_name):
        # Editors previewing in the admin: Wagtail has checked their page permissions. The
        # preview is the intro, as learners see it before starting (never the answers).
        return TemplateResponse(
            request,
            self.get_preview_template(request, mode_name),
            {**self.get_preview_context(request, mode_name), "is_preview": True},
        )


class QuizAttempt(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        AWAITING_GRADING = "awaiting", _("Awaiting grading")
        GRADED = "graded", _("Graded")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempts"
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment", on_delete=models.PROTECT, related_name="quiz_attempts"
    )
    quiz_key = models.UUIDField(_("quiz"), default=uuid.uuid4, editable=False)
    quiz = models.ForeignKey(
        QuizPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="attempts"
    )
    quiz_title = models.CharField(_("quiz title"), max_length=255)
    language = models.CharField(_("language used"), max_length=10, blank=True, default="")
    number = models.PositiveIntegerField(_("attempt"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)
    # The quiz as it was when the attempt started, in the order this learner sees it.
    snapshot = models.JSONField(_("questions"), default=list)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    # The quiz's review and attempt rules when the attempt started.
    policy = models.JSONField(_("rules"), default=dict)
    responses = models.JSONField(_("answers"), default=dict, blank=True)
    # Per question id: {"score": float | None, "feedback": [...], "comment": str}
    results = models.JSONField(_("results"), default=dict, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    max_score = models.FloatField(_("maximum score"), default=0)
    percent = models.FloatField(_("percent"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        ordering = ["learner", "quiz_key", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "quiz_key", "number"], name="attempt_unique_learner_quiz_number"
            ),
            models.UniqueConstraint(
                fields=["learner", "quiz_key"],
                condition=Q(status="open"),
                name="attempt_one_open_per_learner_quiz",
            ),
        ]
        indexes = [
            # The quiz figures of the course report read only this index (PostgreSQL's
            # INCLUDE; elsewhere a plain index), and the question roll-ups find attempts
            # submitted or graded since they were computed with these two.
            models.Index(
                fields=["quiz_key", "submitted_at"],
                include=["status", "learner", "passed", "percent"],
                name="attempt_quiz_submitted",
            ),
            models.Index(fields=["quiz_key", "graded_at"], name="attempt_quiz_graded"),
        ]

    def __str__(self) -> str:
        return f"{self.quiz_title} #{self.number} – {self.learner}"


class QuestionRollup(models.Model):
    """The per-question figures of one quiz (all its translations: they share the quiz
    key), precomputed from its submitted attempts for the course report.

    A roll-up, never a source of truth: rebuilt from the attempts by
    ``quizzes.rollups.question_rollup_refresh`` (beat, and when a report finds it stale),
    and safe to delete. ``covers_until``: every attempt submitted or graded before it is
    counted; one submitted or graded since makes the roll-up stale.
    """

    quiz_key = models.UUIDField(_("quiz"), unique=True)
    covers_until = models.DateTimeField(_("counts attempts until"))
    computed_at = models.DateTimeField(_("computed"))
    summaries = models.JSONField(_("per-question figures"), default=list)

    class Meta:
        verbose_name = _("question roll-up")

    def __str__(self) -> str:
        return f"{self.quiz_key} ({self.computed_at:%Y-%m-%d %H:%M})"
