"""Quiz pages under attack or misuse: answers and feedback never leak before the review policy
allows, bad input is refused with a message and changes nothing, nobody reaches another
learner's attempt, a submit grades once, and a fuzzed submit endpoint never answers 500."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.template.loader import get_template
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.forms import answers_from_post, check_answers
from quizzes.grading import grade_question
from quizzes.models import QuizAttempt
from quizzes.selectors import question_for_display, review_for
from quizzes.services import AttemptRefused, attempt_start, attempt_submit, clean_responses
from tests.factories.courses import EnrolmentFactory
from tests.factories.learners import UserFactory
from tests.factories.pages import CoursePageFactory, ModulePageFactory, make_site
from tests.factories.quizzes import QuizPageFactory
from tests.quizzes.test_quiz_pages import (
    SECRETS,
    every_type,
    logged_in,
    messages_of,
    quiz_url,
    right_post,
    text_of,
    wrong_post,
)

pytestmark = pytest.mark.django_db

Status = QuizAttempt.Status


def assert_no_secrets(html: str) -> None:
    for secret in SECRETS:
        assert secret not in html, secret
    assert "credit" not in html
    assert "general_feedback" not in html


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


@pytest.fixture
def quiz(module):
    return QuizPageFactory(parent=module, questions=every_type(), review_detail="score")


@pytest.fixture
def started(quiz, learner):
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    return client, QuizAttempt.objects.get(learner=learner)


# --- never leak ---------------------------------------------------------------------------------


def test_the_display_form_of_a_question_has_no_answers_credits_or_feedback(started):
    _, attempt = started
    for question in attempt.snapshot:
        shown = question_for_display(question)
        assert set(shown) <= {
            "id",
            "type",
            "text",
            "points",
            "points_label",
            "choices",
            "pairs",
            "options",
        }
        for choice in shown.get("choices", []):
            assert set(choice) == {"id", "text"}
        for pair in shown.get("pairs", []):
            assert set(pair) == {"id", "prompt"}
        assert_no_secrets(repr(shown))


def test_no_answers_or_feedback_in_the_intro_attempt_page_or_after_saving(quiz, started):
    client, attempt = started
    assert_no_secrets(text_of(client.get(quiz.url)))
    assert_no_secrets(text_of(client.get(quiz_url(quiz, "attempt", 1))))
    response = client.post(
        quiz_url(quiz, "attempt", 1), {**right_post(attempt), "action": "save"}, follow=True
    )
    assert response.status_code == 200
    assert_no_secrets(text_of(response))
    # Nor when the page is shown again with errors.
    response = client.post(
        quiz_url(quiz, "attempt", 1), {**right_post(attempt), "q-nope": "x", "action": "save"}
    )
    assert response.status_code == 200
    assert_no_secrets(text_of(response))


def test_no_answers_or_feedback_in_a_score_only_review(quiz, started):
    client, attempt = started
    response = client.post(
        quiz_url(quiz, "attempt", 1), {**right_post(attempt), "action": "submit"}, follow=True
    )
    assert_no_secrets(text_of(response))
    assert_no_secrets(text_of(client.get(quiz.url)))


def test_feedback_review_shows_what_the_score_only_review_hides(module, learner):
    quiz = QuizPageFactory(parent=module, questions=every_type(), review_detail="feedback")
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    attempt = QuizAttempt.objects.get()
    html = text_of(
        client.post(
            quiz_url(quiz, "attempt", 1), {**right_post(attempt), "action": "submit"}, follow=True
        )
    )
    for text in ("RIGHT-FEEDBACK-1994", "FEEDBACK-FALSE", "MR-GENERAL-FEEDBACK", "SA-FEEDBACK"):
        assert text in html, text


def test_wagtail_never_renders_the_question_stream_to_learners(quiz, learner):
    # The page's own template is the intro; the questions exist only in the admin.
    response = logged_in(learner).get(quiz.url)
    assert response.templates[0].name == "quizzes/quiz_page.html"
    for name in ("quiz_page", "quiz_attempt", "quiz_review", "includes/question_field"):
        source = get_template(f"quizzes/{name}.html").template.source
        assert "include_block" not in source
        assert "page.questions" not in source
    assert "Which report introduced human security?" not in text_of(response)


# --- bad input ----------------------------------------------------------------------------------


def _bad_posts(attempt) -> dict[str, dict]:
    by_type = {q["type"]: q for q in attempt.snapshot}
    sc, mr, mt = by_type["single_choice"], by_type["multiple_response"], by_type["matching"]
    pair = mt["pairs"][0]["id"]
    return {
        "unknown question": {"q-not-a-question": "x"},
        "unknown choice": {f"q-{sc['id']}": "not-a-choice"},
        "two single choices": {f"q-{sc['id']}": [c["id"] for c in sc["choices"][:2]]},
        "unknown response choice": {f"q-{mr['id']}": [mr["choices"][0]["id"], "nope"]},
        "unknown pair": {f"q-{mt['id']}-not-a-pair": mt["options"][0]},
        "unknown option": {f"q-{mt['id']}-{pair}": "not an option"},
        "two options": {f"q-{mt['id']}-{pair}": mt["options"][:2]},
        "matching as text": {f"q-{mt['id']}": "Famine"},
        "true false maybe": {f"q-{by_type['true_false']['id']}": "maybe"},
        "short answer too long": {f"q-{by_type['short_answer']['id']}": "x" * 501},
        "essay too long": {f"q-{by_type['essay']['id']}": "x" * 20_001},
        "bare prefix": {"q-": "x"},
    }


@pytest.mark.parametrize("action", ["save", "submit"])
def test_bad_answers_are_refused_with_a_message_and_change_nothing(quiz, started, action):
    client, attempt = started
    client.post(quiz_url(quiz, "attempt", 1), {**wrong_post(attempt), "action": "save"})
    attempt.refresh_from_db()
    saved = attempt.responses
    for case, bad in _bad_posts(attempt).items():
        response = client.post(
            quiz_url(quiz, "attempt", 1), {**right_post(attempt), **bad, "action": action}
        )
        assert response.status_code == 200, case
        html = text_of(response)
        assert "Your answers were not saved" in html, case
        assert 'role="alert"' in html
        attempt.refresh_from_db()
        assert attempt.status == Status.OPEN, case
        assert (attempt.responses, attempt.score) == (saved, None), case


def test_errors_are_tied_to_their_question_and_good_answers_are_kept_on_the_page(quiz, started):
    client, attempt = started
    by_type = {q["type"]: q for q in attempt.snapshot}
    sc = by_type["single_choice"]
    number = attempt.snapshot.index(sc) + 1
    data = {**right_post(attempt), f"q-{sc['id']}": "not-a-choice", "action": "submit"}
    html = text_of(client.post(quiz_url(quiz, "attempt", 1), data))
    link = f'<a href="#question-{number}">Question {number}</a>'
    assert f"{link}: That answer is not one of the choices." in html
    assert f'aria-describedby="question-{number}-text question-{number}-error"' in html
    assert 'value="secret-accepted-answer"' in html  # the rest of what was sent is kept


def test_answers_from_post_passes_unknown_fields_on_for_the_service_to_refuse(started):
    _, attempt = started
    mt = next(q for q in attempt.snapshot if q["type"] == "matching")
    answers = answers_from_post(
        attempt.snapshot, {"q-ghost": "x", f"q-{mt['id']}-ghost-pair": "y", "action": "save"}
    )
    assert answers["ghost"] == "x"
    assert answers[mt["id"]] == {"ghost-pair": "y"}
    assert sum(value is not None for value in answers.values()) == 2
    _, errors, general = check_answers(attempt.snapshot, answers)
    assert general
    assert mt["id"] in errors
    # A browser's form, as it is: everything the service accepts.
    answers = answers_from_post(attempt.snapshot, right_post(attempt))
    assert clean_responses(attempt, answers)


def test_nul_characters_are_dropped_not_stored_or_a_server_error(quiz, started):
    # PostgreSQL cannot store NUL in text or JSON: it must never reach the database.
    client, attempt = started
    by_type = {q["type"]: q for q in attempt.snapshot}
    short, essay_q = by_type["short_answer"], by_type["essay"]
    data = {f"q-{short['id']}": "se\x00cret", f"q-{essay_q['id']}": "a\x00b", "action": "save"}
    body = urlencode(data)
    response = client.post(
        quiz_url(quiz, "attempt", 1), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.responses[short["id"]] == "secret"
    assert "\x00" not in attempt.responses[essay_q["id"]]
    # A NUL in a field name is a field of no question: refused, not folded into a real one.
    body = urlencode({f"q-{short['id']}\x00": "other", "action": "save"})
    response = client.post(
        quiz_url(quiz, "attempt", 1), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.responses[short["id"]] == "secret"


def test_a_quiz_in_a_course_one_is_not_enrolled_in_is_refused(quiz):
    outsider = logged_in(UserFactory())
    for url in (quiz_url(quiz, "start"), quiz_url(quiz, "attempt", 1)):
        response = outsider.post(url, {"action": "submit"})
        assert response.status_code == 302
        assert "/quiz" not in response["Location"]
    assert not QuizAttempt.objects.exists()


def test_other_methods_are_not_allowed(quiz, started):
    client, _ = started
    assert client.get(quiz_url(quiz, "start")).status_code == 405
    assert client.put(quiz_url(quiz, "attempt", 1)).status_code == 405
    assert client.delete(quiz_url(quiz, "attempt", 1)).status_code == 405
    assert client.post(quiz_url(quiz, "review", 1)).status_code == 405


def test_attempt_numbers_are_per_learner_so_nobody_reaches_another_learners_attempt(
    quiz, started, course
):
    client_a, attempt_a = started
    client_a.post(quiz_url(quiz, "attempt", 1), {**wrong_post(attempt_a), "action": "save"})

    def state():
        attempt_a.refresh_from_db()
        return (attempt_a.responses, attempt_a.status, attempt_a.score, attempt_a.submitted_at)

    before = state()

    b = UserFactory()
    EnrolmentFactory(learner=b, course=course)
    client_b = logged_in(b)
    # B has no attempt 1: A's attempt 1 is not reachable through B's URL.
    for method, url, data in (
        ("get", quiz_url(quiz, "attempt", 1), None),
        ("post", quiz_url(quiz, "attempt", 1), {**right_post(attempt_a), "action": "submit"}),
        ("post", quiz_url(quiz, "attempt", 1), {**right_post(attempt_a), "action": "save"}),
        ("get", quiz_url(quiz, "review", 1), None),
        ("post", quiz_url(quiz, "attempt", attempt_a.pk), {"action": "submit"}),
    ):
        response = getattr(client_b, method)(url, data)
        assert response.status_code == 404, url
    assert state() == before
    # B's own first attempt is B's, whatever A did.
    client_b.post(quiz_url(quiz, "start"))
    assert QuizAttempt.objects.get(learner=b).number == 1
    assert client_b.get(quiz_url(quiz, "attempt", 1)).status_code == 200
    assert state() == before


def test_a_page_beyond_the_attempts_is_not_found(quiz, started):
    client, _ = started
    assert client.get(quiz_url(quiz, "attempt", 2)).status_code == 404
    assert client.get(quiz_url(quiz, "attempt", 0)).status_code == 404
    assert client.get(quiz.url + "attempt/-1/").status_code == 404
    assert client.get(quiz.url + "attempt/99999999999999999999/").status_code == 404


# --- submitting once ----------------------------------------------------------------------------


def test_the_same_submit_twice_grades_once(quiz, started):
    client, attempt = started
    data = {**right_post(attempt), "action": "submit"}
    client.post(quiz_url(quiz, "attempt", 1), data)
    attempt.refresh_from_db()
    first = (attempt.status, attempt.score, attempt.submitted_at, attempt.results)
    response = client.post(quiz_url(quiz, "attempt", 1), data, follow=True)
    assert response.redirect_chain == [(quiz_url(quiz, "review", 1), 302)]
    assert messages_of(response)[-1] == (
        "You have already submitted this attempt: nothing was changed."
    )
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score, attempt.submitted_at, attempt.results) == first
    assert QuizAttempt.objects.count() == 1


def test_back_then_submitting_other_answers_changes_nothing(module, learner):
    quiz = QuizPageFactory(parent=module)
    client = logged_in(learner)
    client.post(quiz_url(quiz, "start"))
    attempt = QuizAttempt.objects.get()
    client.post(quiz_url(quiz, "attempt", 1), {**wrong_post(attempt), "action": "submit"})
    # "Back" fetches the page again (no-store): it is now the review.
    assert client.get(quiz_url(quiz, "attempt", 1))["Location"] == quiz_url(quiz, "review", 1)
    for action in ("submit", "save"):
        response = client.post(
            quiz_url(quiz, "attempt", 1), {**right_post(attempt), "action": action}, follow=True
        )
        assert "already submitted" in messages_of(response)[-1]
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (0, False)


def test_a_second_tab_saving_after_the_submit_changes_nothing(quiz, started):
    client, attempt = started
    other_tab = client  # same session, stale form
    client.post(quiz_url(quiz, "attempt", 1), {**wrong_post(attempt), "action": "submit"})
    attempt.refresh_from_db()
    graded = (attempt.score, attempt.responses, attempt.submitted_at)
    other_tab.post(quiz_url(quiz, "attempt", 1), {**right_post(attempt), "action": "save"})
    attempt.refresh_from_db()
    assert (attempt.score, attempt.responses, attempt.submitted_at) == graded


# --- fuzzing the submit endpoint ----------------------------------------------------------------


def _fuzz_keys(snapshot):
    ids = [q["id"] for q in snapshot]
    pairs = [
        f"{q['id']}-{p['id']}" for q in snapshot if q["type"] == "matching" for p in q["pairs"]
    ]
    matching = [q["id"] for q in snapshot if q["type"] == "matching"]
    real = st.sampled_from(ids).map(lambda qid: f"q-{qid}")
    return st.one_of(
        real,
        real,
        st.sampled_from(pairs).map(lambda name: f"q-{name}"),
        st.sampled_from(matching)
        .map(lambda qid: f"q-{qid}-{{}}")
        .flatmap(lambda template: st.text(max_size=12).map(template.format)),
        st.text(max_size=40).map(lambda text: f"q-{text}"),
        st.sampled_from(["q-", "q--", "q-q-", "action", "csrfmiddlewaretoken"]),
        st.text(max_size=20),
    )


def _fuzz_values(snapshot):
    choice_ids = [c["id"] for q in snapshot for c in q.get("choices", [])]
    options = [o for q in snapshot for o in q.get("options", [])]
    one = st.one_of(
        st.sampled_from(choice_ids),
        st.sampled_from(options),
        st.sampled_from(["true", "false", "7,25", "7.25", "", " ", "secret-accepted-answer"]),
        st.text(max_size=60),
        st.integers(min_value=400, max_value=25_000).map(lambda n: "é" * n),
    )
    return st.one_of(one, st.lists(one, min_size=0, max_size=4))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_fuzzing_the_submit_endpoint_never_errors_and_scores_only_valid_submits(
    module, learner, data
):
    # The fixtures are shared by every example; each example gets its own quiz and attempt.
    quiz = QuizPageFactory(parent=module, questions=every_type(), review_detail="feedback")
    client = Client(raise_request_exception=False)
    client.force_login(learner)
    attempt = attempt_start(learner=learner, quiz=quiz)
    if data.draw(st.booleans(), label="saved first"):
        client.post(quiz_url(quiz, "attempt", 1), {**wrong_post(attempt), "action": "save"})
    before = QuizAttempt.objects.get(pk=attempt.pk)
    fields = data.draw(
        st.dictionaries(_fuzz_keys(attempt.snapshot), _fuzz_values(attempt.snapshot), max_size=8),
        label="fields",
    )
    action = data.draw(st.sampled_from(["submit", "submit", "save", "", "other"]), label="action")
    # Form-encoded, so the server parses exactly what the oracle below parses.
    body = urlencode({**fields, "action": action}, doseq=True)
    url = quiz_url(quiz, "attempt", 1)
    response = client.post(url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in {200, 302}, response.status_code

    after = QuizAttempt.objects.get(pk=attempt.pk)
    answers = answers_from_post(attempt.snapshot, QueryDict(body))
    try:
        cleaned = clean_responses(attempt, answers)
    except AttemptRefused:
        cleaned = None
    if cleaned is None:
        # Refused: nothing changed, and the learner is told on the page.
        assert response.status_code == 200
        assert (after.status, after.responses, after.score) == (Status.OPEN, before.responses, None)
        return
    merged = {**before.responses, **cleaned}
    if action != "submit":
        assert (after.status, after.score, after.responses) == (Status.OPEN, None, merged)
        return
    # The only way a score appears: a valid submit, graded from exactly those answers.
    expected = [grade_question(q, merged.get(q["id"])).score for q in attempt.snapshot]
    if None in expected:
        assert (after.status, after.score) == (Status.AWAITING_GRADING, None)
    else:
        assert after.status == Status.GRADED
        assert after.score == pytest.approx(sum(expected))
    # Replaying the request changes nothing.
    client.post(url, body, content_type="application/x-www-form-urlencoded")
    again = QuizAttempt.objects.get(pk=attempt.pk)
    assert (again.score, again.results, again.submitted_at) == (
        after.score,
        after.results,
        after.submitted_at,
    )


def test_review_for_an_open_attempt_is_a_programming_error(started):
    _, attempt = started
    with pytest.raises(ValueError, match="no review"):
        review_for(attempt=attempt, attempts_used=0)
    attempt = attempt_submit(attempt=attempt)
    assert review_for(attempt=attempt, attempts_used=1).items == []
