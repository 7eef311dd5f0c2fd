"""Demo courses for the ``seed_demo`` command (never run in production)."""

import datetime
import io
import random

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
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
from .permissions import catalogue_permissions_apply

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
    catalogue_permissions_apply(catalogue=catalogue)
    return catalogue


COVER_PALETTES = [
    ("#0b5a6b", "#f2b705", "#e8f3f5"),
    ("#7a2e0e", "#f4a259", "#fdf3e9"),
    ("#2f4858", "#86bbd8", "#f6ae2d"),
]


def cover_image(*, title: str, seed: int):
    """A generated abstract cover (overlapping circles), stored once as a Wagtail image."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    background, first, second = COVER_PALETTES[seed % len(COVER_PALETTES)]
    canvas = PILImage.new("RGB", (1280, 720), background)
    draw = ImageDraw.Draw(canvas)
    for _ in range(7):
        x, y, r = rng.randint(0, 1280), rng.randint(0, 720), rng.randint(80, 320)
        draw.ellipse((x - r, y - r, x + r, y + r), outline=rng.choice([first, second]), width=18)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"cover-{seed}.png"))


def build_course(data: dict, *, seed: int = 0) -> CoursePage:
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
        cover_image=cover_image(title=f"Cover: {data['title']}", seed=seed),
        cover_image_alt=data.get(
            "cover_alt", "Abstract pattern of overlapping circles in the course colours"
        ),
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
    for seed, data in enumerate(DEMO_COURSES):
        course = CoursePage.objects.child_of(catalogue).filter(slug=data["slug"]).first()
        if course is None:
            course = _publish_child(catalogue, build_course(data, seed=seed))
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


def assign_trainer(*, course: CoursePage, user) -> None:
    """Link a platform account as a trainer of ``course`` (idempotent)."""
    if not course.trainers.filter(user=user).exists():
        CourseTrainer.objects.create(
            course=course, user=user, organisation="Network secretariat", sort_order=99
        )


DEMO_MOTIVATION = (
    "I coordinate a youth dialogue group in Mostar and want to learn methods for "
    "facilitating conversations about the past between young people from different "
    "communities."
)


def seed_learning(*, learner, courses: list[CoursePage]) -> None:
    """Enrol the demo learner in the first course with two lessons done, and apply to the
    summer school (idempotent: the services ignore repeated requests)."""
    from .services import activity_complete, activity_visit, enrolment_request

    intro = next(c for c in courses if c.slug == "introduction-to-human-security")
    enrolment_request(learner=learner, course=intro)
    lessons = list(LessonPage.objects.descendant_of(intro).live().order_by("path")[:2])
    for lesson in lessons:
        activity_complete(learner=learner, activity=lesson)
    if lessons:
        activity_visit(learner=learner, activity=lessons[-1])
    summer = next(c for c in courses if c.format == CoursePage.Format.SCHEDULED)
    enrolment_request(learner=learner, course=summer, motivation=DEMO_MOTIVATION)
