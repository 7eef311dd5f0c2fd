"""Who may open an activity of a course: a lesson now, a quiz as well later.

One function answers it for every activity page, so lessons and quizzes follow the same rule:

* a preview lesson (``is_preview``) is open to anyone;
* otherwise only learners with an active enrolment in the course (in any of its languages),
  the course's trainers (linked accounts), superusers and members of the Reviewers group.

Editors previewing a draft in the Wagtail admin are not asked: the admin checks their page
permissions itself, and page models render previews without calling this.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from wagtail.models import Page

from .models import CoursePage, CourseTrainer, Enrolment
from .permissions import REVIEWERS


class Reason(enum.Enum):
    ENROLLED = "enrolled"
    PREVIEW = "preview"
    STAFF = "staff"  # a trainer of the course, a reviewer or a superuser
    ANONYMOUS = "anonymous"
    NOT_ENROLLED = "not_enrolled"


@dataclass(frozen=True)
class Access:
    allowed: bool
    reason: Reason
    course: CoursePage  # the course the activity belongs to, in the activity's language
    enrolment: Enrolment | None = None  # the viewer's active enrolment, if they have one


def course_staff_for(*, user, course: CoursePage) -> bool:
    """A superuser, a member of the Reviewers group, or a trainer of ``course``."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if CourseTrainer.objects.filter(
        user=user, course__translation_key=course.translation_key
    ).exists():
        return True
    return user.groups.filter(name=REVIEWERS).exists()


def course_of_activity(activity: Page) -> CoursePage:
    """The course an activity belongs to (in the activity's language), with its level.

    No query when the activity was routed to (``CourseIndexPage.route`` caches each page's
    parent: activity → module → course); one otherwise.
    """
    module = activity.__dict__.get("_cached_parent_obj")
    course = module.__dict__.get("_cached_parent_obj") if module is not None else None
    if isinstance(course, CoursePage) and activity.path.startswith(course.path):
        return course
    return CoursePage.objects.ancestor_of(activity).select_related("level").get()


def viewer_enrolment_for(*, user, course: CoursePage) -> Enrolment | None:
    """The viewer's enrolment in ``course`` (any language version), whatever its status, as
    ``services.enrolment_for`` finds it but without its course and last activity, which a
    page needs only now and then (they load when used): one query, none for a visitor."""
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(
        learner=user, course__translation_key=course.translation_key
    ).first()


def activity_access_for(*, user, activity: Page, course: CoursePage | None = None) -> Access:
    """May ``user`` open ``activity``? ``course`` saves a query when the caller has it.

    Queries: the course (unless given or cached by routing), then one for an authenticated
    viewer's enrolment; two more only for a logged-in viewer who is not enrolled in a
    non-preview activity.
    """
    if course is None:
        course = course_of_activity(activity)
    enrolment = viewer_enrolment_for(user=user, course=course)
    if enrolment is not None and not enrolment.is_active:
        enrolment = None
    if enrolment is not None:
        return Access(True, Reason.ENROLLED, course, enrolment)
    if getattr(activity, "is_preview", False):
        return Access(True, Reason.PREVIEW, course)
    if not user.is_authenticated:
        return Access(False, Reason.ANONYMOUS, course)
    if course_staff_for(user=user, course=course):
        return Access(True, Reason.STAFF, course)
    return Access(False, Reason.NOT_ENROLLED, course)
