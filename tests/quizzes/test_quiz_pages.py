"""The learner's quiz pages: intro, start, the attempt form, save, submit, review; who may open
them; and a fixed number of queries whatever the number of questions.

The helpers here (question builders for every type, a course with a quiz, right answers as a
browser would POST them) are shared with test_quiz_security.py and test_quiz_concurrency.py.
"""

import datetime
import re
import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import ActivityCompletion, CourseTrainer, Enrolment
from courses.permissions import REVIEWERS
from quizzes.models import QuizAttempt
from quizzes.services import attempt_start, attempt_submit
from tests.factories.courses import EnrolmentFactory
from tests.factories.learners import UserFactory
from tests.factories.pages import CoursePageFactory, ModulePageFactory, make_site
from tests.factories.quizzes import QuizPageFactory, choice, essay, single_choice, true_false

pytestmark = pytest.mark.django_db

Status = QuizAttempt.Status

# Strings that are part of the answer key or feedback: they must never reach a learner
# before the review policy allows it.
SECRETS = [
    "RIGHT-FEEDBACK-1994",
    "WRONG-FEEDBACK-HELSINKI",
    "WRONG-FEEDBACK-LISBON",
    "FEEDBACK-TRUE",
    "FEEDBACK-FALSE",
    "The 1994 Human Development Report.",  # general feedback of single_choice()
    "MR-FEEDBACK-FREEDOM",
    "MR-GENERAL-FEEDBACK",
    "SECRET-ACCEPTED-ANSWER",
    "SA-FEEDBACK",
    "NUM-FEEDBACK",
    "MATCH-GENERAL-FEEDBACK",
]


# --- question builders (StreamField raw data) ------------------------------------------------


def _id() -> str:
    return str(uuid.uuid4())


def _item(value) -> dict:
    return {"type": "item", "id": _id(), "value": value}


def multiple_response(points=2.0):
    return {
        "type": "multiple_response",
        "id": _id(),
        "value": {
            "title": "",
            "text": "<p>Which are dimensions of human security?</p>",
            "points": points,
            "general_feedback": "MR-GENERAL-FEEDBACK",
            "choices": [
                choice("Freedom from fear", 50, "MR-FEEDBACK-FREEDOM"),
                choice("Freedom from want", 50, ""),
                choice("Military superiority", -100, ""),
            ],
        },
    }


def short_answer(points=1.0):
    return {
        "type": "short_answer",
        "id": _id(),
        "value": {
            "title": "",
            "text": "<p>Type the secret word.</p>",
            "points": points,
            "general_feedback": "",
            "case_sensitive": False,
            "answers": [
                _item({"text": "SECRET-ACCEPTED-ANSWER", "credit": 100, "feedback": "SA-FEEDBACK"})
            ],
        },
    }


def numerical(points=1.0):
    return {
        "type": "numerical",
        "id": _id(),
        "value": {
            "title": "",
            "text": "<p>How much is seven and a quarter?</p>",
            "points": points,
            "general_feedback": "",
            "answers": [
                _item(
                    {
                        "value": 7.25,
                        "tolerance": 0.01,
                        "minimum": None,
                        "maximum": None,
                        "credit": 100,
                        "feedback": "NUM-FEEDBACK",
                    }
                )
            ],
        },
    }


def matching(points=2.0):
    return {
        "type": "matching",
        "id": _id(),
        "value": {
            "title": "",
            "text": "<p>Match each threat to its dimension.</p>",
            "points": points,
            "general_feedback": "MATCH-GENERAL-FEEDBACK",
            "pairs": [
                _item({"prompt": "Famine", "answer": "Economic and food security"}),
                _item({"prompt": "Domestic violence", "answer": "Personal security"}),
            ],
            "distractors": [_item("Military security")],
        },
    }


def every_type():
    return [
        single_choice(),
        multiple_response(),
        true_false(),
        short_answer(),
        numerical(),
        matching(),
        essay(points=2),
    ]


# --- answers as a browser posts them ---------------------------------------------------------


def right_post(attempt, *, essay_text="Night buses stop at ten & the streets are dark.") -> dict:
    """The form data of a fully right attempt (the essay is graded by hand)."""
    data = {}
    for q in attempt.snapshot:
        name = f"q-{q['id']}"
        kind = q["type"]
        if kind == "single_choice":
            data[name] = next(c["id"] for c in q["choices"] if c["credit"] == 1)
        elif kind == "multiple_response":
            data[name] = [c["id"] for c in q["choices"] if c["credit"] > 0]
        elif kind == "true_false":
            data[name] = "true" if q["answer"] else "false"
        elif kind == "short_answer":
            data[name] = q["answers"][0]["text"].lower()
        elif kind == "numerical":
            data[name] = "7,25"
        elif kind == "matching":
            for pair in q["pairs"]:
                data[f"{name}-{pair['id']}"] = pair["answer"]
        elif kind == "essay":
            data[name] = essay_text
    return data


def wrong_post(attempt) -> dict:
    data = {}
    for q in attempt.snapshot:
        name = f"q-{q['id']}"
        if q["type"] == "single_choice":
            data[name] = next(c["id"] for c in q["choices"] if c["credit"] == 0)
        elif q["type"] == "true_false":
            data[name] = "false" if q["answer"] else "true"
    return data


# --- a course with a quiz ---------------------------------------------------------------------


@pytest.fixture
def course():
    _, catalogue = make_site()
    return CoursePageFactory(parent=catalogue)


@pytest.fixture
def module(course):
    return ModulePageFactory(parent=course)


@pytest.fixture
def learner(course):
    user = UserFactory()
    EnrolmentFactory(learner=user, course=course)
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def quiz_url(quiz, name=None, *args) -> str:
    if name is None:
        return quiz.url
    return quiz.url + quiz.reverse_subpage(name, args=args or None)


def text_of(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- who may open a quiz ----------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login_with_next(client, module):
    quiz = QuizPageFactory(parent=module)
    for url in (quiz_url(quiz), quiz_url(quiz, "attempt", 1), quiz_url(quiz, "review", 1)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"
    response = client.post(quiz_url(quiz, "start"))
    assert response["Location"] == f"/accounts/login/?next={quiz.url}"


def test_learner_not_enrolled_is_sent_to_the_course_page_with_a_message(course, module):
    quiz = QuizPageFactory(parent=module)
    response = logged_in(UserFactory()).get(quiz.url, follow=True)
    assert response.redirect_chain == [(course.url, 302)]
    assert messages_of(response) == ["Enrol in this course to take this quiz."]


@pytest.mark.parametrize("status", [Enrolment.Status.PENDING, Enrolment.Status.WITHDRAWN])
def test_learner_without_an_active_enrolment_cannot_start(course, module, status):
    quiz = QuizPageFactory(parent=module)
    user = UserFactory()
    EnrolmentFactory(learner=user, course=course, status=status)
    response = logged_in(user).post(quiz_url(quiz, "start"))
    assert response["Location"] == course.url
    assert not QuizAttempt.objects.exists()


def _trainer(course):
    user = UserFactory()
    CourseTrainer.objects.create(course=course, user=user)
    return user


def _reviewer(course):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=REVIEWERS))
    return user


def _superuser(course):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.mark.parametrize("make_staff", [_trainer, _reviewer, _superuser])
def test_course_staff_see_the_intro_with_a_note_but_cannot_start(course, module, make_staff):
    quiz = QuizPageFactory(parent=module, questions=every_type())
    client = logged_in(make_staff(course))
    response = client.get(quiz.url)
    assert response.status_code == 200
    html = text_of(response)
    assert "Attempts belong to an enrolment, so you cannot take it here." in html
    assert "It has 7 questions." in html
    assert quiz_url(quiz, "start") not in html
    response = client.post(quiz_url(quiz, "start"), follow=True)
    assert response.redirect_chain == [(quiz.url, 302)]
    assert "Only enrolled learners take quizzes" in messages_of(response)[0]
    assert not QuizAttempt.objects.exists()


# --- the intro --------------------------------------------------------------------------------


def test_intro_explains_the_settings_in_plain_words(module, learner):
    quiz = QuizPageFactory(
        parent=module,
        intro="<p>Check what you learned.</p>",
        pass_mark=70,
        max_attempts=3,
        time_limit_minutes=20,
        grading_method="latest",
        review_detail="correctness",
        review_when="after_last",
        required_for_completion=False,
    )
    response = logged_in(learner).get(quiz.url)
    html = text_of(response)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert "no-store" in response["Cache-Control"]
    for text in (
        "Check what you learned.",
        "2 questions",
        "You need at least 70% of the points.",
        "You can try 3 times.",
        "You have used 0 attempts.",
        "20 minutes for each attempt, counted from when you start it.",
        "Your latest graded attempt.",
        "You see your score and which answers were right.",
        "The answers are shown once you have used all your attempts",
        "Optional: it does not count toward completing the course.",
        "Start the quiz",
    ):
        assert text in html, text
    # A POST form with the CSRF token, to start/.
    assert re.search(
        rf'<form method="post" action="{re.escape(quiz_url(quiz, "start"))}">'
        r'<input type="hidden" name="csrfmiddlewaretoken"',
        html,
    )


def test_intro_never_shows_the_questions(module, learner):
    quiz = QuizPageFactory(parent=module, questions=every_type())
    html = text_of(logged_in(learner).get(quiz.url))
    assert "Which report introduced human security?" not in html
    assert "Famine" not in html
    for secret in SECRETS:
        assert secret not in html


def test_intro_lists_past_attempts_with_scores_and_review_links(module, learner):
    quiz = QuizPageFactory(parent=module, max_attempts=3)
    client = logged_in(learner)
    first = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(attempt=first, answers={})
    attempt_start(learner=learner, quiz=quiz)
    html = text_of(client.get(quiz.url))
    assert quiz_url(quiz, "review", 1) in html
    assert quiz_url(quiz, "review", 2) not in html
    assert "0% · not passed" in html
    assert "In progress" in html
    assert "Resume attempt 2" in html
    assert "You have used 2 attempts." in html


def test_intro_shows_the_attempt_that_counts(module, learner):
    quiz = QuizPageFactory(parent=module, grading_method="highest")
    client = logged_in(learner)
    for post in (right_post, wrong_post):
        client.post(quiz_url(quiz, "start"))
        attempt = QuizAttempt.objects.get(status=Status.OPEN)
        client.post(
            quiz_url(quiz, "attempt", attempt.number), {**post(attempt), "action": "submit"}
        )
    assert "Your result: 100% (attempt 1)." in text_of(client.get(quiz.url))
    quiz.grading_method = "latest"
    quiz.save_revision().publish()
    assert "Your result: 0% (attempt 2)." in text_of(client.get(quiz.url))


def test_used_up_attempts_leave_no_start_button(module, learner):
    quiz = QuizPageFactory(parent=module, max_attempts=1)
    attempt_submit(attempt=attempt_start(learner=learner, quiz=quiz))
    html = text_of(logged_in(learner).get(quiz.url))
    assert "You have used your only attempt at this quiz." in html
    assert quiz_url(quiz, "start") not in html


def test_editor_preview_shows_the_intro_without_answers(module):
    quiz = QuizPageFactory(parent=module, questions=every_type())
    request = RequestFactory().get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    response = quiz.serve_preview(request, quiz.default_preview_mode)
    response.render()
    html = response.content.decode()
    assert "Preview: learners see this page before they start." in html
    for secret in SECRETS:
        assert secret not in html


# --- starting -----------------------------------------------------------------------------------


def test_start_is_post_only(client, module, learner):
    quiz = QuizPageFactory(parent=module)
    response = logged_in(learner).get(quiz_url(quiz, "start"))
    assert response.status_code == 405
    assert not QuizAttempt.objects.exists()


def test_starting_twice_gives_one_open_attempt(module, learner):
    quiz = QuizPageFactory(parent=module)
    client = logged_in(learner)
    first = client.post(quiz_url(quiz, "start"))
    second = client.post(quiz_url(quiz, "start"))
    assert first["Location"] == second["Location"] == quiz_url(quiz, "attempt", 1)
    assert QuizAttempt.objects.filter(status=Status.OPEN).count() == 1


def test_start_beyond_the_maximum_is_refused_with_a_message(module, learner):
    quiz = QuizPageFactory(parent=module, max_attempts=1)
    attempt_submit(attempt=attempt_start(learner=learner, quiz=quiz))
    response = logged_in(learner).post(quiz_url(quiz, "start"), follow=True)
    assert response.redirect_chain == [(quiz.url, 302)]
    assert messages_of(response) == ["You have used all 1 attempts at this quiz."]
    assert QuizAttempt.objects.count() == 1


# --- the attempt form ---------------------------------------------------------------------------


def test_attempt_page_renders_every_question_type_accessibly(module, learner):
    quiz = QuizPageFactory(parent=module, questions=every_type(), shuffle_questions=False)
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    attempt = QuizAttempt.objects.get()
    response = client.get(quiz_url(quiz, "attempt", 1))
    html = text_of(response)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert html.count("<fieldset") == html.count("<legend>") == 7
    assert 'Question 1 <span class="question__points">(1 point)</span></legend>' in html
    assert 'Question 2 <span class="question__points">(2 points)</span></legend>' in html
    by_type = {q["type"]: q for q in attempt.snapshot}
    sc, mr, mt = by_type["single_choice"], by_type["multiple_response"], by_type["matching"]
    for c in sc["choices"]:
        assert f'type="radio" name="q-{sc["id"]}"' in html
        assert f'value="{c["id"]}"' in html
    assert html.count(f'type="checkbox" name="q-{mr["id"]}"') == 3
    assert f'name="q-{by_type["true_false"]["id"]}" id="question-3-true" value="true"' in html
    assert f'name="q-{by_type["short_answer"]["id"]}"' in html
    assert 'inputmode="decimal"' in html
    for pair in mt["pairs"]:
        assert f'<select name="q-{mt["id"]}-{pair["id"]}"' in html
    # The options come from the snapshot, in its (shuffled) order.
    options = re.findall(r'<option value="([^"]+)"', html)
    assert options == mt["options"] * 2
    assert f'<textarea name="q-{by_type["essay"]["id"]}"' in html
    assert 'maxlength="20000"' in html
    # Every input has a label pointing at it.
    for input_id in re.findall(r'<(?:input|select|textarea)[^>]* id="([^"]+)"', html):
        assert f'<label for="{input_id}"' in html, input_id
    assert 'name="action" value="save"' in html
    assert 'name="action" value="submit"' in html


def test_attempt_page_shows_the_snapshot_not_the_edited_quiz(module, learner):
    quiz = QuizPageFactory(parent=module)
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    quiz.questions = [single_choice("A question added after the start")]
    quiz.save_revision().publish()
    html = text_of(client.get(quiz_url(quiz, "attempt", 1)))
    assert "Which report introduced human security?" in html
    assert "A question added after the start" not in html


def test_save_keeps_the_answers_and_shows_them_again(module, learner):
    quiz = QuizPageFactory(parent=module, questions=every_type())
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    attempt = QuizAttempt.objects.get()
    data = right_post(attempt, essay_text="Line one\r\nA & B < C")
    response = client.post(quiz_url(quiz, "attempt", 1), {**data, "action": "save"}, follow=True)
    assert response.redirect_chain == [(quiz_url(quiz, "attempt", 1), 302)]
    assert "Your answers are saved." in messages_of(response)[0]
    attempt.refresh_from_db()
    assert attempt.status == Status.OPEN
    assert attempt.score is None
    html = text_of(response)
    assert "You have answered 7 of 7 questions." in html
    by_type = {q["type"]: q for q in attempt.snapshot}
    sc = by_type["single_choice"]
    right = next(c["id"] for c in sc["choices"] if c["credit"] == 1)
    assert f'value="{right}" checked>' in html
    assert html.count(" checked>") == 1 + 2 + 1  # single choice, two boxes, true/false
    assert 'value="secret-accepted-answer"' in html
    assert 'value="7,25"' in html
    for pair in by_type["matching"]["pairs"]:
        assert f'<option value="{pair["answer"]}" selected>' in html
    assert ">\nLine one\nA &amp; B &lt; C</textarea>" in html
    # Saving the form as shown again changes nothing (no double escaping of the essay).
    saved = dict(attempt.responses)
    client.post(
        quiz_url(quiz, "attempt", 1),
        {**right_post(attempt, essay_text="Line one\nA & B < C"), "action": "save"},
    )
    attempt.refresh_from_db()
    assert attempt.responses == saved


def test_unticking_every_box_clears_a_saved_answer(module, learner):
    quiz = QuizPageFactory(parent=module, questions=[multiple_response(), single_choice()])
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    attempt = QuizAttempt.objects.get()
    client.post(quiz_url(quiz, "attempt", 1), {**right_post(attempt), "action": "save"})
    client.post(quiz_url(quiz, "attempt", 1), {"action": "save"})
    attempt.refresh_from_db()
    assert all(value is None for value in attempt.responses.values())


def test_submit_grades_and_goes_to_the_review(module, learner):
    quiz = QuizPageFactory(parent=module)
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    attempt = QuizAttempt.objects.get()
    response = client.post(
        quiz_url(quiz, "attempt", 1), {**right_post(attempt), "action": "submit"}, follow=True
    )
    assert response.redirect_chain == [(quiz_url(quiz, "review", 1), 302)]
    assert messages_of(response) == ["Your attempt is submitted and graded."]
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score, attempt.passed) == (Status.GRADED, 2, True)
    assert ActivityCompletion.objects.filter(activity_key=quiz.translation_key).exists()
    # The attempt page of a submitted attempt goes to its review.
    assert client.get(quiz_url(quiz, "attempt", 1))["Location"] == quiz_url(quiz, "review", 1)


def test_deadline_is_shown_with_the_minutes_left(module, learner):
    quiz = QuizPageFactory(parent=module, time_limit_minutes=15)
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    html = text_of(client.get(quiz_url(quiz, "attempt", 1)))
    attempt = QuizAttempt.objects.get()
    assert "About 15 minutes left." in html
    assert f'<time datetime="{timezone.localtime(attempt.deadline).isoformat()}' in html
    assert "30 seconds of grace" in html


def test_an_expired_attempt_is_graded_as_it_stood_when_opened_or_submitted(module, learner):
    quiz = QuizPageFactory(parent=module, time_limit_minutes=5)
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    attempt = QuizAttempt.objects.get()
    client.post(quiz_url(quiz, "attempt", 1), {**wrong_post(attempt), "action": "save"})
    QuizAttempt.objects.update(deadline=timezone.now() - datetime.timedelta(minutes=2))
    response = client.post(
        quiz_url(quiz, "attempt", 1), {**right_post(attempt), "action": "submit"}, follow=True
    )
    assert response.redirect_chain == [(quiz_url(quiz, "review", 1), 302)]
    assert "Time was up" in messages_of(response)[-1]
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score) == (Status.GRADED, 0)
    # Opening an expired attempt grades it too.
    client.post(quiz_url(quiz, "start"))
    QuizAttempt.objects.filter(number=2).update(
        deadline=timezone.now() - datetime.timedelta(minutes=2)
    )
    response = client.get(quiz_url(quiz, "attempt", 2), follow=True)
    assert response.redirect_chain == [(quiz_url(quiz, "review", 2), 302)]
    assert QuizAttempt.objects.get(number=2).status == Status.GRADED


def test_saving_after_the_deadline_is_refused_and_grades_what_was_saved(module, learner):
    quiz = QuizPageFactory(parent=module, time_limit_minutes=5)
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    attempt = QuizAttempt.objects.get()
    QuizAttempt.objects.update(deadline=timezone.now() - datetime.timedelta(minutes=2))
    response = client.post(
        quiz_url(quiz, "attempt", 1), {**right_post(attempt), "action": "save"}, follow=True
    )
    assert response.redirect_chain[-1] == (quiz_url(quiz, "review", 1), 302)
    assert "Time is up" in messages_of(response)[0]
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score, attempt.responses) == (Status.GRADED, 0, {})


# --- the review ---------------------------------------------------------------------------------


def _submitted(quiz, learner, post=right_post):
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    attempt = QuizAttempt.objects.get(learner=learner, status=Status.OPEN)
    client.post(quiz_url(quiz, "attempt", attempt.number), {**post(attempt), "action": "submit"})
    attempt.refresh_from_db()
    return client, attempt


def test_review_with_feedback_shows_right_answers_and_all_feedback(module, learner):
    quiz = QuizPageFactory(parent=module, questions=every_type()[:-1], review_detail="feedback")
    client, _ = _submitted(quiz, learner, wrong_post)
    html = text_of(client.get(quiz_url(quiz, "review", 1)))
    assert "Not passed" in html
    for text in (
        "WRONG-FEEDBACK-",  # the chosen (wrong) choice's feedback
        "The 1994 Human Development Report.",
        "MR-GENERAL-FEEDBACK",
        "MATCH-GENERAL-FEEDBACK",
        "Right answer: SECRET-ACCEPTED-ANSWER",
        "Right answer: 7.25 ± 0.01",
        "(a right answer)",
        "Economic and food security",
    ):
        assert text in html, text
    assert "RIGHT-FEEDBACK-1994" not in html  # feedback of a choice the learner did not pick


def test_review_with_feedback_after_right_answers(module, learner):
    quiz = QuizPageFactory(parent=module, questions=every_type()[:-1], review_detail="feedback")
    client, _ = _submitted(quiz, learner)
    html = text_of(client.get(quiz_url(quiz, "review", 1)))
    for text in ("RIGHT-FEEDBACK-1994", "MR-FEEDBACK-FREEDOM", "SA-FEEDBACK", "NUM-FEEDBACK"):
        assert text in html, text
    assert html.count("✓</span> Correct") == 6
    assert "8 of 8 points" in html
    assert "100%" in html
    assert "Passed" in html


def test_review_with_correctness_shows_right_answers_but_no_feedback(module, learner):
    quiz = QuizPageFactory(parent=module, questions=every_type()[:-1], review_detail="correctness")
    client, _ = _submitted(quiz, learner, wrong_post)
    html = text_of(client.get(quiz_url(quiz, "review", 1)))
    assert "Right answer: SECRET-ACCEPTED-ANSWER" in html
    assert "Incorrect" in html
    for secret in SECRETS:
        if secret != "SECRET-ACCEPTED-ANSWER":
            assert secret not in html, secret


def test_review_with_score_only_shows_the_score_and_nothing_else(module, learner):
    quiz = QuizPageFactory(parent=module, questions=every_type()[:-1], review_detail="score")
    client, _ = _submitted(quiz, learner, wrong_post)
    html = text_of(client.get(quiz_url(quiz, "review", 1)))
    assert "0 of 8 points" in html
    assert "Not passed" in html
    assert "Your answers" not in html
    assert "Which report introduced human security?" not in html
    for secret in SECRETS:
        assert secret not in html, secret


def test_review_after_the_last_attempt_shows_the_score_until_all_are_used(module, learner):
    quiz = QuizPageFactory(
        parent=module, max_attempts=2, review_detail="feedback", review_when="after_last"
    )
    client, _ = _submitted(quiz, learner, wrong_post)
    html = text_of(client.get(quiz_url(quiz, "review", 1)))
    assert "The answers will be shown once you have used all your attempts." in html
    for secret in SECRETS:
        assert secret not in html, secret
    _submitted(quiz, learner, wrong_post)
    for number in (1, 2):
        html = text_of(client.get(quiz_url(quiz, "review", number)))
        assert "WRONG-FEEDBACK-" in html
        assert "The 1994 Human Development Report." in html


def test_review_after_the_last_attempt_with_unlimited_attempts_is_score_only(module, learner):
    quiz = QuizPageFactory(parent=module, review_detail="feedback", review_when="after_last")
    client, _ = _submitted(quiz, learner, wrong_post)
    html = text_of(client.get(quiz_url(quiz, "review", 1)))
    assert "This quiz shows only the score." in html
    for secret in SECRETS:
        assert secret not in html, secret


def test_review_of_an_earlier_attempt_is_score_only_while_another_is_open(module, learner):
    quiz = QuizPageFactory(parent=module, review_detail="feedback")
    client, _ = _submitted(quiz, learner, wrong_post)
    assert "WRONG-FEEDBACK-" in text_of(client.get(quiz_url(quiz, "review", 1)))
    client.post(quiz_url(quiz, "start"))
    html = text_of(client.get(quiz_url(quiz, "review", 1)))
    assert "You have an attempt in progress" in html
    for secret in SECRETS:
        assert secret not in html, secret
    # An open attempt has no review: it goes back to the form.
    assert client.get(quiz_url(quiz, "review", 2))["Location"] == quiz_url(quiz, "attempt", 2)


def test_an_attempt_awaiting_grading_has_no_score_yet(module, learner):
    quiz = QuizPageFactory(parent=module, questions=[single_choice(), essay()])
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    attempt = QuizAttempt.objects.get()
    response = client.post(
        quiz_url(quiz, "attempt", 1),
        {
            **right_post(attempt, essay_text="<b>Dark</b> streets<script>x()</script>"),
            "action": "submit",
        },
        follow=True,
    )
    assert "A trainer will grade your written answers" in messages_of(response)[0]
    html = text_of(response)
    assert "Awaiting grading" in html
    assert "Passed" not in html
    assert "Not passed" not in html
    assert "points</dd>" not in html
    assert "<b>Dark</b> streets" in html
    assert "<script>" not in html
    intro = text_of(client.get(quiz.url))
    assert "Awaiting grading" in intro
    assert "Your result" not in intro


# --- a fixed number of queries ------------------------------------------------------------------


def _queries_for(catalogue, count: int) -> tuple[int, int]:
    """(queries of the attempt page GET, of the submit POST) for a quiz of ``count`` questions."""
    course = CoursePageFactory(parent=catalogue)
    module = ModulePageFactory(parent=course)
    kinds = every_type()
    kinds.insert(0, kinds.pop())  # the essay first: every size awaits grading
    # Fresh ids for every question and item, so each question is its own.
    quiz = QuizPageFactory(
        parent=module, questions=[_fresh(kinds[i % len(kinds)]) for i in range(count)]
    )
    learner = UserFactory()
    EnrolmentFactory(learner=learner, course=course)
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    attempt = QuizAttempt.objects.get(learner=learner)
    assert len(attempt.snapshot) == count
    client.get(quiz_url(quiz, "attempt", 1))  # warm the session and caches
    with CaptureQueriesContext(connection) as page:
        assert client.get(quiz_url(quiz, "attempt", 1)).status_code == 200
    data = {**right_post(attempt), "action": "submit"}
    with CaptureQueriesContext(connection) as submit:
        response = client.post(quiz_url(quiz, "attempt", 1), data)
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == Status.AWAITING_GRADING  # every size has essays
    return len(page), len(submit)


def _fresh(block: dict) -> dict:
    import copy

    block = copy.deepcopy(block)
    block["id"] = _id()
    for key in ("choices", "answers", "pairs", "distractors"):
        for item in block["value"].get(key, []):
            item["id"] = _id()
    return block


def test_attempt_page_and_submit_take_the_same_queries_for_5_and_50_questions():
    _, catalogue = make_site()
    _queries_for(catalogue, 5)  # first request of the test: content types, site root
    five = _queries_for(catalogue, 5)
    fifty = _queries_for(catalogue, 50)
    assert five == fifty, (five, fifty)
    print(f"queries (attempt page, submit): 5 questions {five}, 50 questions {fifty}")
