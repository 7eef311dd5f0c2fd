"""Attempt lifecycle through the services: snapshot, resume, limits, deadline, idempotency."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import ActivityCompletion, Enrolment
from courses.services import NotEnrolled, enrolment_request
from quizzes.models import QuizAttempt
from quizzes.services import (
    AttemptRefused,
    attempt_save,
    attempt_start,
    attempt_submit,
    essay_grade,
)
from tests.factories.learners import UserFactory
from tests.factories.pages import CoursePageFactory, LessonPageFactory, ModulePageFactory, make_site
from tests.factories.quizzes import QuizPageFactory, essay, single_choice

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    _, catalogue = make_site()
    course = CoursePageFactory(parent=catalogue)
    return course


@pytest.fixture
def module(course):
    return ModulePageFactory(parent=course)


@pytest.fixture
def learner(course):
    user = UserFactory()
    enrolment_request(learner=user, course=course)
    return user


def right_answers(attempt):
    answers = {}
    for q in attempt.snapshot:
        if q["type"] == "single_choice":
            answers[q["id"]] = next(c["id"] for c in q["choices"] if c["credit"] == 1)
        elif q["type"] == "true_false":
            answers[q["id"]] = "true" if q["answer"] else "false"
    return answers


def wrong_answers(attempt):
    answers = {}
    for q in attempt.snapshot:
        if q["type"] == "single_choice":
            answers[q["id"]] = next(c["id"] for c in q["choices"] if c["credit"] == 0)
        elif q["type"] == "true_false":
            answers[q["id"]] = "false" if q["answer"] else "true"
    return answers


def test_only_enrolled_learners_can_start(module):
    quiz = QuizPageFactory(parent=module)
    with pytest.raises(NotEnrolled):
        attempt_start(learner=UserFactory(), quiz=quiz)


def test_starting_twice_resumes_the_open_attempt(module, learner):
    quiz = QuizPageFactory(parent=module)
    first = attempt_start(learner=learner, quiz=quiz)
    assert attempt_start(learner=learner, quiz=quiz).pk == first.pk
    assert QuizAttempt.objects.count() == 1


def test_editing_the_quiz_never_changes_a_started_or_graded_attempt(module, learner):
    quiz = QuizPageFactory(parent=module)
    attempt = attempt_start(learner=learner, quiz=quiz)
    snapshot = attempt.snapshot
    attempt = attempt_submit(attempt=attempt, answers=right_answers(attempt))
    quiz.questions = [single_choice("A completely new question", points=10)]
    quiz.save_revision().publish()
    attempt.refresh_from_db()
    assert attempt.snapshot == snapshot
    assert attempt.score == 2
    assert attempt.max_score == 2


def test_passing_completes_the_quiz_activity_and_failing_does_not(module, learner):
    quiz = QuizPageFactory(parent=module)
    failed = attempt_submit(
        attempt=(a := attempt_start(learner=learner, quiz=quiz)), answers=wrong_answers(a)
    )
    assert failed.passed is False
    assert not ActivityCompletion.objects.exists()
    passed = attempt_submit(
        attempt=(b := attempt_start(learner=learner, quiz=quiz)), answers=right_answers(b)
    )
    assert passed.passed is True
    assert passed.number == 2
    completion = ActivityCompletion.objects.get()
    assert completion.activity_key == quiz.translation_key


def test_a_passed_required_quiz_and_lessons_complete_the_course(module, learner):
    lesson = LessonPageFactory(parent=module)
    quiz = QuizPageFactory(parent=module)
    from courses.services import activity_complete

    activity_complete(learner=learner, activity=lesson)
    assert Enrolment.objects.get().completed_at is None
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(attempt=attempt, answers=right_answers(attempt))
    assert Enrolment.objects.get().completed_at is not None


def test_submitting_twice_grades_once(module, learner):
    quiz = QuizPageFactory(parent=module)
    attempt = attempt_start(learner=learner, quiz=quiz)
    first = attempt_submit(attempt=attempt, answers=wrong_answers(attempt))
    again = attempt_submit(attempt=attempt, answers=right_answers(attempt))
    assert again.score == first.score == 0
    assert again.submitted_at == first.submitted_at


def test_answers_for_unknown_questions_or_choices_are_refused_and_change_nothing(module, learner):
    quiz = QuizPageFactory(parent=module)
    attempt = attempt_start(learner=learner, quiz=quiz)
    qid = attempt.snapshot[0]["id"]
    for bad in ({"not-a-question": "x"}, {qid: "not-a-choice"}, {qid: ["a", "b"]}):
        with pytest.raises(AttemptRefused):
            attempt_save(attempt=attempt, answers=bad)
    attempt.refresh_from_db()
    assert attempt.responses == {}


def test_maximum_attempts_is_enforced(module, learner):
    quiz = QuizPageFactory(parent=module, max_attempts=1)
    attempt_submit(attempt=attempt_start(learner=learner, quiz=quiz))
    with pytest.raises(AttemptRefused, match="all 1 attempts"):
        attempt_start(learner=learner, quiz=quiz)


def test_after_the_deadline_answers_are_refused_and_the_attempt_is_graded_as_it_stood(
    module, learner
):
    quiz = QuizPageFactory(parent=module, time_limit_minutes=10)
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_save(attempt=attempt, answers=wrong_answers(attempt))
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=5)
    )
    attempt.refresh_from_db()
    with pytest.raises(AttemptRefused, match="Time is up"):
        attempt_save(attempt=attempt, answers=right_answers(attempt))
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.GRADED
    assert attempt.score == 0
    late = attempt_submit(attempt=attempt, answers=right_answers(attempt))
    assert late.score == 0


def test_essays_await_grading_then_a_trainer_grades_them(module, learner):
    quiz = QuizPageFactory(parent=module, questions=[single_choice(), essay(points=4)])
    attempt = attempt_start(learner=learner, quiz=quiz)
    essay_id = next(q["id"] for q in attempt.snapshot if q["type"] == "essay")
    answers = {**right_answers(attempt), essay_id: "<p>Night buses</p><script>x()</script>"}
    attempt = attempt_submit(attempt=attempt, answers=answers)
    assert attempt.status == QuizAttempt.Status.AWAITING_GRADING
    assert attempt.passed is None
    assert "<script>" not in attempt.responses[essay_id]
    with pytest.raises(AttemptRefused):
        essay_grade(attempt=attempt, question_id=essay_id, score=9, comment="", grader=learner)
    graded = essay_grade(
        attempt=attempt, question_id=essay_id, score=3, comment="Good", grader=UserFactory()
    )
    assert graded.status == QuizAttempt.Status.GRADED
    assert graded.score == 4
    assert graded.passed is True


def test_submitting_fifty_questions_takes_the_same_queries_as_five(module, learner):
    def submit_count(n):
        quiz = QuizPageFactory(parent=module, questions=[single_choice() for _ in range(n)])
        attempt = attempt_start(learner=learner, quiz=quiz)
        answers = wrong_answers(attempt)
        with CaptureQueriesContext(connection) as queries:
            attempt_submit(attempt=attempt, answers=answers)
        return len(queries)

    assert submit_count(5) == submit_count(50)
