"""Real concurrency on PostgreSQL: two requests at the same moment (a double click, two tabs)
submit an attempt once, and start one attempt."""

import threading
from unittest import mock

import pytest
from django.db import connection
from django.test import Client

from courses.models import ActivityCompletion
from quizzes import services
from quizzes.models import QuizAttempt
from tests.factories.courses import EnrolmentFactory
from tests.factories.learners import UserFactory
from tests.factories.pages import CoursePageFactory, ModulePageFactory, make_site
from tests.factories.quizzes import QuizPageFactory
from tests.quizzes.test_quiz_pages import quiz_url, right_post, wrong_post

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Status = QuizAttempt.Status


@pytest.fixture
def setup():
    _, catalogue = make_site()
    course = CoursePageFactory(parent=catalogue)
    quiz = QuizPageFactory(parent=ModulePageFactory(parent=course))
    learner = UserFactory()
    EnrolmentFactory(learner=learner, course=course)
    return quiz, learner


def _clients(learner, count=2) -> list[Client]:
    clients = []
    for _ in range(count):
        client = Client()
        client.force_login(learner)  # two tabs share nothing but the account
        clients.append(client)
    return clients


def _at_once(requests) -> list:
    """Run each callable in its own thread (own database connection), released together."""
    barrier = threading.Barrier(len(requests))
    results: list = [None] * len(requests)
    errors: list = []

    def run(index, request):
        try:
            barrier.wait(timeout=10)
            results[index] = request()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


def test_two_submits_at_the_same_moment_grade_once(setup):
    quiz, learner = setup
    first, second = _clients(learner)
    first.post(quiz_url(quiz, "start"))
    attempt = QuizAttempt.objects.get()
    url = quiz_url(quiz, "attempt", 1)
    graded = []
    finalise = services._finalise
    lock = threading.Lock()

    def counting_finalise(attempt):
        with lock:
            graded.append(attempt.pk)
        return finalise(attempt)

    right = {**right_post(attempt), "action": "submit"}
    wrong = {**wrong_post(attempt), "action": "submit"}
    with mock.patch.object(services, "_finalise", counting_finalise):
        responses = _at_once([lambda: first.post(url, right), lambda: second.post(url, wrong)])
    assert [r.status_code for r in responses] == [302, 302]
    assert graded == [attempt.pk]
    attempt.refresh_from_db()
    assert attempt.status == Status.GRADED
    assert attempt.score in {0, 2}  # one of the two, whole: never a mix
    submitted_at = attempt.submitted_at
    assert ActivityCompletion.objects.count() == (1 if attempt.passed else 0)
    # Replays afterwards change nothing either.
    first.post(url, wrong if attempt.passed else right)
    attempt.refresh_from_db()
    assert attempt.submitted_at == submitted_at
    assert QuizAttempt.objects.count() == 1


def test_two_starts_at_the_same_moment_give_one_attempt(setup):
    quiz, learner = setup
    first, second = _clients(learner)
    url = quiz_url(quiz, "start")
    responses = _at_once([lambda: first.post(url), lambda: second.post(url)])
    assert {r["Location"] for r in responses} == {quiz_url(quiz, "attempt", 1)}
    assert QuizAttempt.objects.filter(learner=learner).count() == 1
