"""Completion statistics for the admin reports: selectors, all computed in the database.

Every figure is a database aggregate (``aggregate``/``annotate``/``values`` with filtered
``Count``, ``Exists``/``Subquery``, ``TruncMonth``); nothing loops over learners in Python, and
each selector takes a fixed number of queries whatever the number of learners (the course
report takes one more query per quiz of the course, for the per-question summary).

Definitions (what a programme manager's donor report means by them):

* an *enrolment* is an enrolment that got a place (``enrolled_at`` set: accepted, admitted
  from the waitlist or enrolled directly), whatever happened to it afterwards (withdrawn or
  completed); pending, waitlisted and declined applications are counted as applications;
* *enrolments in range* were enrolled in the date range; *completions in range* completed a
  course in the range; the *completion rate* is the share of the enrolments in range that
  have completed (a cohort rate, so it never exceeds 100 %);
* *learners* are the distinct people with an enrolment in scope made by the end of the range;
* *active learners* had an enrolment in scope with a visit (``last_active_at``) or a completed
  activity in the last 7 / 30 days (counted back from now, not from the range).

Dates are calendar days in the site's time zone; ``end`` is included.

The table builders at the end (``register_table``) give each report table a name, so the
CSV/XLSX export writes the same rows as the page.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    CharField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Collate, Concat, Lower, NullIf, TruncMonth
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.activities import activity_types, course_activities_for
from courses.admin_views import ALL_COURSES, OWN_COURSES, enrolment_access
from courses.models import ActivityCompletion, Country, CoursePage, Enrolment, ModulePage
from courses.models.pages import COURSE_LANGUAGES
from quizzes.models import QuizAttempt, QuizPage
from quizzes.reports import QuestionSummary
from quizzes.rollups import question_rollups_for, question_rollups_request

from .models import User
from .tables import Column, ReportError, Table, register_table

Status = Enrolment.Status

DEFAULT_RANGE_MONTHS = 12
LEARNER_PAGE_SIZE = 100


# Scope ---------------------------------------------------------------------------------------


def _canonical(queryset: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
    """Only the first-created language version of each course (enrolments point at it)."""
    earlier = CoursePage.objects.filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    return queryset.exclude(Exists(earlier))


def reportable_courses_for(user) -> QuerySet[CoursePage]:
    """The canonical courses ``user`` may report on: all for superusers and Reviewers, the
    courses they train (any language version) for trainers, none for anyone else."""
    access = enrolment_access(user)
    if access == ALL_COURSES:
        courses = CoursePage.objects.all()
    elif access == OWN_COURSES:
        trained = CoursePage.objects.filter(trainers__user=user).values("translation_key")
        courses = CoursePage.objects.filter(translation_key__in=trained)
    else:
        return CoursePage.objects.none()
    return _canonical(courses).order_by("title", "pk")


def sees_all_courses(user) -> bool:
    return enrolment_access(user) == ALL_COURSES


# Date ranges ---------------------------------------------------------------------------------


def default_range(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last 12 months: from the first day of the month a year ago to today."""
    today = today or timezone.localdate()
    year, month = today.year - 1, today.month + 1
    if month > 12:
        year, month = year + 1, 1
    return datetime.date(year, month, 1), today


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """Aware datetimes [start 00:00, day after end 00:00) in the site's time zone."""
    tz = timezone.get_current_timezone()
    lower = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    upper = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    return lower, upper


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current + datetime.timedelta(days=32)).replace(day=1)
    return months


def _month_of(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# Overview ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthFigures:
    month: datetime.date
    enrolments: int
    completions: int


@dataclass(frozen=True)
class Overview:
    start: datetime.date
    end: datetime.date
    learners: int
    new_signups: int
    enrolments: int
    active_7_days: int
    active_30_days: int
    completions: int
    completed_of_enrolments: int
    median_days_to_complete: float | None
    months: list[MonthFigures] = field(default_factory=list)

    @property
    def completion_rate(self) -> float | None:
        return _rate(self.completed_of_enrolments, self.enrolments)


class Median(Func):
    """PostgreSQL's ordered-set median (``percentile_cont``), an aggregate."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    contains_aggregate = True
    window_compatible = False


class MedianAggregate(Aggregate):
    """``Median`` as a real aggregate, so it takes ``filter=`` (``FILTER (WHERE …)``) and can
    share one pass over the rows with other aggregates. PostgreSQL only."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    window_compatible = False


def _epoch(expression) -> Func:
    return Func(
        expression,
        function="EXTRACT",
        template="EXTRACT(EPOCH FROM %(expressions)s)",
        output_field=FloatField(),
    )


def _days_to_complete() -> ExpressionWrapper:
    return ExpressionWrapper(F("completed_at") - F("enrolled_at"), output_field=DurationField())


def median_days_to_complete(enrolments: QuerySet[Enrolment]) -> float | None:
    """Median of enrolled → completed in days over ``enrolments`` (completed ones).

    One aggregate query on PostgreSQL; elsewhere two (a count, then the middle one or two
    values by ORDER BY/OFFSET). Never reads all rows into Python.
    """
    done = enrolments.filter(completed_at__isnull=False, enrolled_at__isnull=False)
    if connection.vendor == "postgresql":
        median = done.aggregate(
            median=Median(_epoch(_days_to_complete()), output_field=FloatField())
        )["median"]
        return None if median is None else round(median / 86400, 1)
    count = done.count()
    if not count:
        return None
    middle = list(
        done.annotate(took=_days_to_complete())
        .order_by("took")
        .values_list("took", flat=True)[(count - 1) // 2 : count // 2 + 1]
    )
    seconds = sum(took.total_seconds() for took in middle) / len(middle)
    return round(seconds / 86400, 1)


def _enrolments_in(courses: QuerySet[CoursePage]) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(course__in=courses.values("pk")).order_by()


def overview_for(
    *,
    courses: QuerySet[CoursePage],
    start: datetime.date,
    end: datetime.date,
    everyone: bool = False,
) -> Overview:
    """Key figures of ``courses`` for the range [start, end] and the monthly series.

    New sign-ups are the accounts created in the range; unless ``everyone`` (an admin who
    sees all courses), only those with an enrolment in ``courses``. Three queries on
    PostgreSQL (the figures and the median in one pass over the enrolments, the sign-ups,
    both monthly series in one pass); five elsewhere (the median takes two).
    """
    lower, upper = _bounds(start, end)
    now = timezone.now()
    enrolments = _enrolments_in(courses)
    in_range = Q(enrolled_at__gte=lower, enrolled_at__lt=upper)
    completed_in_range = Q(completed_at__gte=lower, completed_at__lt=upper)

    def active_since(days: int) -> Q:
        # ``pk IN (recent completions)``: PostgreSQL reads the recent completions once by
        # their completed_at index and hashes their enrolment ids (a hashed SubPlan), rather
        # than probing the completions once per enrolment as a correlated EXISTS would.
        since = now - datetime.timedelta(days=days)
        recent = ActivityCompletion.objects.filter(completed_at__gte=since).order_by()
        return Q(last_active_at__gte=since) | Q(pk__in=recent.values("enrolment_id").distinct())

    aggregates = {
        "learners": Count("learner", distinct=True, filter=Q(enrolled_at__lt=upper)),
        "enrolments": Count("pk", filter=in_range),
        "completed_of_enrolments": Count("pk", filter=in_range & Q(completed_at__isnull=False)),
        "completions": Count("pk", filter=completed_in_range),
        "active_7_days": Count("learner", distinct=True, filter=active_since(7)),
        "active_30_days": Count("learner", distinct=True, filter=active_since(30)),
    }
    postgres = connection.vendor == "postgresql"
    if postgres:  # the median in the same pass
        aggregates["median_seconds"] = MedianAggregate(
            _epoch(_days_to_complete()),
            filter=completed_in_range & Q(enrolled_at__isnull=False),
            output_field=FloatField(),
        )
    figures = enrolments.aggregate(**aggregates)
    if postgres:
        seconds = figures.pop("median_seconds")
        median = None if seconds is None else round(seconds / 86400, 1)
    else:
        median = median_days_to_complete(enrolments.filter(completed_in_range))

    signups = User.objects.filter(date_joined__gte=lower, date_joined__lt=upper)
    if not everyone:
        signups = signups.filter(Exists(enrolments.filter(learner_id=OuterRef("pk"))))
    new_signups = signups.count()

    # Both monthly series in one pass: one row per (month enrolled, month completed) pair
    # of the enrolments made or completed in the range (at most 13 × 13 rows).
    per_month: dict[datetime.date, list[int]] = {month: [0, 0] for month in _months(start, end)}
    rows = (
        enrolments.filter(in_range | completed_in_range)
        .annotate(
            enrolled_month=TruncMonth("enrolled_at"), completed_month=TruncMonth("completed_at")
        )
        .values("enrolled_month", "completed_month")
        .annotate(
            enrolled=Count("pk", filter=in_range), completed=Count("pk", filter=completed_in_range)
        )
        .values_list("enrolled_month", "completed_month", "enrolled", "completed")
    )
    for enrolled_month, completed_month, enrolled, completed in rows:
        for index, (month, n) in enumerate(
            ((enrolled_month, enrolled), (completed_month, completed))
        ):
            month = _month_of(month)
            if n and month in per_month:
                per_month[month][index] += n

    return Overview(
        start=start,
        end=end,
        new_signups=new_signups,
        median_days_to_complete=median,
        months=[MonthFigures(month, e, c) for month, (e, c) in per_month.items()],
        **figures,
    )


# Course report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityFigures:
    key: Any
    title: str
    module: str
    kind: str
    required: bool
    completions: int
    enrolments: int

    @property
    def rate(self) -> float | None:
        return _rate(self.completions, self.enrolments)


@dataclass(frozen=True)
class ModuleFigures:
    title: str
    activities: int
    required: int
    completions: int  # completions of its required activities
    enrolments: int

    @property
    def rate(self) -> float | None:
        """Average completion of the module's required activities, in %."""
        return _rate(self.completions, self.required * self.enrolments)


@dataclass(frozen=True)
class QuizFigures:
    quiz: QuizPage
    learners: int  # learners with a submitted attempt
    attempts: int
    passed: int  # learners with a passing attempt
    average_percent: float | None
    questions: list[QuestionSummary]
    questions_as_of: datetime.datetime | None  # when the per-question figures were computed
    questions_updating: bool  # newer attempts exist; a refresh is on its way

    @property
    def pass_rate(self) -> float | None:
        return _rate(self.passed, self.learners)

    @property
    def attempts_per_learner(self) -> float | None:
        return round(self.attempts / self.learners, 2) if self.learners else None


def language_name(code: str) -> str:
    return str(dict(COURSE_LANGUAGES).get(code, code))


@dataclass(frozen=True)
class LanguageFigures:
    """Learners who completed activities in a language, and how many they completed."""

    code: str  # "" where not recorded
    learners: int
    completions: int

    @property
    def name(self) -> str:
        return language_name(self.code) if self.code else _("(not recorded)")


@dataclass(frozen=True)
class CourseReport:
    course: CoursePage
    required_activities: int
    enrolled: int
    started: int
    halfway: int
    completed: int
    applications: dict[str, int]
    languages: list[LanguageFigures]
    modules: list[ModuleFigures]
    activities: list[ActivityFigures]
    quizzes: list[QuizFigures]

    @property
    def questions_as_of(self) -> datetime.datetime | None:
        """When the oldest per-question figures shown were computed."""
        return min((q.questions_as_of for q in self.quizzes if q.questions_as_of), default=None)

    @property
    def questions_updating(self) -> bool:
        return any(q.questions_updating for q in self.quizzes)

    @property
    def funnel(self) -> list[tuple[str, int]]:
        return [
            (_("Enrolled"), self.enrolled),
            (_("Started"), self.started),
            (_("Half-way"), self.halfway),
            (_("Completed"), self.completed),
        ]


def _course_activity_pages(course: CoursePage) -> tuple[list[dict], list[dict]]:
    """(modules, activities) of ``course`` in tree order, as plain rows: two queries."""
    modules = list(
        Page.objects.live()
        .child_of(course)
        .type(ModulePage)
        .order_by("path")
        .values("path", "title")
    )
    types = activity_types()
    activities = list(
        Page.objects.live()
        .descendant_of(course)
        .filter(depth=course.depth + 2)
        .type(*types)
        .order_by("path")
        .values("path", "title", "translation_key", "content_type__model")
        if types
        else []
    )
    return modules, activities


def course_report_for(*, course: CoursePage) -> CourseReport:
    """Funnel, completion per module and activity, quiz figures and applications of one
    (canonical) course. 10 queries (two of them one per activity type), whatever the number
    of quizzes; where tasks run in-process, stale question roll-ups are first recomputed."""
    keys = course_activities_for([course])[course.pk]
    required = keys.required
    enrolments = Enrolment.objects.filter(course=course).order_by()
    placed = Q(enrolled_at__isnull=False)
    half = math.ceil(len(required) / 2)

    per_enrolment = enrolments.annotate(
        done=Count("completions", filter=Q(completions__activity_key__in=required)),
        any_done=Count("completions"),
    )
    funnel = per_enrolment.aggregate(
        enrolled=Count("pk", filter=placed),
        started=Count("pk", filter=placed & Q(any_done__gte=1)),
        halfway=Count("pk", filter=placed & Q(done__gte=half)) if required else Value(0),
        completed=Count("pk", filter=placed & Q(completed_at__isnull=False)),
        accepted=Count("pk", filter=Q(decided_at__isnull=False, enrolled_at__isnull=False)),
        declined=Count("pk", filter=Q(status=Status.DECLINED)),
        waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        withdrawn=Count("pk", filter=Q(status=Status.WITHDRAWN)),
    )
    applications = {
        key: funnel.pop(key)
        for key in ("accepted", "declined", "waitlisted", "pending", "withdrawn")
    }
    done_by_key = dict(
        ActivityCompletion.objects.filter(
            enrolment__course=course, enrolment__enrolled_at__isnull=False
        )
        .order_by()
        .values("activity_key")
        .annotate(n=Count("pk"))
        .values_list("activity_key", "n")
    )
    # A course counts once across its translations; this is which languages were used.
    languages = [
        LanguageFigures(code=row["language"], learners=row["learners"], completions=row["n"])
        for row in ActivityCompletion.objects.filter(enrolment__course=course)
        .order_by()
        .values("language")
        .annotate(learners=Count("enrolment", distinct=True), n=Count("*"))
        .order_by("-learners", "language")
    ]
    module_rows, activity_rows = _course_activity_pages(course)
    module_title = {row["path"]: row["title"] for row in module_rows}
    enrolled = funnel["enrolled"]
    activities = [
        ActivityFigures(
            key=row["translation_key"],
            title=row["title"],
            module=module_title.get(row["path"][: -Page.steplen], ""),
            kind=row["content_type__model"],
            required=row["translation_key"] in required,
            completions=done_by_key.get(row["translation_key"], 0),
            enrolments=enrolled,
        )
        for row in activity_rows
    ]
    modules = []
    for row in module_rows:
        inside = [
            a
            for a, r in zip(activities, activity_rows, strict=True)
            if r["path"].startswith(row["path"])
        ]
        modules.append(
            ModuleFigures(
                title=row["title"],
                activities=len(inside),
                required=sum(a.required for a in inside),
                completions=sum(a.completions for a in inside if a.required),
                enrolments=enrolled,
            )
        )

    quizzes = list(QuizPage.objects.live().descendant_of(course).order_by("path"))
    # By quiz key, not through the enrolments: an index-only scan of attempt_quiz_submitted.
    by_quiz = {
        row["quiz_key"]: row
        for row in QuizAttempt.objects.filter(quiz_key__in=[q.translation_key for q in quizzes])
        .exclude(status=QuizAttempt.Status.OPEN)
        .order_by()
        .values("quiz_key")
        .annotate(
            learners=Count("learner", distinct=True),
            attempts=Count("*"),  # not the id: it is not in the index
            passed=Count("learner", distinct=True, filter=Q(passed=True)),
            average=Avg("percent"),
        )
    }
    # Per-question figures come precomputed (quizzes.rollups); stale ones are refreshed by
    # a worker while this report shows the previous figures, with their time.
    rollups = question_rollups_for(quizzes=quizzes)
    stale = [key for key, rollup in rollups.items() if rollup.stale]
    if stale and question_rollups_request(quiz_keys=stale):
        rollups = question_rollups_for(quizzes=quizzes)
    quiz_figures = []
    for quiz in quizzes:
        row = by_quiz.get(quiz.translation_key, {})
        average = row.get("average")
        rollup = rollups[quiz.translation_key]
        quiz_figures.append(
            QuizFigures(
                quiz=quiz,
                learners=row.get("learners", 0),
                attempts=row.get("attempts", 0),
                passed=row.get("passed", 0),
                average_percent=None if average is None else round(average, 1),
                questions=rollup.summaries or [],
                questions_as_of=rollup.computed_at,
                questions_updating=rollup.stale,
            )
        )

    return CourseReport(
        course=course,
        required_activities=len(required),
        applications=applications,
        languages=languages,
        modules=modules,
        activities=activities,
        quizzes=quiz_figures,
        **funnel,
    )


# Breakdowns ----------------------------------------------------------------------------------

BREAKDOWNS = {
    "country": _("Country"),
    "organisation": _("Organisation"),
    "language": _("Course language"),
    "month": _("Month"),
}


@dataclass(frozen=True)
class BreakdownRow:
    key: Any
    label: str
    learners: int
    enrolments: int
    completions: int

    @property
    def completion_rate(self) -> float | None:
        return _rate(self.completions, self.enrolments)


def breakdown_for(
    *, courses: QuerySet[CoursePage], start: datetime.date, end: datetime.date, by: str
) -> list[BreakdownRow]:
    """The key figures of the enrolments made in [start, end], grouped ``by`` country,
    organisation, course language or month: learners, enrolments, of which completed, and
    the completion rate. One query; the rows are groups, never learners."""
    if by not in BREAKDOWNS:
        raise ReportError(
            _("Unknown breakdown “%(by)s”: choose one of %(choices)s.")
            % {"by": by, "choices": ", ".join(BREAKDOWNS)}
        )
    lower, upper = _bounds(start, end)
    enrolments = _enrolments_in(courses).filter(enrolled_at__gte=lower, enrolled_at__lt=upper)
    key = {
        "country": F("learner__country__name"),
        "organisation": F("learner__organisation"),
        "language": F("course__language"),
        "month": TruncMonth("enrolled_at"),
    }[by]
    rows = (
        enrolments.annotate(group=key)
        .values("group")
        .annotate(
            learners=Count("learner", distinct=True),
            enrolments=Count("pk"),
            completions=Count("pk", filter=Q(completed_at__isnull=False)),
        )
        .order_by("group")
    )
    languages = dict(COURSE_LANGUAGES)
    result = []
    for row in rows:
        group = row["group"]
        if by == "month":
            group = _month_of(group)
            label = group.strftime("%Y-%m")
        elif by == "language":
            label = str(languages.get(group, group))
        else:
            group = group or ""
            label = group or _("(not given)")
        result.append(
            BreakdownRow(group, label, row["learners"], row["enrolments"], row["completions"])
        )
    if by == "organisation":  # blank and NULL are one group
        merged: dict[str, BreakdownRow] = {}
        for row in result:
            if row.key in merged:
                old = merged[row.key]
                row = BreakdownRow(
                    row.key,
                    row.label,
                    old.learners + row.learners,
                    old.enrolments + row.enrolments,
                    old.completions + row.completions,
                )
            merged[row.key] = row
        result = list(merged.values())
    if by != "month":
        result.sort(key=lambda row: (-row.enrolments, row.label.lower()))
    return result


# Learner list --------------------------------------------------------------------------------

LEARNER_SORTS = {
    "name": "sort_name",
    "country": "learner__country__name",
    "organisation": "learner__organisation",
    "enrolled": "enrolled_at",
    "progress": "done",
    "last_active": "last_active_at",
    "completed": "completed_at",
    "score": "best_score",
}
COLLATED_SORTS = {"sort_name", "learner__country__name", "learner__organisation"}
# PostgreSQL's ICU collation per interface language, so that names sort where their readers
# expect č, ć, š, ş, ğ, ë (PostgreSQL builds with ICU, as Debian's and the official images
# do, ship these). Montenegrin follows Serbian Latin as written in Montenegro.
ICU_COLLATIONS = {
    "en": "en-x-icu",
    "sq": "sq-x-icu",
    "bs": "bs-x-icu",
    "bg": "bg-x-icu",
    "hr": "hr-x-icu",
    "mk": "mk-x-icu",
    "cnr": "sr-Latn-ME-x-icu",
    "sr-latn": "sr-Latn-x-icu",
    "sr": "sr-x-icu",
    "tr": "tr-x-icu",
}


def _collated(column: str):
    """``column`` sorted by the active language's rules where the database can (PostgreSQL);
    elsewhere as stored."""
    collation = ICU_COLLATIONS.get(get_language() or "")
    if connection.vendor == "postgresql" and collation:
        return Collate(F(column), collation)
    return F(column)


LEARNER_STATUSES = {
    "enrolled": Q(enrolled_at__isnull=False),
    "in_progress": Q(status=Status.ACTIVE, completed_at__isnull=True),
    "completed": Q(completed_at__isnull=False),
    "withdrawn": Q(status=Status.WITHDRAWN),
    "pending": Q(status=Status.PENDING),
    "waitlisted": Q(status=Status.WAITLISTED),
    "declined": Q(status=Status.DECLINED),
}


@dataclass
class LearnerList:
    course: CoursePage
    required: int
    rows: QuerySet  # values() rows, sorted and filtered; slice it to page
    sort: str

    @staticmethod
    def progress(row: dict, required: int) -> float | None:
        return _rate(row["done"], required) if required else None


def learner_list_for(*, course: CoursePage, sort: str = "name", filters: dict | None = None):
    """The learners of ``course`` (one row per enrolment), sorted by a whitelisted key
    (``-`` for descending) and filtered by ``status`` and ``country`` (a country slug).
    Returns a ``LearnerList`` whose ``rows`` is a lazy queryset: one query per slice."""
    filters = filters or {}
    descending = sort.startswith("-")
    column = LEARNER_SORTS.get(sort.removeprefix("-"))
    if column is None:
        raise ReportError(
            _("Unknown sort “%(sort)s”: choose one of %(choices)s.")
            % {"sort": sort, "choices": ", ".join(LEARNER_SORTS)}
        )
    required = course_activities_for([course])[course.pk].required
    enrolments = Enrolment.objects.filter(course=course)
    status = filters.get("status") or ""
    if status:
        if status not in LEARNER_STATUSES:
            raise ReportError(_("Unknown status “%(status)s”.") % {"status": status})
        enrolments = enrolments.filter(LEARNER_STATUSES[status])
    country = filters.get("country") or ""
    if country:
        if not Country.objects.filter(slug=country).exists():
            raise ReportError(_("Unknown country “%(country)s”.") % {"country": country})
        enrolments = enrolments.filter(learner__country__slug=country)

    done = (
        ActivityCompletion.objects.filter(enrolment=OuterRef("pk"), activity_key__in=required)
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    best = (
        QuizAttempt.objects.filter(enrolment=OuterRef("pk"), percent__isnull=False)
        .order_by()
        .values("enrolment")
        .annotate(best=Max("percent"))
        .values("best")
    )
    rows = enrolments.annotate(
        sort_name=Lower(
            Coalesce(
                NullIf("learner__display_name", Value("")),
                NullIf(
                    Concat(
                        "learner__first_name",
                        Value(" "),
                        "learner__last_name",
                        output_field=CharField(),
                    ),
                    Value(" "),
                ),
                "learner__email",
            )
        ),
        done=Coalesce(Subquery(done, output_field=IntegerField()), 0),
        best_score=Subquery(best, output_field=FloatField()),
    ).values(
        "pk",
        "status",
        "learner__display_name",
        "learner__first_name",
        "learner__last_name",
        "learner__email",
        "learner__country__name",
        "learner__organisation",
        "enrolled_at",
        "last_active_at",
        "completed_at",
        "done",
        "best_score",
    )
    key = _collated(column) if column in COLLATED_SORTS else F(column)
    order = key.desc(nulls_last=True) if descending else key.asc(nulls_last=True)
    rows = rows.order_by(order, "pk")
    return LearnerList(course=course, required=len(required), rows=rows, sort=sort)


def learner_public_name(row: dict) -> str:
    full = f"{row['learner__first_name']} {row['learner__last_name']}".strip()
    return row["learner__display_name"] or full or row["learner__email"]


# Request parameters (shared by the pages and the exports) --------------------------------------


def parse_date(value: str, label: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ReportError(
            _("%(label)s “%(value)s” is not a date: use YYYY-MM-DD.")
            % {"label": label, "value": value}
        ) from None


def range_from(params: QueryDict) -> tuple[datetime.date, datetime.date]:
    default_start, default_end = default_range()
    start = (
        parse_date(params["start"], _("Start"))
        if params.get("start", "").strip()
        else default_start
    )
    end = parse_date(params["end"], _("End")) if params.get("end", "").strip() else default_end
    if end < start:
        raise ReportError(_("The end date is before the start date."))
    return start, end


def course_from(user, params: QueryDict) -> CoursePage:
    """The reportable course named by ``course`` (an id); 404 for any other id."""
    raw = params.get("course", "")
    if not raw.isdigit():
        raise Http404
    course = reportable_courses_for(user).filter(pk=int(raw)).first()
    if course is None:
        raise Http404
    return course


def _iso(value) -> str:
    return value.isoformat() if value else ""


# Table builders ------------------------------------------------------------------------------


@register_table("overview_monthly")
def overview_monthly_table(user, params: QueryDict, overview: Overview | None = None) -> Table:
    start, end = range_from(params)
    if overview is None:
        overview = overview_for(
            courses=reportable_courses_for(user),
            start=start,
            end=end,
            everyone=sees_all_courses(user),
        )
    rows = [(m.month.strftime("%Y-%m"), m.enrolments, m.completions) for m in overview.months]
    return Table(
        name="overview_monthly",
        title=_("Enrolments and completions by month"),
        columns=[
            Column("month", _("Month")),
            Column("enrolments", _("Enrolments"), "int"),
            Column("completions", _("Completions"), "int"),
        ],
        rows=rows,
        row_count=len(rows),
        params={"start": start.isoformat(), "end": end.isoformat()},
    )


@register_table("breakdown")
def breakdown_table(user, params: QueryDict, breakdown: list | None = None) -> Table:
    start, end = range_from(params)
    by = params.get("by") or "country"
    if breakdown is None:
        breakdown = breakdown_for(courses=reportable_courses_for(user), start=start, end=end, by=by)
    rows = [
        (r.label, r.learners, r.enrolments, r.completions, r.completion_rate) for r in breakdown
    ]
    return Table(
        name="breakdown",
        title=_("Enrolments by %(by)s") % {"by": str(BREAKDOWNS[by]).lower()},
        columns=[
            Column("group", str(BREAKDOWNS[by])),
            Column("learners", _("Learners"), "int"),
            Column("enrolments", _("Enrolments"), "int"),
            Column("completions", _("Completed"), "int"),
            Column("completion_rate", _("Completion rate"), "percent"),
        ],
        rows=rows,
        row_count=len(rows),
        params={"start": start.isoformat(), "end": end.isoformat(), "by": by},
    )


def learner_list_params(params: QueryDict) -> tuple[str, dict]:
    return params.get("sort") or "name", {
        "status": params.get("status", ""),
        "country": params.get("country", ""),
    }


def _learner_rows(listing: LearnerList, rows) -> Iterator[tuple]:
    for row in rows:
        yield (
            learner_public_name(row),
            row["learner__country__name"] or "",
            row["learner__organisation"] or "",
            Status(row["status"]).label,
            row["enrolled_at"],
            LearnerList.progress(row, listing.required),
            row["last_active_at"],
            row["completed_at"],
            None if row["best_score"] is None else round(row["best_score"], 1),
        )


LEARNER_COLUMNS = [
    Column("name", _("Name")),
    Column("country", _("Country")),
    Column("organisation", _("Organisation")),
    Column("status", _("Status")),
    Column("enrolled", _("Enrolled"), "datetime"),
    Column("progress", _("Progress"), "percent"),
    Column("last_active", _("Last active"), "datetime"),
    Column("completed", _("Completed"), "datetime"),
    Column("score", _("Best quiz score"), "percent"),
]


@register_table("learner_list")
def learner_list_table(user, params: QueryDict, page: slice | None = None) -> Table:
    """All learners for an export (a lazy iterator), or one ``page`` slice for the screen."""
    course = course_from(user, params)
    sort, filters = learner_list_params(params)
    listing = learner_list_for(course=course, sort=sort, filters=filters)
    count = listing.rows.count()
    rows = listing.rows[page] if page is not None else listing.rows.iterator(chunk_size=2000)
    return Table(
        name="learner_list",
        title=_("Learners of %(course)s") % {"course": course.title},
        columns=LEARNER_COLUMNS,
        rows=_learner_rows(listing, rows) if page is None else list(_learner_rows(listing, rows)),
        row_count=count,
        params={"course": str(course.pk), "sort": sort, **{k: v for k, v in filters.items() if v}},
    )


def _course_params(course: CoursePage) -> dict[str, str]:
    return {"course": str(course.pk)}


@register_table("course_modules")
def course_modules_table(user, params: QueryDict, report: CourseReport | None = None) -> Table:
    course = report.course if report else course_from(user, params)
    report = report or course_report_for(course=course)
    rows = [(m.title, m.required, m.completions, m.rate) for m in report.modules]
    return Table(
        name="course_modules",
        title=_("Completion by module"),
        columns=[
            Column("module", _("Module")),
            Column("required", _("Required activities"), "int"),
            Column("completions", _("Completions of required activities"), "int"),
            Column("rate", _("Average completion"), "percent"),
        ],
        rows=rows,
        row_count=len(rows),
        params=_course_params(course),
    )


@register_table("course_activities")
def course_activities_table(user, params: QueryDict, report: CourseReport | None = None) -> Table:
    course = report.course if report else course_from(user, params)
    report = report or course_report_for(course=course)
    rows = [
        (a.module, a.title, a.kind, a.required, a.completions, a.rate) for a in report.activities
    ]
    return Table(
        name="course_activities",
        title=_("Completion by activity"),
        columns=[
            Column("module", _("Module")),
            Column("activity", _("Activity")),
            Column("type", _("Type")),
            Column("required", _("Required")),
            Column("completions", _("Completed by"), "int"),
            Column("rate", _("Completion rate"), "percent"),
        ],
        rows=rows,
        row_count=len(rows),
        params=_course_params(course),
    )


@register_table("course_languages")
def course_languages_table(user, params: QueryDict, report: CourseReport | None = None) -> Table:
    course = report.course if report else course_from(user, params)
    report = report or course_report_for(course=course)
    rows = [(row.name, row.learners, row.completions) for row in report.languages]
    return Table(
        name="course_languages",
        title=_("Languages used"),
        columns=[
            Column("language", _("Language")),
            Column("learners", _("Learners"), "int"),
            Column("completions", _("Activities completed"), "int"),
        ],
        rows=rows,
        row_count=len(rows),
        params=_course_params(course),
    )


@register_table("course_quizzes")
def course_quizzes_table(user, params: QueryDict, report: CourseReport | None = None) -> Table:
    course = report.course if report else course_from(user, params)
    report = report or course_report_for(course=course)
    rows = [
        (
            q.quiz.title,
            q.learners,
            q.attempts,
            q.attempts_per_learner,
            q.passed,
            q.pass_rate,
            q.average_percent,
        )
        for q in report.quizzes
    ]
    return Table(
        name="course_quizzes",
        title=_("Quizzes"),
        columns=[
            Column("quiz", _("Quiz")),
            Column("learners", _("Learners who submitted"), "int"),
            Column("attempts", _("Attempts"), "int"),
            Column("attempts_per_learner", _("Attempts per learner"), "number"),
            Column("passed", _("Learners who passed"), "int"),
            Column("pass_rate", _("Pass rate"), "percent"),
            Column("average", _("Average score"), "percent"),
        ],
        rows=rows,
        row_count=len(rows),
        params=_course_params(course),
    )


@register_table("quiz_questions")
def quiz_questions_table(user, params: QueryDict, report: CourseReport | None = None) -> Table:
    course = report.course if report else course_from(user, params)
    report = report or course_report_for(course=course)
    rows = [
        (
            q.quiz.title,
            s.position,
            s.title or _strip(s.text),
            s.attempts,
            s.answered,
            s.percent_correct,
            s.average_percent,
            s.wrong_answer,
            s.wrong_answer_count,
        )
        for q in report.quizzes
        for s in q.questions
    ]
    return Table(
        name="quiz_questions",
        title=_("Quiz questions"),
        columns=[
            Column("quiz", _("Quiz")),
            Column("position", _("#"), "int"),
            Column("question", _("Question")),
            Column("attempts", _("Attempts"), "int"),
            Column("answered", _("Answered"), "int"),
            Column("correct", _("Correct"), "percent"),
            Column("average", _("Average score"), "percent"),
            Column("wrong_answer", _("Most chosen wrong answer")),
            Column("wrong_answer_count", _("Times chosen"), "int"),
        ],
        rows=rows,
        row_count=len(rows),
        params=_course_params(course),
    )


def _strip(html: str) -> str:
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html).split())[:200]


__all__ = [
    "CourseReport",
    "Overview",
    "breakdown_for",
    "course_report_for",
    "learner_list_for",
    "overview_for",
    "reportable_courses_for",
]
