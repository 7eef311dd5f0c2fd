"""The "Reports" pages of the Wagtail admin: overview, course report, breakdowns, learners.

Who sees what follows the enrolments admin (``courses.admin_views.enrolment_access``):
superusers and Reviewers report on every course, trainers on the courses they train, anyone
else gets no menu and a 403 (Wagtail already sends anonymous visitors to the admin login). A
course outside the user's scope is a 404, so ids cannot be probed.

The figures come from ``learners.statistics``; every table is built by the registered table
builder the CSV/XLSX export uses, so a download matches the page. Bad filters (a malformed
date, the end before the start, an unknown breakdown or sort) show a message, never a 500.

These are plain ``WagtailAdminTemplateMixin`` pages rather than Wagtail's ``ReportView``:
``ReportView`` lists a queryset of objects, while these pages show aggregates, charts and
several tables.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.admin_views import enrolment_access
from courses.models import Country

from . import charts, statistics
from .tables import ReportError, Table

EXPORT_FORMATS = ("csv", "xlsx")


def export_links(table: Table) -> list[tuple[str, str]]:
    """(label, URL) of the CSV and XLSX downloads of ``table`` with its filters."""
    try:
        base = reverse("learners:report_export", args=[table.name])
    except NoReverseMatch:  # the export view is not installed (yet)
        base = f"/learn/reports/export/{table.name}/"
    return [
        (fmt.upper(), f"{base}?{urlencode({**table.params, 'format': fmt})}")
        for fmt in EXPORT_FORMATS
    ]


def format_cell(value, kind: str) -> str:
    """A cell as the page shows it (exports write the raw value)."""
    if value is None or value == "":
        return "—" if kind != "text" else ""
    if kind == "percent":
        return f"{value:g} %"
    if kind == "datetime":
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if kind == "date":
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def table_context(table: Table) -> dict:
    kinds = [column.kind for column in table.columns]
    rows = [[format_cell(v, k) for v, k in zip(row, kinds, strict=True)] for row in table.rows]
    return {"table": table, "rows": rows, "exports": export_links(table)}


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end date is before the start date."))
        return data

    def params(self) -> QueryDict:
        """The cleaned range with defaults filled in, as the table builders read it."""
        default_start, default_end = statistics.default_range()
        params = QueryDict(mutable=True)
        params["start"] = (self.cleaned_data.get("start") or default_start).isoformat()
        params["end"] = (self.cleaned_data.get("end") or default_end).isoformat()
        return params


class BreakdownForm(DateRangeForm):
    by = forms.ChoiceField(
        label=gettext_lazy("By"), choices=list(statistics.BREAKDOWNS.items()), required=False
    )

    def params(self) -> QueryDict:
        params = super().params()
        params["by"] = self.cleaned_data.get("by") or "country"
        return params


class ReportMixin(WagtailAdminTemplateMixin):
    header_icon = "table"
    report_name = ""

    def dispatch(self, request, *args, **kwargs):
        if enrolment_access(request.user) is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("learners_reports:overview"), "label": _("Reports")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report_nav"] = [
            (reverse(f"learners_reports:{name}"), label, name == self.report_name)
            for name, label in REPORTS
        ]
        try:
            return self.report_context(context)
        except ReportError as error:
            context["report_error"] = str(error)
            return context

    def report_context(self, context: dict) -> dict:
        return context


REPORTS = (
    ("overview", gettext_lazy("Overview")),
    ("course", gettext_lazy("Course report")),
    ("breakdown", gettext_lazy("Breakdowns")),
    ("learners", gettext_lazy("Learners")),
)


class OverviewView(ReportMixin, TemplateView):
    template_name = "learners/reports/overview.html"
    page_title = gettext_lazy("Reports: overview")
    report_name = "overview"
    header_icon = "chart-line"

    def report_context(self, context: dict) -> dict:
        form = DateRangeForm(self.request.GET)
        context["form"] = form
        if not form.is_valid():
            return context
        params = form.params()
        start, end = statistics.range_from(params)
        user = self.request.user
        overview = statistics.overview_for(
            courses=statistics.reportable_courses_for(user),
            start=start,
            end=end,
            everyone=statistics.sees_all_courses(user),
        )
        table = statistics.overview_monthly_table(user, params, overview=overview)
        context.update(
            overview=overview,
            chart=charts.monthly_trend_svg(
                [(m.month.strftime("%Y-%m"), m.enrolments, m.completions) for m in overview.months]
            ),
            **table_context(table),
        )
        return context


class CourseChoiceMixin:
    """Without ``?course=`` the page lists the user's courses to choose from; with an id
    outside the user's scope (or not a number) it is a 404."""

    def course_choices(self):
        return [
            (course, f"{self.request.path}?{urlencode({'course': course.pk})}")
            for course in statistics.reportable_courses_for(self.request.user)
        ]


class CourseReportView(CourseChoiceMixin, ReportMixin, TemplateView):
    template_name = "learners/reports/course.html"
    page_title = gettext_lazy("Reports: course")
    report_name = "course"

    def report_context(self, context: dict) -> dict:
        if "course" not in self.request.GET:
            context["choices"] = self.course_choices()
            return context
        user, params = self.request.user, self.request.GET
        course = statistics.course_from(user, params)
        report = statistics.course_report_for(course=course)
        context.update(
            course=report.course,
            report=report,
            learners_url=reverse("learners_reports:learners") + f"?course={course.pk}",
            funnel_chart=charts.funnel_svg(report.funnel),
            funnel_rows=[
                (label, n, statistics._rate(n, report.enrolled)) for label, n in report.funnel
            ],
            module_chart=charts.module_completion_svg([(m.title, m.rate) for m in report.modules]),
            modules=table_context(statistics.course_modules_table(user, params, report=report)),
            activities=table_context(
                statistics.course_activities_table(user, params, report=report)
            ),
            languages=table_context(statistics.course_languages_table(user, params, report=report)),
            quizzes=table_context(statistics.course_quizzes_table(user, params, report=report)),
            questions=table_context(statistics.quiz_questions_table(user, params, report=report)),
            question_charts=[
                (
                    quiz.quiz.title,
                    charts.question_pass_rate_svg(
                        [
                            (
                                f"{s.position or '—'}. {s.title or statistics._strip(s.text)}",
                                s.percent_correct,
                            )
                            for s in quiz.questions
                        ]
                    ),
                )
                for quiz in report.quizzes
                if quiz.questions
            ],
        )
        return context


class BreakdownView(ReportMixin, TemplateView):
    template_name = "learners/reports/breakdown.html"
    page_title = gettext_lazy("Reports: breakdowns")
    report_name = "breakdown"

    def report_context(self, context: dict) -> dict:
        form = BreakdownForm(self.request.GET)
        context["form"] = form
        if not form.is_valid():
            return context
        params = form.params()
        context.update(table_context(statistics.breakdown_table(self.request.user, params)))
        return context


class LearnerFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("All")),
            ("enrolled", gettext_lazy("Enrolled (ever)")),
            ("in_progress", gettext_lazy("In progress")),
            ("completed", gettext_lazy("Completed")),
            ("withdrawn", gettext_lazy("Withdrawn")),
            ("pending", gettext_lazy("Application pending")),
            ("waitlisted", gettext_lazy("On the waitlist")),
            ("declined", gettext_lazy("Declined")),
        ],
    )
    country = forms.ModelChoiceField(
        label=gettext_lazy("Country"),
        required=False,
        queryset=Country.objects.order_by("name"),
        to_field_name="slug",
        empty_label=gettext_lazy("All"),
    )


class LearnerListView(CourseChoiceMixin, ReportMixin, TemplateView):
    template_name = "learners/reports/learners.html"
    page_title = gettext_lazy("Reports: learners")
    report_name = "learners"
    paginate_by = statistics.LEARNER_PAGE_SIZE

    def report_context(self, context: dict) -> dict:
        params = self.request.GET
        if "course" not in params:
            context["choices"] = self.course_choices()
            return context
        user = self.request.user
        course = statistics.course_from(user, params)
        form = LearnerFilterForm(params)
        context.update(course=course, form=form)
        if not form.is_valid():
            return context
        sort = params.get("sort") or "name"
        if sort.removeprefix("-") not in statistics.LEARNER_SORTS:
            raise ReportError(_("Unknown sort “%(sort)s”.") % {"sort": sort})
        listing = statistics.learner_list_for(
            course=course,
            sort=sort,
            filters={"status": params.get("status", ""), "country": params.get("country", "")},
        )
        paginator = Paginator(listing.rows, self.paginate_by)
        page = paginator.get_page(params.get("p"))
        start = (page.number - 1) * self.paginate_by
        table = statistics.learner_list_table(
            user, params, page=slice(start, start + self.paginate_by)
        )
        base = {k: v for k, v in params.items() if k not in ("sort", "p")}
        context.update(
            page_obj=page,
            page_links={
                "previous": page.has_previous()
                and "?" + urlencode({**base, "sort": sort, "p": page.previous_page_number()}),
                "next": page.has_next()
                and "?" + urlencode({**base, "sort": sort, "p": page.next_page_number()}),
            },
            sort_links=[
                (
                    column.label,
                    "?"
                    + urlencode(
                        {**base, "sort": column.key if sort != column.key else f"-{column.key}"}
                    )
                    if column.key in statistics.LEARNER_SORTS
                    else "",
                    "▲" if sort == column.key else "▼" if sort == f"-{column.key}" else "",
                )
                for column in table.columns
            ],
            **table_context(table),
        )
        return context


__all__ = ["BreakdownView", "CourseReportView", "LearnerListView", "OverviewView"]
