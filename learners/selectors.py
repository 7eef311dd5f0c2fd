"""Reads for the learner's own pages, in a fixed number of queries whatever their size.

``learner_dashboard`` ("My learning") runs, whatever the number of enrolments:

1. the learner's enrolments with their course and last visited page (joined), each
   waitlisted one with its position computed by a correlated subquery in the same query;
2. one query per activity type (``courses.activities.course_activities_for``) for the
   required activities of the courses in progress;
3. one query for the (enrolment, activity) pairs the learner completed in those courses;
4. one query for the certificates of the completed courses.

Steps 2 and 3 are skipped when no course is in progress. Page URLs come from Wagtail's site
root paths, cached on the request (and in the cache between requests).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, When

from courses.activities import course_activities_for
from courses.models import ActivityCompletion, CoursePage, Enrolment

from .models import Certificate

Status = Enrolment.Status


@dataclass(frozen=True)
class DashboardCourse:
    enrolment: Enrolment
    url: str | None  # None when the course is no longer published
    continue_url: str | None = None
    done: int = 0
    required: int = 0
    waitlist_position: int | None = None
    certificate: Certificate | None = None

    @property
    def certificate_pending(self) -> bool:
        """Completed in a course that offers a certificate, not issued yet (the worker is on it)."""
        return bool(
            self.enrolment.completed_at
            and self.course.certificate_offered
            and self.certificate is None
        )

    @property
    def course(self) -> CoursePage:
        return self.enrolment.course

    @property
    def percent(self) -> int:
        """Whole percent, rounded down: 100 only when everything is done."""
        if not self.required:
            return 0
        return min(100, self.done * 100 // self.required)


@dataclass(frozen=True)
class Dashboard:
    in_progress: list[DashboardCourse] = field(default_factory=list)
    completed: list[DashboardCourse] = field(default_factory=list)
    pending: list[DashboardCourse] = field(default_factory=list)
    waitlisted: list[DashboardCourse] = field(default_factory=list)
    # Withdrawn and declined: shown briefly, so a learner can find the course again.
    inactive: list[DashboardCourse] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.in_progress or self.completed or self.pending or self.waitlisted or self.inactive
        )


def _waitlist_position():
    """1 + the waitlisted requests of the same course made before this one (admission order)."""
    ahead_or_same = (
        Enrolment.objects.filter(course=OuterRef("course"), status=Status.WAITLISTED)
        .filter(
            Q(requested_at__lt=OuterRef("requested_at"))
            | Q(requested_at=OuterRef("requested_at"), pk__lte=OuterRef("pk"))
        )
        .order_by()
        .values("course")
        .annotate(position=Count("pk"))
        .values("position")
    )
    return Case(
        When(status=Status.WAITLISTED, then=Subquery(ahead_or_same)),
        default=None,
        output_field=IntegerField(),
    )


def _url(page, request) -> str | None:
    if page is None or not page.live:
        return None
    return page.get_url(request)


def learner_dashboard(*, learner, request=None) -> Dashboard:
    """Everything "My learning" shows for one learner."""
    enrolments = list(
        Enrolment.objects.filter(learner=learner)
        .select_related("course", "last_activity")
        .annotate(waitlist_position=_waitlist_position())
        .order_by("-requested_at", "-pk")
    )

    in_progress = [e for e in enrolments if e.status == Status.ACTIVE and not e.completed_at]
    activities = course_activities_for([e.course for e in in_progress])
    completed_keys: dict[int, set] = {e.pk: set() for e in in_progress}
    if in_progress:
        pairs = ActivityCompletion.objects.filter(enrolment__in=in_progress).values_list(
            "enrolment_id", "activity_key"
        )
        for enrolment_id, key in pairs:
            completed_keys[enrolment_id].add(key)

    # Always one query (not skipped when nothing is completed): the count stays fixed.
    certificates = {
        c.enrolment_id: c
        for c in Certificate.objects.filter(learner=learner, enrolment__completed_at__isnull=False)
    }

    dashboard = Dashboard()
    for enrolment in enrolments:
        url = _url(enrolment.course, request)
        if enrolment.completed_at:
            dashboard.completed.append(
                DashboardCourse(
                    enrolment=enrolment, url=url, certificate=certificates.get(enrolment.pk)
                )
            )
        elif enrolment.status == Status.ACTIVE:
            required = activities[enrolment.course_id].required
            dashboard.in_progress.append(
                DashboardCourse(
                    enrolment=enrolment,
                    url=url,
                    continue_url=_url(enrolment.last_activity, request) or url,
                    done=len(completed_keys[enrolment.pk] & required),
                    required=len(required),
                )
            )
        elif enrolment.status == Status.PENDING:
            dashboard.pending.append(DashboardCourse(enrolment=enrolment, url=url))
        elif enrolment.status == Status.WAITLISTED:
            dashboard.waitlisted.append(
                DashboardCourse(
                    enrolment=enrolment,
                    url=url,
                    waitlist_position=enrolment.waitlist_position,
                )
            )
        else:
            dashboard.inactive.append(DashboardCourse(enrolment=enrolment, url=url))

    # Most recently worked on first; courses never opened after them, newest enrolment first.
    dashboard.in_progress.sort(
        key=lambda item: (
            item.enrolment.last_active_at is not None,
            item.enrolment.last_active_at or item.enrolment.requested_at,
        ),
        reverse=True,
    )
    dashboard.completed.sort(key=lambda item: item.enrolment.completed_at, reverse=True)
    dashboard.pending.sort(key=lambda item: item.enrolment.requested_at)
    dashboard.waitlisted.sort(key=lambda item: item.waitlist_position or 0)
    return dashboard
