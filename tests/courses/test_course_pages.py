"""Course, module and lesson pages: what they show, and a fixed query count at any size."""

import datetime

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage, Level, Theme
from tests.factories.courses import EnrolmentFactory
from tests.factories.learners import UserFactory
from tests.factories.pages import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    make_site,
)

pytestmark = pytest.mark.django_db


def build_course(catalogue, *, modules: int, lessons_per_module: int, blocks: int = 3):
    course = CoursePageFactory(
        parent=catalogue,
        level=Level.objects.get(slug="introductory"),
        cover_image=wagtail_factories.ImageFactory(),
        cover_image_alt="Circles",
    )
    course.themes.set(Theme.objects.all()[:3])
    course.trainers.create(name="Mira Petrović", organisation="Network member, Belgrade")
    course.save()
    body = [{"type": "rich_text", "value": f"<p>Paragraph {i}</p>"} for i in range(blocks)]
    body += [
        {"type": "key_concept", "value": {"term": "Term", "explanation": "<p>x</p>"}},
        {
            "type": "image",
            "value": {
                "image": wagtail_factories.ImageFactory().pk,
                "alt_text": "Alt",
                "caption": "",
            },
        },
    ]
    lessons = []
    for _ in range(modules):
        module = ModulePageFactory(parent=course)
        for _ in range(lessons_per_module):
            lessons.append(LessonPageFactory(parent=module, body=body))
    return course, lessons


def count_queries(client, url: str) -> int:
    client.get(url)  # warm caches shared by every request (site root paths, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_course_page_shows_outline_with_minutes_and_a_call_to_action(client):
    _, catalogue = make_site()
    course, lessons = build_course(catalogue, modules=2, lessons_per_module=2)
    html = client.get(course.url).content.decode()
    for lesson in lessons:
        assert lesson.title in html
        assert lesson.url in html
    assert "15 min" in html
    assert "Start the course" in html
    assert "Mira Petrović" in html
    assert 'alt="Circles"' in html
    assert "srcset=" in html


def enrolled_in(client, *courses):
    """Lessons other than previews are for enrolled learners (tests/courses/test_access.py)."""
    learner = UserFactory()
    for course in courses:
        EnrolmentFactory(learner=learner, course=course)
    client.force_login(learner)
    return client


def test_lesson_page_shows_position_and_previous_next_links(client):
    _, catalogue = make_site()
    course, lessons = build_course(catalogue, modules=2, lessons_per_module=2)
    enrolled_in(client, course)
    html = client.get(lessons[1].url).content.decode()
    assert "Lesson 2 of 4" in html
    assert f'rel="prev" href="{lessons[0].url}"' in html
    assert f'rel="next" class="button" href="{lessons[2].url}"' in html
    assert 'aria-current="page"' in html


def test_unpublished_lessons_are_left_out_of_the_outline(client):
    _, catalogue = make_site()
    course, lessons = build_course(catalogue, modules=1, lessons_per_module=2)
    lessons[1].unpublish()
    html = client.get(course.url).content.decode()
    assert lessons[0].title in html
    assert lessons[1].title not in html


def test_course_page_query_count_does_not_grow_with_modules_and_lessons(client):
    _, catalogue = make_site()
    small, _ = build_course(catalogue, modules=2, lessons_per_module=2)
    large, _ = build_course(catalogue, modules=20, lessons_per_module=5)
    assert count_queries(client, small.url) == count_queries(client, large.url)


def test_lesson_page_query_count_does_not_grow_with_course_or_blocks(client):
    _, catalogue = make_site()
    small_course, small = build_course(catalogue, modules=2, lessons_per_module=2, blocks=2)
    large_course, large = build_course(catalogue, modules=20, lessons_per_module=5, blocks=40)
    enrolled_in(client, small_course, large_course)
    assert count_queries(client, small[1].url) == count_queries(client, large[1].url)


def test_anonymous_course_page_is_publicly_cacheable(client):
    _, catalogue = make_site()
    course, _ = build_course(catalogue, modules=1, lessons_per_module=1)
    response = client.get(course.url)
    assert "public" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_logged_in_pages_are_not_publicly_cacheable(client, django_user_model):
    _, catalogue = make_site()
    course, _ = build_course(catalogue, modules=1, lessons_per_module=1)
    client.force_login(django_user_model.objects.create_user(email="x@example.org"))
    assert "public" not in client.get(course.url).get("Cache-Control", "")


def test_scheduled_course_needs_dates_in_order():
    course = CoursePage(
        title="Summer school",
        slug="s",
        summary="s",
        description="<p>d</p>",
        level=Level.objects.first(),
        format=CoursePage.Format.SCHEDULED,
    )
    with pytest.raises(ValidationError, match="start date"):
        course.clean()
    course.starts_on = datetime.date(2026, 7, 10)
    course.ends_on = datetime.date(2026, 7, 1)
    with pytest.raises(ValidationError, match="cannot end before"):
        course.clean()
