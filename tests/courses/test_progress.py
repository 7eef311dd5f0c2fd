"""Progress: marking lessons complete (once, whatever happens), ticks and progress bars on
lesson and course pages, "Continue where you left off", course completion, and a fixed
number of queries whatever the size of the course or the learner's record."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from courses.models import ActivityCompletion, Enrolment, EnrolmentNotice
from courses.services import NotEnrolled, activity_complete, enrolment_request
from tests.factories.courses import ActivityCompletionFactory, EnrolmentFactory, course_with_lessons
from tests.factories.learners import UserFactory
from tests.factories.pages import make_site

pytestmark = pytest.mark.django_db

Kind = EnrolmentNotice.Kind


@pytest.fixture
def catalogue():
    return make_site()[1]


@pytest.fixture
def course_and_lessons(catalogue):
    return course_with_lessons(catalogue, modules=1, lessons_per_module=3)


@pytest.fixture
def learner():
    return UserFactory()


@pytest.fixture
def enrolment(course_and_lessons, learner):
    return EnrolmentFactory(learner=learner, course=course_and_lessons[0])


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def complete_url(lesson) -> str:
    return lesson.url + lesson.reverse_subpage("complete")


def test_marking_a_lesson_complete_goes_on_to_the_next_lesson(
    course_and_lessons, enrolment, learner
):
    _, lessons = course_and_lessons
    client = logged_in(learner)
    assert "Mark as complete" in client.get(lessons[0].url).content.decode()

    response = client.post(complete_url(lessons[0]))
    assert response.status_code == 302
    assert response["Location"] == lessons[1].url
    completion = ActivityCompletion.objects.get(enrolment=enrolment)
    assert completion.activity_key == lessons[0].translation_key
    assert completion.activity_title == lessons[0].title

    html = client.get(lessons[0].url).content.decode()
    assert "Mark as complete" not in html
    assert 'Completed <span aria-hidden="true">✓</span>' in html
    assert "1 of 3 activities completed, 33%" in html
    assert '<progress id="course-progress" max="3" value="1">' in html
    # The module outline ticks the completed lesson, with words for screen readers.
    assert (
        '<li class="is-completed"><span class="tick" aria-hidden="true">✓</span> '
        '<span class="visually-hidden">Completed:</span>'
    ) in html
    assert html.count('class="is-completed"') == 1


def test_completing_twice_keeps_one_row(course_and_lessons, enrolment, learner):
    _, lessons = course_and_lessons
    client = logged_in(learner)
    client.post(complete_url(lessons[0]))
    response = client.post(complete_url(lessons[0]), follow=True)
    assert response.status_code == 200
    assert ActivityCompletion.objects.filter(enrolment=enrolment).count() == 1
    first = activity_complete(learner=learner, activity=lessons[0])
    assert activity_complete(learner=learner, activity=lessons[0]) == first
    assert ActivityCompletion.objects.count() == 1


def test_service_refuses_a_learner_who_is_not_enrolled(course_and_lessons, learner):
    with pytest.raises(NotEnrolled):
        activity_complete(learner=learner, activity=course_and_lessons[1][0])
    assert not ActivityCompletion.objects.exists()


def test_last_lesson_completes_the_course_once_with_a_notice(
    course_and_lessons, learner, mailoutbox, django_capture_on_commit_callbacks
):
    course, lessons = course_and_lessons
    enrolment = enrolment_request(learner=learner, course=course)
    client = logged_in(learner)
    for lesson in lessons[:-1]:
        client.post(complete_url(lesson), follow=True)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(complete_url(lessons[-1]), follow=True)
    assert response.redirect_chain == [(course.url, 302)]
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [f"Congratulations: you have completed “{course.title}”!"]
    enrolment.refresh_from_db()
    completed_at = enrolment.completed_at
    assert completed_at is not None
    notice = enrolment.notices.get(kind=Kind.COMPLETED)
    assert notice.sent_at is not None
    assert [m.subject for m in mailoutbox] == [f"You completed “{course.title}”"]

    html = response.content.decode()
    assert "Completed on" in html
    assert "3 of 3 activities completed, 100%" in html
    assert "Withdraw from this course" not in html

    with django_capture_on_commit_callbacks(execute=True):
        client.post(complete_url(lessons[-1]))
        activity_complete(learner=learner, activity=lessons[0])
    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at
    assert enrolment.notices.filter(kind=Kind.COMPLETED).count() == 1
    assert len(mailoutbox) == 1


def test_unpublished_lessons_do_not_count(course_and_lessons, enrolment, learner):
    _, lessons = course_and_lessons
    lessons[2].unpublish()
    activity_complete(learner=learner, activity=lessons[0])
    activity_complete(learner=learner, activity=lessons[1])
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_course_page_shows_progress_and_continue_where_you_left_off(
    course_and_lessons, enrolment, learner
):
    course, lessons = course_and_lessons
    client = logged_in(learner)
    html = client.get(course.url).content.decode()
    assert f'<a class="button" href="{lessons[0].url}">Start the course</a>' in html
    assert "0 of 3 activities completed, 0%" in html

    client.post(complete_url(lessons[0]))
    client.get(lessons[1].url)  # the visit is remembered
    html = client.get(course.url).content.decode()
    assert f'<a class="button" href="{lessons[1].url}">Continue where you left off</a>' in html
    assert "1 of 3 activities completed, 33%" in html
    assert html.count('<span class="tick" aria-hidden="true">✓</span>') == 1
    # Withdrawing asks for confirmation without JavaScript.
    assert "<details" in html
    assert "Yes, withdraw" in html


def test_continue_link_falls_back_when_the_last_lesson_is_unpublished(
    course_and_lessons, enrolment, learner
):
    course, lessons = course_and_lessons
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity=lessons[2])
    lessons[2].unpublish()
    html = logged_in(learner).get(course.url).content.decode()
    assert f'<a class="button" href="{lessons[0].url}">Continue where you left off</a>' in html


def test_forbidden_page_is_friendly(course_and_lessons):
    response = logged_in(UserFactory()).post(complete_url(course_and_lessons[1][0]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot do that here" in html
    assert "Browse the courses" in html
    assert '<link rel="stylesheet"' in html  # the site's own layout


# Fixed query counts ----------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    client.get(url)  # warm caches shared by every request (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def enrolled_with_completions(catalogue, *, modules: int, lessons_per_module: int, done: int):
    course, lessons = course_with_lessons(
        catalogue, modules=modules, lessons_per_module=lessons_per_module
    )
    learner = UserFactory()
    enrolment = EnrolmentFactory(learner=learner, course=course, last_activity=lessons[1])
    for lesson in lessons[:done]:
        ActivityCompletionFactory(enrolment=enrolment, activity=lesson)
    return course, lessons, logged_in(learner)


def test_course_page_queries_do_not_grow_with_the_learners_completions(catalogue):
    small, _, small_client = enrolled_with_completions(
        catalogue, modules=1, lessons_per_module=3, done=2
    )
    large, _, large_client = enrolled_with_completions(
        catalogue, modules=8, lessons_per_module=6, done=40
    )
    assert count_queries(small_client, small.url) == count_queries(large_client, large.url)


def test_lesson_page_queries_do_not_grow_with_lessons_or_completions(catalogue):
    _, small, small_client = enrolled_with_completions(
        catalogue, modules=1, lessons_per_module=3, done=2
    )
    _, large, large_client = enrolled_with_completions(
        catalogue, modules=8, lessons_per_module=6, done=40
    )
    assert count_queries(small_client, small[1].url) == count_queries(large_client, large[1].url)


# Concurrency (PostgreSQL) ----------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_identical_completion_requests_make_one_row():
    _, catalogue = make_site()
    course, lessons = course_with_lessons(catalogue, modules=1, lessons_per_module=1)
    learner = UserFactory()
    enrolment = EnrolmentFactory(learner=learner, course=course)
    url = complete_url(lessons[0])
    barrier = threading.Barrier(20)
    statuses, errors = [], []

    def request():
        try:
            client = Client()
            client.force_login(learner)
            barrier.wait()
            statuses.append(client.post(url).status_code)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert statuses == [302] * 20
    assert ActivityCompletion.objects.filter(enrolment=enrolment).count() == 1
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None  # the only lesson: completed, once
    assert enrolment.notices.filter(kind=Kind.COMPLETED).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_last_two_lessons_completed_at_once_still_complete_the_course():
    """Each request counts without the other's uncommitted row; the course completes anyway."""
    _, catalogue = make_site()
    course, lessons = course_with_lessons(catalogue, modules=1, lessons_per_module=2)
    errors = []

    def request(user, lesson, barrier):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait()
            client.post(complete_url(lesson))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    enrolments = []
    for _ in range(5):
        learner = UserFactory()
        enrolments.append(EnrolmentFactory(learner=learner, course=course))
        barrier = threading.Barrier(2)
        threads = [
            threading.Thread(target=request, args=(learner, lesson, barrier)) for lesson in lessons
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    for enrolment in enrolments:
        enrolment.refresh_from_db()
        assert enrolment.completions.count() == 2
        assert enrolment.completed_at is not None
        assert enrolment.notices.filter(kind=Kind.COMPLETED).count() == 1
