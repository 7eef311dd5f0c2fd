"""Every learner-facing page and admin report renders in the same number of queries at two
data sizes, so an N+1 anywhere fails the build.

One world is built per size with the real services (enrolments, completions, quiz attempts);
the large one has ten times the learners, courses' lessons and attempts. Each page is fetched
once to warm per-process caches, then counted as served from the content cache and again
just after a content change.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.content_cache import content_changed
from courses.services import activity_complete, enrolment_request
from quizzes.services import attempt_start, attempt_submit
from tests.factories.courses import course_with_lessons
from tests.factories.learners import UserFactory
from tests.factories.pages import make_site
from tests.factories.quizzes import QuizPageFactory, single_choice

pytestmark = pytest.mark.django_db


def build_world(catalogue, *, learners: int, lessons: int, questions: int):
    course, lesson_pages = course_with_lessons(catalogue, modules=2, lessons_per_module=lessons)
    quiz = QuizPageFactory(
        parent=lesson_pages[0].get_parent(),
        questions=[single_choice() for _ in range(questions)],
    )
    admin = UserFactory(is_superuser=True, is_staff=True)
    people = [UserFactory() for _ in range(learners)]
    for person in people:
        enrolment_request(learner=person, course=course)
        for lesson in lesson_pages[: len(lesson_pages) // 2]:
            activity_complete(learner=person, activity=lesson)
        attempt_submit(attempt=attempt_start(learner=person, quiz=quiz))
    viewer = people[0]
    attempt_start(learner=viewer, quiz=quiz)  # an open attempt to view
    return {
        "course": course,
        "lesson": lesson_pages[-1],
        "quiz": quiz,
        "viewer": viewer,
        "admin": admin,
    }


def learner_pages(world):
    quiz = world["quiz"]
    return {
        "catalogue": "/courses/",
        "catalogue search": "/courses/?q=course",
        "course": world["course"].url,
        "lesson": world["lesson"].url,
        "quiz intro": quiz.url,
        "quiz attempt": f"{quiz.url}attempt/2/",
        "quiz review": f"{quiz.url}attempt/1/review/",
        "dashboard": reverse("learners:dashboard"),
        "profile": reverse("learners:profile"),
    }


def admin_pages(world):
    course, quiz = world["course"], world["quiz"]
    return {
        "reports overview": reverse("learners_reports:overview"),
        "course report": reverse("learners_reports:course") + f"?course={course.pk}",
        "breakdown": reverse("learners_reports:breakdown") + "?by=country",
        "learner list": reverse("learners_reports:learners") + f"?course={course.pk}",
        "enrolments": reverse("enrolments:index"),
        "quiz attempts": reverse("quizzes_admin:attempts", args=[quiz.pk]),
        "question summary": reverse("quizzes_admin:summary", args=[quiz.pk]),
        "essays": reverse("quizzes_admin:essays"),
    }


def counts(world, pages, user) -> dict[str, tuple[int, int]]:
    """Each page's queries (served from the content cache, then just after a content change
    has made that cache stale), so an N+1 fails whether or not it hides behind the cache."""
    client = Client()
    client.force_login(user)
    result = {}
    for name, url in pages.items():
        client.get(url)  # warm per-process caches (site root paths, renditions)
        found = []
        for stale in (False, True):
            if stale:
                content_changed()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (name, response.status_code)
            found.append(len(queries))
        result[name] = tuple(found)
    return result


def test_every_page_takes_the_same_queries_at_two_sizes():
    _, catalogue = make_site()
    small = build_world(catalogue, learners=2, lessons=2, questions=3)
    small_learner = counts(small, learner_pages(small), small["viewer"])
    small_admin = counts(small, admin_pages(small), small["admin"])

    large = build_world(catalogue, learners=20, lessons=12, questions=30)
    assert counts(large, learner_pages(large), large["viewer"]) == small_learner
    assert counts(large, admin_pages(large), large["admin"]) == small_admin
