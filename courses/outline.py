"""Reads for course and lesson pages: the outline of modules and lessons, a lesson's place
in it, a course's people and taxonomy, and what the viewer can do with the course (enrol,
continue, their progress), each in a fixed number of queries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import Page

from .activities import activity_types, course_activities_for
from .models import ActivityCompletion, CoursePage, Enrolment, LessonPage, ModulePage
from .services import canonical_course, enrolment_for, enrolment_refusal_for


@dataclass(frozen=True)
class OutlineLesson:
    """An activity in the outline: a lesson, or another registered type (a quiz)."""

    page: Page
    url: str
    minutes: int

    @property
    def is_quiz(self) -> bool:
        return self.page._meta.model_name == "quizpage"


@dataclass(frozen=True)
class OutlineModule:
    page: ModulePage
    lessons: list[OutlineLesson]

    @property
    def minutes(self) -> int:
        return sum(lesson.minutes for lesson in self.lessons)


@dataclass(frozen=True)
class CourseOutline:
    modules: list[OutlineModule]

    @property
    def lessons(self) -> list[OutlineLesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def minutes(self) -> int:
        return sum(module.minutes for module in self.modules)


def _minutes(page: Page) -> int:
    return getattr(page, "estimated_minutes", None) or getattr(page, "time_limit_minutes", 0) or 0


def course_outline_for(*, course: CoursePage, request=None) -> CourseOutline:
    """The course's live modules and activities in tree order: one query for the modules and
    one per activity type (lessons, quizzes), without their bodies."""
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    activities = sorted(
        (
            page
            for model in activity_types()
            for page in model.objects.descendant_of(course).live().defer_streamfields()
        ),
        key=lambda page: page.path,
    )
    by_module: dict[str, list[OutlineLesson]] = {module.path: [] for module in modules}
    for page in activities:
        siblings = by_module.get(page.path[: -Page.steplen])
        if siblings is not None:  # skip activities under an unpublished module
            siblings.append(
                OutlineLesson(page=page, url=page.get_url(request), minutes=_minutes(page))
            )
    return CourseOutline(
        modules=[OutlineModule(page=module, lessons=by_module[module.path]) for module in modules]
    )


@dataclass(frozen=True)
class LessonPosition:
    course: CoursePage
    module: OutlineModule | None
    previous: OutlineLesson | None
    next: OutlineLesson | None
    number: int
    total: int


def lesson_position_for(
    *, lesson: LessonPage, request=None, course: CoursePage | None = None
) -> LessonPosition:
    """Where a lesson sits in its course: its module's outline and previous/next lessons.

    ``course`` (the lesson's course) saves a query when the caller already has it.
    """
    if course is None:
        course = CoursePage.objects.ancestor_of(lesson).select_related("level").get()
    outline = course_outline_for(course=course, request=request)
    lessons = outline.lessons
    index = next((i for i, item in enumerate(lessons) if item.page.pk == lesson.pk), None)
    module = next((m for m in outline.modules if lesson.path.startswith(m.page.path)), None)
    if index is None:  # a draft seen in preview: not in the live outline
        return LessonPosition(course, module, None, None, 0, len(lessons))
    return LessonPosition(
        course=course,
        module=module,
        previous=lessons[index - 1] if index > 0 else None,
        next=lessons[index + 1] if index + 1 < len(lessons) else None,
        number=index + 1,
        total=len(lessons),
    )


def course_detail_for(*, course: CoursePage) -> dict:
    """Trainers, themes, countries and prerequisites of a course, in a fixed few queries."""
    return {
        "trainers": list(course.trainers.select_related("user")),
        "themes": list(course.themes.all()),
        "countries": list(course.countries.all()),
        "prerequisites": list(course.prerequisites.filter(live=True)),
    }


@dataclass(frozen=True)
class Progress:
    """Completed required activities of a course, and the activities the learner finished."""

    done: int
    total: int
    completed_keys: frozenset[uuid.UUID] = field(default_factory=frozenset)

    @property
    def percent(self) -> int:
        """Whole percent, rounded down: 100 only when everything is done."""
        return min(100, self.done * 100 // self.total) if self.total else 0


def learner_progress_for(*, enrolment: Enrolment) -> Progress:
    """A learner's progress in one course: one query per activity type, and one for the
    activities they completed (at most the course's activities)."""
    required = course_activities_for([enrolment.course])[enrolment.course_id].required
    completed = frozenset(
        ActivityCompletion.objects.filter(enrolment=enrolment).values_list(
            "activity_key", flat=True
        )
    )
    return Progress(done=len(completed & required), total=len(required), completed_keys=completed)


def waitlist_position_for(*, enrolment: Enrolment) -> int:
    """1 for the next learner to get a place (the order ``waitlist_admit_next`` follows)."""
    ahead = Enrolment.objects.filter(
        course_id=enrolment.course_id, status=Enrolment.Status.WAITLISTED
    ).filter(
        Q(requested_at__lt=enrolment.requested_at)
        | Q(requested_at=enrolment.requested_at, pk__lt=enrolment.pk)
    )
    return ahead.count() + 1


@dataclass(frozen=True)
class CourseState:
    """What the course page offers its viewer: enrol, apply, continue, or why not."""

    enrolment: Enrolment | None = None
    progress: Progress | None = None
    waitlist_position: int | None = None
    # Why the viewer cannot ask for a place now ("" if they can, or already have one).
    refusal: str = ""
    is_full: bool = False  # a new request would join the waitlist
    continue_url: str = ""

    @property
    def status(self) -> str:
        """The enrolment status, "" for none; "completed" once the course is completed."""
        if self.enrolment is None:
            return ""
        if self.enrolment.completed_at and self.enrolment.is_active:
            return "completed"
        return self.enrolment.status

    @property
    def completed_keys(self) -> frozenset[uuid.UUID]:
        return self.progress.completed_keys if self.progress else frozenset()


def course_state_for(
    *, course: CoursePage, user, outline: CourseOutline, request=None
) -> CourseState:
    """The viewer's relation to ``course``, in a fixed number of queries:

    * anonymous: one query for the canonical course (whose rules apply);
    * enrolled: the enrolment (with course and last activity), then their progress;
    * waitlisted: the enrolment, then their position;
    * not (or no longer) enrolled: the enrolment, the canonical course, two queries for
      prerequisites, one to count places if the course has a capacity.
    """
    if course.pk is None:  # a new course previewed in the admin: nobody is enrolled yet
        return CourseState()
    enrolment = enrolment_for(learner=user, course=course)
    if enrolment is not None and enrolment.is_active:
        return CourseState(
            enrolment=enrolment,
            progress=learner_progress_for(enrolment=enrolment),
            continue_url=_continue_url(enrolment, outline, request),
        )
    if enrolment is not None and enrolment.status == Enrolment.Status.WAITLISTED:
        return CourseState(
            enrolment=enrolment, waitlist_position=waitlist_position_for(enrolment=enrolment)
        )
    if enrolment is not None and enrolment.status in {
        Enrolment.Status.PENDING,
        Enrolment.Status.DECLINED,
    }:
        return CourseState(enrolment=enrolment)
    # No enrolment, or a withdrawn one: may the viewer ask for a place?
    rules = enrolment.course if enrolment is not None else canonical_course(course)
    refusal = enrolment_refusal_for(learner=user, course=rules)
    is_full = (
        not refusal
        and rules.enrolment_mode == CoursePage.EnrolmentMode.OPEN
        and rules.capacity is not None
        and Enrolment.objects.filter(course=rules, status=Enrolment.Status.ACTIVE).count()
        >= rules.capacity
    )
    return CourseState(enrolment=enrolment, refusal=refusal, is_full=is_full)


def _continue_url(enrolment: Enrolment, outline: CourseOutline, request) -> str:
    """The last visited activity, in the language of the page being viewed if it is in the
    outline; else the first lesson."""
    lessons = outline.lessons
    last = enrolment.last_activity
    if last is not None:
        same = next(
            (item for item in lessons if item.page.translation_key == last.translation_key), None
        )
        if same is not None:
            return same.url
        if last.live:
            return last.get_url(request) or ""
    return lessons[0].url if lessons else ""
