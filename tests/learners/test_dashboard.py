"""The "My learning" dashboard at /learn/: what it shows, and a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment
from learners.selectors import learner_dashboard
from tests.factories.courses import ActivityCompletionFactory, EnrolmentFactory
from tests.factories.learners import UserFactory
from tests.factories.pages import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    make_site,
)

pytestmark = pytest.mark.django_db

Status = Enrolment.Status
URL = "/learn/"


def enrol(learner, course, **fields):
    return EnrolmentFactory(learner=learner, course=course, **fields)


def complete(enrolment, lesson):
    return ActivityCompletionFactory(enrolment=enrolment, activity=lesson)


def course_with_lessons(catalogue, lessons: int = 3, **fields):
    course = CoursePageFactory(parent=catalogue, **fields)
    module = ModulePageFactory(parent=course)
    return course, [LessonPageFactory(parent=module) for _ in range(lessons)]


@pytest.fixture
def catalogue():
    _home, catalogue = make_site()
    return catalogue


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_dashboard_url():
    assert reverse("learners:dashboard") == URL


def test_empty_dashboard_points_to_the_catalogue(client, learner, catalogue):
    html = client.get(URL).content.decode()
    assert "<h1>My learning</h1>" in html
    assert "You are not enrolled in any course yet." in html
    assert 'href="/courses/"' in html


def test_dashboard_shows_each_kind_of_enrolment_in_its_section(client, learner, catalogue):
    now = timezone.now()
    active, lessons = course_with_lessons(catalogue, title="Dealing with the past")
    enrolment = enrol(learner, active, last_activity=lessons[1], last_active_at=now)
    complete(enrolment, lessons[0])
    not_started, _ = course_with_lessons(catalogue, title="Police accountability")
    enrol(learner, not_started)
    done, done_lessons = course_with_lessons(catalogue, lessons=1, title="Human security 101")
    finished = enrol(
        learner, done, completed_at=datetime.datetime(2026, 3, 14, 12, tzinfo=datetime.UTC)
    )
    complete(finished, done_lessons[0])
    school, _ = course_with_lessons(catalogue, title="Summer school Ohrid")
    enrol(learner, school, status=Status.PENDING, motivation="I organise youth dialogues.")
    full, _ = course_with_lessons(catalogue, title="Mediation practice", capacity=1)
    enrol(UserFactory(), full)
    enrol(UserFactory(), full, status=Status.WAITLISTED, requested_at=now - datetime.timedelta(2))
    enrol(learner, full, status=Status.WAITLISTED, requested_at=now - datetime.timedelta(1))
    enrol(UserFactory(), full, status=Status.WAITLISTED, requested_at=now)
    left, _ = course_with_lessons(catalogue, title="Organised crime")
    enrol(learner, left, status=Status.WITHDRAWN, withdrawn_at=now)
    declined, _ = course_with_lessons(catalogue, title="Trainers of trainers")
    enrol(learner, declined, status=Status.DECLINED)
    # Another learner's enrolment never shows.
    enrol(UserFactory(), course_with_lessons(catalogue, title="Somebody else's course")[0])

    response = client.get(URL)
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    assert [i.course.title for i in dashboard.in_progress] == [
        "Dealing with the past",
        "Police accountability",
    ]
    assert [i.course.title for i in dashboard.completed] == ["Human security 101"]
    assert [i.course.title for i in dashboard.pending] == ["Summer school Ohrid"]
    assert [(i.course.title, i.waitlist_position) for i in dashboard.waitlisted] == [
        ("Mediation practice", 2)
    ]
    assert {i.course.title for i in dashboard.inactive} == {
        "Organised crime",
        "Trainers of trainers",
    }

    html = response.content.decode()
    assert "Somebody else" not in html
    for heading in ("In progress", "Applications and waitlists", "Completed", "Earlier"):
        assert f">{heading}</h2>" in html
    # Progress as a bar and in words; "Continue" goes to the last visited lesson.
    assert f'<progress max="3" value="1" aria-labelledby="progress-{enrolment.pk}">' in html
    assert "1 of 3 activities, 33%" in html
    assert "0 of 3 activities, 0%" in html
    assert f'<a class="button" href="{lessons[1].url}">Continue' in html
    # A course never opened: "Start" goes to the course page.
    assert f'<a class="button" href="{not_started.url}">Start' in html
    assert 'datetime="2026-03-14T' in html
    assert "Application sent on" in html
    assert "You are number 2 on the waitlist." in html
    assert "Withdrawn" in html
    assert "Application declined" in html


def test_progress_counts_only_required_activities_of_the_course(client, learner, catalogue):
    course, lessons = course_with_lessons(catalogue, lessons=2)
    enrolment = enrol(learner, course)
    complete(enrolment, lessons[0])
    # A completion whose lesson was since unpublished no longer counts, nor does one that
    # belongs to another course.
    _other_course, other_lessons = course_with_lessons(catalogue, lessons=1)
    complete(enrolment, other_lessons[0])
    lessons[1].unpublish()
    complete(enrolment, lessons[1])
    [item] = learner_dashboard(learner=learner).in_progress
    assert (item.done, item.required, item.percent) == (1, 1, 100)


def test_percent_rounds_down():
    from learners.selectors import DashboardCourse

    assert DashboardCourse(enrolment=None, url=None, done=2, required=3).percent == 66
    assert DashboardCourse(enrolment=None, url=None, done=0, required=0).percent == 0


def dashboard_queries(client) -> int:
    client.get(URL)  # warm caches shared by every request (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def populate(learner, catalogue, count: int) -> None:
    """``count`` enrolments of every kind, each course with lessons and some progress."""
    now = timezone.now()
    statuses = [Status.ACTIVE, Status.ACTIVE, Status.PENDING, Status.WAITLISTED, Status.WITHDRAWN]
    for n in range(count):
        course, lessons = course_with_lessons(catalogue, lessons=2)
        status = statuses[n % len(statuses)]
        enrolment = enrol(
            learner,
            course,
            status=status,
            last_activity=lessons[1] if status == Status.ACTIVE else None,
            completed_at=now if n % 10 == 1 else None,
        )
        if status == Status.ACTIVE:
            complete(enrolment, lessons[0])
        if status == Status.WAITLISTED:  # somebody asked a day earlier
            earlier = now - datetime.timedelta(days=1)
            enrol(UserFactory(), course, status=Status.WAITLISTED, requested_at=earlier)


def test_dashboard_runs_a_fixed_number_of_queries_whatever_the_number_of_enrolments(
    client, catalogue
):
    few, many = UserFactory(), UserFactory()
    populate(few, catalogue, 1)
    populate(many, catalogue, 30)

    client.force_login(few)
    few_queries = dashboard_queries(client)
    client.force_login(many)
    many_queries = dashboard_queries(client)
    many_html = client.get(URL).content.decode()
    # 12 active enrolments, 3 of them completed; 6 pending, 6 waitlisted, 6 withdrawn.
    assert many_html.count("<progress") == 9
    assert many_html.count("Completed on") == 3
    assert many_html.count("You are number 2 on the waitlist.") == 6
    assert few_queries == many_queries, (few_queries, many_queries)
