"""A quiz translated into another language stays one quiz: the same attempts, the same
answer key, progress shared with every language version of the course."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from courses.models import ActivityCompletion
from courses.services import enrolment_request
from quizzes.models import QuizAttempt
from quizzes.questions import with_answer_key
from quizzes.services import attempt_start, attempt_submit
from tests.factories.learners import UserFactory
from tests.factories.pages import CoursePageFactory, ModulePageFactory, make_site
from tests.factories.quizzes import QuizPageFactory, short_answer, single_choice

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    _, catalogue = make_site()
    course = CoursePageFactory(parent=catalogue)
    module = ModulePageFactory(parent=course)
    return QuizPageFactory(
        parent=module, questions=[single_choice(), short_answer()], pass_mark=100
    )


def translate(page, code: str):
    """A Turkish translation as a translator might leave it: texts translated, and by
    mistake a wrong choice marked right and the accepted answer changed."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=code), copy_parents=True)
    for block in copy.questions.raw_data:
        value = block["value"]
        value["text"] = "<p>Türkçe soru</p>"
        if block["type"] == "single_choice":
            for choice in value["choices"]:
                choice["value"]["credit"] = 100 if "Helsinki" in choice["value"]["text"] else 0
        if block["type"] == "short_answer":
            value["answers"][0]["value"]["text"] = "BM Kalkınma Programı"
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def answers_by_source(attempt, *, source_right: bool) -> dict:
    given = {}
    for question in attempt.snapshot:
        if question["type"] == "single_choice":
            wanted = "UNDP" if source_right else "Helsinki"
            given[question["id"]] = next(
                c["id"] for c in question["choices"] if wanted in c["text"]
            )
        elif question["type"] == "short_answer":
            given[question["id"]] = "UNDP" if source_right else "nothing"
    return given


def test_a_translation_grades_against_the_original_answer_key(quiz):
    turkish = translate(quiz, "tr")
    learner = UserFactory()
    enrolment_request(learner=learner, course=quiz.get_parent().get_parent().specific)
    with translation.override("tr"):
        attempt = attempt_start(learner=learner, quiz=turkish)
    assert attempt.quiz_key == quiz.translation_key
    assert attempt.language == "tr"
    assert "Türkçe soru" in attempt.snapshot[0]["text"]
    graded = attempt_submit(attempt=attempt, answers=answers_by_source(attempt, source_right=True))
    assert graded.passed is True
    # The learner's progress is the course's, whatever the language.
    completion = ActivityCompletion.objects.get()
    assert completion.activity_key == quiz.translation_key
    # One quiz: the English version sees the same attempts and allows no parallel one.
    assert QuizAttempt.objects.filter(quiz_key=quiz.translation_key).count() == 1
    again = attempt_start(learner=learner, quiz=quiz)
    assert again.number == 2


def test_the_translations_own_accepted_answer_also_counts(quiz):
    turkish = translate(quiz, "tr")
    learner = UserFactory()
    enrolment_request(learner=learner, course=quiz.get_parent().get_parent().specific)
    attempt = attempt_start(learner=learner, quiz=turkish)
    given = answers_by_source(attempt, source_right=True)
    short = next(q for q in attempt.snapshot if q["type"] == "short_answer")
    given[short["id"]] = "bm kalkınma programı"
    assert attempt_submit(attempt=attempt, answers=given).passed is True


def test_a_wrong_answer_stays_wrong_in_translation(quiz):
    turkish = translate(quiz, "tr")
    learner = UserFactory()
    enrolment_request(learner=learner, course=quiz.get_parent().get_parent().specific)
    attempt = attempt_start(learner=learner, quiz=turkish)
    graded = attempt_submit(attempt=attempt, answers=answers_by_source(attempt, source_right=False))
    assert graded.score == 0
    assert graded.passed is False


def test_with_answer_key_keeps_texts_and_takes_scoring_from_the_source():
    source = [
        {
            "id": "q1",
            "type": "true_false",
            "title": "",
            "text": "Source",
            "points": 2.0,
            "general_feedback": "",
            "answer": True,
        },
        {
            "id": "q2",
            "type": "numerical",
            "title": "",
            "text": "How many?",
            "points": 1.0,
            "general_feedback": "",
            "answers": [
                {"value": 7, "tolerance": 0, "min": None, "max": None, "credit": 1, "feedback": ""}
            ],
        },
    ]
    translated = [
        {**source[0], "text": "Prevod", "points": 9.0, "answer": False},
        {**source[1], "text": "Koliko?", "answers": []},
        {**source[0], "id": "only-here", "text": "Nova"},
    ]
    keyed = with_answer_key(translated, source)
    assert [q["text"] for q in keyed] == ["Prevod", "Koliko?", "Nova"]
    assert (keyed[0]["points"], keyed[0]["answer"]) == (2.0, True)
    assert keyed[1]["answers"] == source[1]["answers"]
    assert keyed[2]["id"] == "only-here"
