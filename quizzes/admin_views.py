"""Trainers' quiz tools in the Wagtail admin: GIFT import and export, a quiz's attempts, the
per-question summary, and the essay grading queue.

Who sees what follows the enrolments' rule (``courses.admin_views``), decided on the server:

* superusers and members of the "Reviewers" group: every quiz and attempt;
* a trainer: the quizzes in the courses they are linked to as a ``CourseTrainer`` (in any
  language version of the course) and the attempts of those courses' learners;
* nobody else: no menu item, and a quiz or attempt outside one's courses is a 404, so ids
  cannot be probed.

Importing and exporting GIFT also need Wagtail's own permission to edit the quiz page
(``page.permissions_for_user(user).can_edit()``); without it they are refused (403).
Views that need no more than admin access are still behind Wagtail's ``require_admin_access``
(``register_admin_urls``), so a learner is sent to the admin login.
"""

from __future__ import annotations

import math

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Page

from cms.sanitise import sanitise_html
from courses.admin_views import ALL_COURSES, OWN_COURSES, enrolment_access
from courses.models import CoursePage

from .gift import GiftError
from .gift_import import (
    MAX_GIFT_BYTES,
    GiftImportError,
    decode_gift_bytes,
    gift_export,
    gift_import,
)
from .models import QuizAttempt, QuizPage
from .reports import question_summary_for
from .services import AttemptRefused, essay_grade

Status = QuizAttempt.Status

GIFT_EXTENSIONS = (".gift", ".txt")
COMMENT_MAX_LENGTH = 5000

# Who may see what ---------------------------------------------------------------------------

_TRAINED_PATHS = "_quizzes_trained_course_paths"


def _trained_course_paths(user) -> tuple[str, ...]:
    """Tree paths of every language version of the courses ``user`` trains (one query,
    cached on the user for the request), so a page's course is found without a query."""
    if not hasattr(user, _TRAINED_PATHS):
        trained = CoursePage.objects.filter(trainers__user=user).values("translation_key")
        paths = CoursePage.objects.filter(translation_key__in=trained).values_list(
            "path", flat=True
        )
        setattr(user, _TRAINED_PATHS, tuple(paths))
    return getattr(user, _TRAINED_PATHS)


def quiz_in_scope(user, page: Page) -> bool:
    """May ``user`` use the trainers' tools on this quiz page (the enrolments' rule)?"""
    access = enrolment_access(user)
    if access == ALL_COURSES:
        return True
    if access == OWN_COURSES:
        return any(page.path.startswith(path) for path in _trained_course_paths(user))
    return False


def quiz_gift_allowed(user, page: Page) -> bool:
    """In scope, and allowed by Wagtail to edit the page."""
    return quiz_in_scope(user, page) and page.permissions_for_user(user).can_edit()


def attempts_visible_to(user) -> QuerySet[QuizAttempt]:
    """The attempts ``user`` may see and grade in the admin."""
    access = enrolment_access(user)
    if access == ALL_COURSES:
        return QuizAttempt.objects.all()
    if access == OWN_COURSES:
        # Attempts hang off enrolments, which use the canonical course: any version counts.
        trained = CoursePage.objects.filter(trainers__user=user).values("translation_key")
        return QuizAttempt.objects.filter(enrolment__course__translation_key__in=trained)
    return QuizAttempt.objects.none()


def quiz_or_404(request, page_id: int) -> QuizPage:
    quiz = get_object_or_404(QuizPage, pk=page_id)
    if not quiz_in_scope(request.user, quiz):
        raise Http404
    return quiz


class QuizMixin:
    """A view about one quiz (``page_id`` in the URL), in the user's scope."""

    gift_permission_required = False

    def dispatch(self, request, *args, **kwargs):
        self.quiz = quiz_or_404(request, kwargs["page_id"])
        if (
            self.gift_permission_required
            and not self.quiz.permissions_for_user(request.user).can_edit()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.quiz.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=(self.quiz.pk,)),
                "label": self.quiz.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def quiz_tool_buttons(self, *, current: str) -> list[HeaderButton]:
        user = self.request.user
        buttons = [
            ("attempts", _("Attempts"), "list-ul", True),
            ("summary", _("Question summary"), "table", True),
            ("gift_import", _("Import GIFT"), "upload", quiz_gift_allowed(user, self.quiz)),
            ("gift_export", _("Export GIFT"), "download", quiz_gift_allowed(user, self.quiz)),
        ]
        return [
            HeaderButton(
                label=label,
                url=reverse(f"quizzes_admin:{name}", args=(self.quiz.pk,)),
                icon_name=icon,
                priority=index,
            )
            for index, (name, label, icon, shown) in enumerate(buttons)
            if shown and name != current
        ]


# GIFT import and export ---------------------------------------------------------------------


class GiftUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("GIFT file"),
        help_text=gettext_lazy(
            "A .gift or .txt file in UTF-8, at most 1 MB, as Moodle exports it "
            "(Question bank → Export → GIFT format)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".gift,.txt,text/plain"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(GIFT_EXTENSIONS):
            raise forms.ValidationError(_("Upload a .gift or .txt file."))
        if upload.size > MAX_GIFT_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s): at most 1 MB.")
                % {"size": f"{upload.size / MAX_GIFT_BYTES:.1f} MB"}
            )
        data = upload.read(MAX_GIFT_BYTES + 1)
        if len(data) > MAX_GIFT_BYTES:
            raise forms.ValidationError(_("The file is too large: at most 1 MB."))
        try:
            return decode_gift_bytes(data)
        except GiftImportError as error:
            raise forms.ValidationError(str(error)) from None


class GiftImportView(QuizMixin, WagtailAdminTemplateMixin, FormView):
    gift_permission_required = True
    form_class = GiftUploadForm
    template_name = "quizzes/admin/gift_import.html"
    page_title = gettext_lazy("Import GIFT")
    header_icon = "upload"

    def get_header_buttons(self):
        return self.quiz_tool_buttons(current="gift_import")

    def form_invalid(self, form):
        messages.error(self.request, _("The file was not imported: see the error below."))
        return super().form_invalid(form)

    def form_valid(self, form):
        request = self.request
        try:
            report = gift_import(quiz=self.quiz, text=form.cleaned_data["file"], user=request.user)
        except GiftError as error:
            form.add_error(
                "file",
                _("Line %(line)d: expected %(expected)s")
                % {"line": error.line, "expected": error.expected},
            )
            return self.form_invalid(form)
        except GiftImportError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        if self.quiz.permissions_for_user(request.user).can_publish():
            note = _("They are in a new draft: publish the quiz to make them live.")
        else:
            note = _("They are in a new draft: submit the quiz for review to publish them.")
        messages.success(request, f"{report.summary()} {note}")
        for line in report.skipped_lines():
            messages.warning(request, line)
        return redirect("wagtailadmin_pages:edit", self.quiz.pk)


class GiftExportView(QuizMixin, View):
    gift_permission_required = True

    def get(self, request, *args, **kwargs):
        response = HttpResponse(
            gift_export(quiz=self.quiz), content_type="text/plain; charset=utf-8"
        )
        filename = f"{self.quiz.slug or 'quiz'}.gift"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


# A quiz's attempts -------------------------------------------------------------------------


def _number(value: float | None, suffix: str = "") -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return f"{round(value, 2):g}{suffix}"


def score_display(attempt: QuizAttempt) -> str:
    if attempt.score is None:
        return "—"
    return f"{_number(attempt.score)} / {_number(attempt.max_score)}"


def passed_display(attempt: QuizAttempt) -> str:
    if attempt.passed is None:
        return "—"
    return _("Yes") if attempt.passed else _("No")


class LearnerColumn(TitleColumn):
    """The learner's public name (which may be a pseudonym), and their email beneath it."""

    cell_template_name = "quizzes/admin/learner_cell.html"


def attempt_url(attempt: QuizAttempt) -> str:
    return reverse("quizzes_admin:attempt", args=(attempt.pk,))


class QuizAttemptsView(QuizMixin, BaseListingView):
    """Every attempt at one quiz: who, when, score, passed. A fixed number of queries."""

    page_title = gettext_lazy("Attempts")
    header_icon = "list-ul"
    paginate_by = 50
    default_ordering = "-started_at"
    verbose_name_plural = gettext_lazy("attempts")

    @cached_property
    def columns(self):
        return [
            LearnerColumn(
                "learner",
                label=_("Learner"),
                accessor="learner.public_name",
                sort_key="learner__email",
                get_url=attempt_url,
            ),
            Column("number", label=_("Attempt"), sort_key="number"),
            DateColumn("started_at", label=_("Started"), sort_key="started_at"),
            DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda attempt: attempt.status == Status.AWAITING_GRADING,
            ),
            Column("score", label=_("Score"), accessor=score_display, sort_key="score"),
            Column(
                "percent",
                label=_("Percent"),
                accessor=lambda attempt: _number(attempt.percent, " %"),
                sort_key="percent",
            ),
            Column("passed", label=_("Passed"), accessor=passed_display, sort_key="passed"),
        ]

    def get_base_queryset(self):
        return (
            attempts_visible_to(self.request.user)
            .filter(quiz_key=self.quiz.translation_key)
            .select_related("learner")
            .defer("snapshot", "responses", "results", "policy")
        )

    def get_index_url(self):
        return reverse("quizzes_admin:attempts", args=(self.quiz.pk,))

    def get_header_buttons(self):
        return self.quiz_tool_buttons(current="attempts")


class QuestionSummaryView(QuizMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/question_summary.html"
    page_title = gettext_lazy("Question summary")
    header_icon = "table"

    def get_header_buttons(self):
        return self.quiz_tool_buttons(current="summary")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quiz"] = self.quiz
        context["summaries"] = question_summary_for(quiz=self.quiz)
        return context


# Essay grading ------------------------------------------------------------------------------


class EssayQueueView(BaseListingView):
    """Submitted attempts with essays still to grade, in the user's courses, oldest first."""

    page_title = gettext_lazy("Essays to grade")
    header_icon = "doc-full"
    paginate_by = 50
    default_ordering = "submitted_at"
    verbose_name_plural = gettext_lazy("attempts awaiting grading")

    def dispatch(self, request, *args, **kwargs):
        if enrolment_access(request.user) is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def columns(self):
        return [
            LearnerColumn(
                "learner",
                label=_("Learner"),
                accessor="learner.public_name",
                sort_key="learner__email",
                get_url=attempt_url,
            ),
            Column("quiz_title", label=_("Quiz"), sort_key="quiz_title"),
            Column("course", label=_("Course"), accessor="enrolment.course.title"),
            Column("number", label=_("Attempt")),
            DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
            Column(
                "essays",
                label=_("Essays to grade"),
                accessor=lambda attempt: sum(
                    1 for result in attempt.results.values() if result.get("score") is None
                ),
            ),
        ]

    def get_base_queryset(self):
        return (
            attempts_visible_to(self.request.user)
            .filter(status=Status.AWAITING_GRADING)
            .select_related("learner", "enrolment__course")
            .defer("snapshot", "responses", "policy")
        )

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "pk")

    def get_index_url(self):
        return reverse("quizzes_admin:essays")


class EssayGradeForm(forms.Form):
    question_id = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # The range (0..points) is the service's rule: it refuses anything else with a message.
    score = forms.FloatField(label=gettext_lazy("Score"))
    comment = forms.CharField(
        label=gettext_lazy("Comment to the learner"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttemptGradeView(WagtailAdminTemplateMixin, TemplateView):
    """One attempt: its scores, and a grading form for each essay answer."""

    template_name = "quizzes/admin/attempt.html"
    page_title = gettext_lazy("Attempt")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        # Outside the user's courses: 404, whatever the method.
        self.attempt = get_object_or_404(
            attempts_visible_to(request.user).select_related("learner", "enrolment__course"),
            pk=kwargs["attempt_id"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{self.attempt.learner.public_name} – {self.attempt.quiz_title}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quizzes_admin:essays"), "label": _("Essays to grade")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_header_buttons(self):
        if self.attempt.quiz_id is None:
            return []
        return [
            HeaderButton(
                label=_("All attempts at this quiz"),
                url=reverse("quizzes_admin:attempts", args=(self.attempt.quiz_id,)),
                icon_name="list-ul",
            )
        ]

    def essays(self, bound_form: EssayGradeForm | None = None) -> list[dict]:
        attempt = self.attempt
        rows = []
        for index, question in enumerate(attempt.snapshot):
            if question["type"] != "essay":
                continue
            result = attempt.results.get(question["id"], {})
            if bound_form is not None and bound_form.data.get("question_id") == question["id"]:
                form = bound_form
            else:
                form = EssayGradeForm(
                    initial={
                        "question_id": question["id"],
                        "score": result.get("score"),
                        "comment": result.get("comment", ""),
                    },
                    auto_id=f"id_essay{index}_%s",
                )
            form.fields["score"].widget.attrs.update(
                {"min": 0, "max": question["points"], "step": "any"}
            )
            answer = attempt.responses.get(question["id"]) or ""
            rows.append(
                {
                    "number": index + 1,
                    "question": question,
                    # Stored sanitised; cleaned again on the way out all the same.
                    "answer": mark_safe(sanitise_html(answer)) if answer else "",  # noqa: S308
                    "result": result,
                    "graded": result.get("score") is not None,
                    "form": form,
                }
            )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attempt = self.attempt
        context.update(
            attempt=attempt,
            essays=self.essays(kwargs.get("bound_form")),
            score=score_display(attempt),
            percent=_number(attempt.percent, " %"),
            passed=passed_display(attempt),
            can_grade=attempt.status != Status.OPEN,
            questions=[
                {
                    "number": index + 1,
                    "question": question,
                    "score": _number(attempt.results.get(question["id"], {}).get("score")),
                    "points": _number(question["points"]),
                }
                for index, question in enumerate(attempt.snapshot)
            ],
            next_url=get_valid_next_url_from_request(self.request),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = EssayGradeForm(request.POST, auto_id="id_posted_%s")
        if not form.is_valid():
            messages.error(request, _("The grade could not be saved: see the form."))
            return self.render_to_response(self.get_context_data(bound_form=form))
        try:
            attempt = essay_grade(
                attempt=self.attempt,
                question_id=form.cleaned_data["question_id"],
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
                grader=request.user,
            )
        except AttemptRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(request.get_full_path())
        if attempt.status == Status.GRADED:
            messages.success(
                request,
                _("The attempt of %(learner)s at “%(quiz)s” is graded: %(score)s (%(percent)s).")
                % {
                    "learner": attempt.learner.public_name,
                    "quiz": attempt.quiz_title,
                    "score": score_display(attempt),
                    "percent": _number(attempt.percent, " %"),
                },
            )
            return redirect(
                get_valid_next_url_from_request(request) or reverse("quizzes_admin:essays")
            )
        left = sum(1 for result in attempt.results.values() if result.get("score") is None)
        messages.success(
            request,
            ngettext(
                "Grade saved; %(count)d essay is left to grade in this attempt.",
                "Grade saved; %(count)d essays are left to grade in this attempt.",
                left,
            )
            % {"count": left},
        )
        return redirect(request.get_full_path())
