"""Reads for course and lesson pages: the outline of modules and lessons, a lesson's place
in it, and a course's people and taxonomy, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from .models import CoursePage, LessonPage, ModulePage


@dataclass(frozen=True)
class OutlineLesson:
    page: LessonPage
    url: str
    minutes: int


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


def course_outline_for(*, course: CoursePage, request=None) -> CourseOutline:
    """The course's live modules and lessons in tree order, in two queries."""
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    lessons = LessonPage.objects.descendant_of(course).live().order_by("path").defer("body")
    by_module: dict[str, list[OutlineLesson]] = {module.path: [] for module in modules}
    for lesson in lessons:
        siblings = by_module.get(lesson.path[: -LessonPage.steplen])
        if siblings is not None:  # skip lessons under an unpublished module
            siblings.append(
                OutlineLesson(
                    page=lesson, url=lesson.get_url(request), minutes=lesson.estimated_minutes
                )
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


def lesson_position_for(*, lesson: LessonPage, request=None) -> LessonPosition:
    """Where a lesson sits in its course: its module's outline and previous/next lessons."""
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
