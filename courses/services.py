"""Writes about learners and courses: enrolment, applications, the waitlist and progress.

Every function is keyword-only, runs in one transaction, and raises a domain exception with a
message meant for the learner when it refuses. Emails are recorded as ``EnrolmentNotice`` rows
and sent by a Celery task queued on commit; rows the worker could not get (Redis down) are
picked up by the periodic ``notices_send_pending`` task, so no email is lost.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.sanitise import sanitise_text
from cms.tasks import enqueue_on_commit

from .activities import course_activities_for, is_activity
from .models import ActivityCompletion, CoursePage, Enrolment, EnrolmentNotice
from .models.learning import MOTIVATION_MAX_LENGTH
from .signals import course_completed

Status = Enrolment.Status
Mode = CoursePage.EnrolmentMode


class EnrolmentRefused(Exception):
    """The learner cannot enrol; the message says why, in words meant for them."""


class NotEnrolled(Exception):
    """The learner has no active enrolment in the course of this activity."""


def canonical_course(course: CoursePage) -> CoursePage:
    """The language version of a course that enrolments and progress attach to."""
    if not course.translation_key:
        return course
    return (
        CoursePage.objects.filter(translation_key=course.translation_key).order_by("pk").first()
        or course
    )


def course_of(activity: Page) -> CoursePage:
    return canonical_course(CoursePage.objects.ancestor_of(activity).get())


def _lock_course(course_id: int) -> None:
    """Serialise the writes that give out a course's places, so the last place goes once.

    Every function taking this lock takes it before locking any enrolment row, so two of
    them can never wait for each other.
    """
    CoursePage.objects.select_for_update().filter(pk=course_id).exists()


def _notify(enrolment: Enrolment, kind: str) -> None:
    from .tasks import enrolment_notice_send

    notice, created = EnrolmentNotice.objects.get_or_create(
        enrolment=enrolment, kind=kind, round=_notice_round(enrolment)
    )
    if created:
        enqueue_on_commit(enrolment_notice_send, kwargs={"notice_id": notice.pk})


def _notice_round(enrolment: Enrolment) -> int:
    # Each request (a learner may withdraw and come back) gets its own set of notices.
    return int(enrolment.requested_at.timestamp())


def _places_taken(course: CoursePage) -> int:
    return Enrolment.objects.filter(course=course, status=Status.ACTIVE).count()


def _has_place(course: CoursePage) -> bool:
    return course.capacity is None or _places_taken(course) < course.capacity


def enrolment_refusal_for(*, learner, course: CoursePage) -> str:
    """Why ``learner`` cannot ask for a place in ``course`` right now ("" if they can).

    ``course`` must be the canonical course. For an anonymous visitor only the course's own
    rules (mode, window) are checked. At most two queries (prerequisites).
    """
    now = timezone.now()
    if course.enrolment_mode == Mode.CLOSED:
        return _("Enrolment in this course is closed.")
    if course.enrolment_opens_at and now < course.enrolment_opens_at:
        return _("Enrolment opens on %(date)s.") % {
            "date": formats.date_format(
                timezone.localtime(course.enrolment_opens_at), "SHORT_DATETIME_FORMAT"
            )
        }
    if course.enrolment_closes_at and now >= course.enrolment_closes_at:
        return _("Enrolment in this course has closed.")
    if not learner.is_authenticated:
        return ""
    prerequisites = list(course.prerequisites.all())
    if not prerequisites:
        return ""
    # Enrolments point at canonical courses, which share the translation key of every
    # language version: one query whatever the number of prerequisites.
    completed = set(
        Enrolment.objects.filter(
            learner=learner,
            course__translation_key__in=[p.translation_key for p in prerequisites],
            completed_at__isnull=False,
        ).values_list("course__translation_key", flat=True)
    )
    missing = [p.title for p in prerequisites if p.translation_key not in completed]
    if missing:
        return _("Complete these courses first: %(courses)s.") % {"courses": ", ".join(missing)}
    return ""


@transaction.atomic
def enrolment_request(*, learner, course: CoursePage, motivation: str = "") -> Enrolment:
    """Enrol (open courses), apply (by-application courses) or join the waitlist (full).

    Requesting again while already enrolled, pending or waitlisted changes nothing.
    """
    course = canonical_course(course)
    _lock_course(course.pk)
    enrolment = Enrolment.objects.filter(learner=learner, course=course).first()
    if enrolment and enrolment.status in {Status.ACTIVE, Status.PENDING, Status.WAITLISTED}:
        return enrolment
    if enrolment and enrolment.status == Status.DECLINED:
        raise EnrolmentRefused(
            _(
                "Your application to this course was declined. Contact the trainers if you think "
                "this is a mistake."
            )
        )
    refusal = enrolment_refusal_for(learner=learner, course=course)
    if refusal:
        raise EnrolmentRefused(refusal)

    if course.enrolment_mode == Mode.APPLICATION:
        # Measure before sanitising: bleach on a megabyte of markup is slow, and the form
        # the learner typed in counts the same characters.
        motivation = (motivation or "").replace("\r\n", "\n")
        if len(motivation.strip()) > MOTIVATION_MAX_LENGTH:
            raise EnrolmentRefused(
                _("Your motivation statement is too long (at most %(max)d characters).")
                % {"max": MOTIVATION_MAX_LENGTH}
            )
        motivation = sanitise_text(motivation)[:MOTIVATION_MAX_LENGTH]
        if not motivation:
            raise EnrolmentRefused(_("Please tell us briefly why you want to take part."))
        status, kind = Status.PENDING, EnrolmentNotice.Kind.APPLICATION_RECEIVED
    elif _has_place(course):
        motivation = ""
        status, kind = Status.ACTIVE, EnrolmentNotice.Kind.ENROLLED
    else:
        motivation = ""
        status, kind = Status.WAITLISTED, EnrolmentNotice.Kind.WAITLISTED

    now = timezone.now()
    if enrolment is None:
        enrolment = Enrolment(learner=learner, course=course)
    enrolment.status = status
    enrolment.motivation = motivation
    enrolment.requested_at = now
    enrolment.enrolled_at = now if status == Status.ACTIVE else None
    # A new request after a withdrawal starts clean: no earlier decision carries over.
    enrolment.withdrawn_at = None
    enrolment.decided_at = enrolment.decided_by = None
    enrolment.decision_note = ""
    enrolment.full_clean(exclude=["learner", "course", "last_activity", "decided_by"])
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:
        # A concurrent request of the same learner won the race: theirs stands.
        return Enrolment.objects.get(learner=learner, course=course)
    _notify(enrolment, kind)
    return enrolment


WITHDRAWABLE = frozenset({Status.ACTIVE, Status.PENDING, Status.WAITLISTED})


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment) -> Enrolment:
    """The learner leaves the course, their application or the waitlist; their record and
    progress are kept. A declined (or already withdrawn) enrolment is left as it is, so
    withdrawing never reopens a declined application."""
    _lock_course(enrolment.course_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in WITHDRAWABLE:
        return enrolment
    freed_place = enrolment.status == Status.ACTIVE
    enrolment.status = Status.WITHDRAWN
    enrolment.withdrawn_at = timezone.now()
    enrolment.save(update_fields=["status", "withdrawn_at"])
    if freed_place:
        waitlist_admit_next(course=enrolment.course)
    return enrolment


@transaction.atomic
def waitlist_admit_next(*, course: CoursePage) -> Enrolment | None:
    """Give a free place to the longest-waiting learner, if there is a place and a learner."""
    _lock_course(course.pk)
    if not _has_place(course):
        return None
    # Under the course lock nobody else admits; wait for a row lock rather than skip the
    # longest-waiting learner.
    candidate = (
        Enrolment.objects.select_for_update()
        .filter(course=course, status=Status.WAITLISTED)
        .order_by("requested_at", "pk")
        .first()
    )
    if candidate is None:
        return None
    candidate.status = Status.ACTIVE
    candidate.enrolled_at = timezone.now()
    candidate.save(update_fields=["status", "enrolled_at"])
    _notify(candidate, EnrolmentNotice.Kind.ADMITTED)
    return candidate


class Decision:
    ACCEPT = "accept"
    WAITLIST = "waitlist"
    DECLINE = "decline"
    ALL = (ACCEPT, WAITLIST, DECLINE)


@transaction.atomic
def application_decide(
    *, enrolment: Enrolment, decision: str, decided_by, note: str = ""
) -> Enrolment:
    """A trainer or admin accepts, waitlists or declines an application."""
    if decision not in Decision.ALL:
        raise ValueError(f"Unknown decision {decision!r}")
    _lock_course(enrolment.course_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in {Status.PENDING, Status.WAITLISTED}:
        raise EnrolmentRefused(_("Only pending or waitlisted applications can be decided."))
    now = timezone.now()
    if decision == Decision.ACCEPT:
        if not _has_place(enrolment.course):
            raise EnrolmentRefused(_("The course is full: put the application on the waitlist."))
        enrolment.status, enrolment.enrolled_at = Status.ACTIVE, now
        kind = EnrolmentNotice.Kind.ACCEPTED
    elif decision == Decision.WAITLIST:
        enrolment.status = Status.WAITLISTED
        kind = EnrolmentNotice.Kind.WAITLISTED
    else:
        enrolment.status = Status.DECLINED
        kind = EnrolmentNotice.Kind.DECLINED
    enrolment.decided_at, enrolment.decided_by = now, decided_by
    enrolment.decision_note = sanitise_text(note)[:2000]
    enrolment.save()
    _notify(enrolment, kind)
    return enrolment


def enrolment_for(*, learner, course: CoursePage) -> Enrolment | None:
    """The learner's enrolment in ``course`` (any language version), whatever its status.

    One query: enrolments point at the canonical course, which shares its translation key
    with every translation. The course and the last visited activity come with it.
    """
    if not learner.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(learner=learner, course__translation_key=course.translation_key)
        .select_related("course", "last_activity")
        .first()
    )


def active_enrolment_for(*, learner, course: CoursePage) -> Enrolment | None:
    """The learner's active enrolment in ``course`` (any language version), in one query."""
    enrolment = enrolment_for(learner=learner, course=course)
    return enrolment if enrolment is not None and enrolment.is_active else None


@transaction.atomic
def activity_complete(*, learner, activity: Page, language: str = "") -> ActivityCompletion:
    """Record that the learner completed an activity (idempotent), then check the course.

    ``language``: the interface language used (default: the active one). Any language
    version of the activity counts for the same key. Raises ``NotEnrolled`` unless the
    learner has an active enrolment in the course.
    """
    if not is_activity(activity):
        raise ValueError(f"{activity!r} is not an activity")
    course = CoursePage.objects.ancestor_of(activity).get()
    enrolment = active_enrolment_for(learner=learner, course=course)
    if enrolment is None:
        raise NotEnrolled(_("You are not enrolled in this course."))
    try:
        with transaction.atomic():
            completion, _created = ActivityCompletion.objects.get_or_create(
                enrolment=enrolment,
                activity_key=activity.translation_key,
                defaults={
                    "activity": activity,
                    "activity_title": activity.title[:255],
                    "language": language or get_language() or "",
                },
            )
    except IntegrityError:
        # Twenty identical clicks at once: the first insert wins, the rest read it.
        completion = ActivityCompletion.objects.get(
            enrolment=enrolment, activity_key=activity.translation_key
        )
    if not enrolment_complete_if_done(enrolment=enrolment):
        # The last two activities completed at the same moment: each transaction counts
        # without the other's uncommitted row. Counting again once committed lets the later
        # of the two see both (the conditional update keeps it to one completion).
        transaction.on_commit(lambda: enrolment_complete_if_done(enrolment=enrolment), robust=True)
    return completion


def course_progress_for(*, enrolment: Enrolment) -> tuple[int, int]:
    """(completed required activities, required activities) for one enrolment."""
    activities = course_activities_for([enrolment.course])[enrolment.course_id]
    done = ActivityCompletion.objects.filter(
        enrolment=enrolment, activity_key__in=activities.required
    ).count()
    return done, len(activities.required)


def enrolment_complete_if_done(*, enrolment: Enrolment) -> bool:
    """Mark the course completed once, when every required activity is done."""
    if enrolment.completed_at:
        return False
    done, required = course_progress_for(enrolment=enrolment)
    if required == 0 or done < required:
        return False
    # The conditional update makes the transition happen once even under concurrency.
    updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        completed_at=timezone.now()
    )
    if updated:
        enrolment.refresh_from_db(fields=["completed_at"])
        _notify(enrolment, EnrolmentNotice.Kind.COMPLETED)
        # After commit: receivers (certificates) must see the completion.
        transaction.on_commit(
            lambda: course_completed.send(sender=Enrolment, enrolment=enrolment), robust=True
        )
    return bool(updated)


def activity_visit(*, learner, activity: Page, enrolment: Enrolment | None = None) -> None:
    """Remember the last activity an enrolled learner opened, for "Continue where you left off".

    Pass the learner's active ``enrolment`` when it is known (the lesson page has it): the
    visit is then one UPDATE.
    """
    if not learner.is_authenticated:
        return
    if enrolment is not None:
        rows = Enrolment.objects.filter(pk=enrolment.pk, learner=learner)
    else:
        rows = Enrolment.objects.filter(learner=learner, course=course_of(activity))
    rows.filter(status=Status.ACTIVE).update(last_activity=activity, last_active_at=timezone.now())
