"""Models of the courses app: the content page tree with its taxonomy (pages), and what
learners do with it (learning: enrolments and completed activities)."""

from .learning import ActivityCompletion, Enrolment, EnrolmentNotice
from .pages import (
    COURSE_LANGUAGES,
    Country,
    CourseIndexPage,
    CoursePage,
    CourseTrainer,
    LessonPage,
    Level,
    ModulePage,
    Theme,
)

__all__ = [
    "COURSE_LANGUAGES",
    "ActivityCompletion",
    "Country",
    "CourseIndexPage",
    "CoursePage",
    "CourseTrainer",
    "Enrolment",
    "EnrolmentNotice",
    "LessonPage",
    "Level",
    "ModulePage",
    "Theme",
]
