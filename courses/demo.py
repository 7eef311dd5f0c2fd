"""Demo courses for the ``seed_demo`` command (never run in production)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from .demo_content import DEMO_COURSES
from .models import (
    Country,
    CourseIndexPage,
    CoursePage,
    CourseTrainer,
    LessonPage,
    Level,
    ModulePage,
    Theme,
)

CATALOGUE_INTRO = (
    "<p>Free online courses on human security in the Western Balkans and Turkey. "
    "Search by keyword or narrow the list by theme, country, language and level.</p>"
)


def _publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def stream_data(blocks: list[tuple[str, object]]) -> list[dict]:
    """Turn the demo content's (type, value) pairs into StreamField raw data."""
    return [{"type": block_type, "value": value} for block_type, value in blocks]


@transaction.atomic
def seed_catalogue(*, home: Page) -> CourseIndexPage:
    catalogue = CourseIndexPage.objects.child_of(home).first()
    if catalogue is None:
        catalogue = _publish_child(
            home, CourseIndexPage(title="Courses", slug="courses", intro=CATALOGUE_INTRO)
        )
    return catalogue


def build_course(data: dict) -> CoursePage:
    """An unsaved CoursePage with its taxonomy and trainers from the demo content."""
    today = timezone.localdate()
    scheduled = data["format"] == CoursePage.Format.SCHEDULED

    def offset(days):
        return today + datetime.timedelta(days=days) if scheduled and days is not None else None

    course = CoursePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        description=data["description"],
        learning_outcomes="\n".join(data["learning_outcomes"]),
        effort_hours=data["effort_hours"],
        level=Level.objects.get(slug=data["level"]),
        language=data["language"],
        format=data["format"],
        starts_on=offset(data["start_offset_days"]),
        ends_on=offset(data["end_offset_days"]),
        certificate_offered=data["certificate"],
        enrolment_mode=data["enrolment_mode"],
        capacity=data["capacity"],
    )
    course.themes = list(Theme.objects.filter(slug__in=[slugify(t) for t in data["themes"]]))
    course.countries = list(
        Country.objects.filter(slug__in=[slugify(c) for c in data["countries"]])
    )
    course.trainers = [
        CourseTrainer(name=trainer["name"], organisation=trainer["organisation"])
        for trainer in data["trainers"]
    ]
    return course


@transaction.atomic
def seed_courses(*, catalogue: CourseIndexPage) -> list[CoursePage]:
    """Create each demo course (with its modules and lessons) unless it already exists."""
    courses = []
    for data in DEMO_COURSES:
        course = CoursePage.objects.child_of(catalogue).filter(slug=data["slug"]).first()
        if course is None:
            course = _publish_child(catalogue, build_course(data))
            for module_data in data["modules"]:
                module = _publish_child(
                    course,
                    ModulePage(
                        title=module_data["title"],
                        slug=module_data["slug"],
                        summary=module_data["summary"],
                    ),
                )
                for lesson_data in module_data["lessons"]:
                    _publish_child(
                        module,
                        LessonPage(
                            title=lesson_data["title"],
                            slug=lesson_data["slug"],
                            estimated_minutes=lesson_data["minutes"],
                            is_preview=lesson_data["preview"],
                            body=stream_data(lesson_data["body"]),
                        ),
                    )
        courses.append(course)
    return courses
