"""A quiz attempt is graded once, whatever the browser does: a double click on Submit, Back
after submitting then Submit again, a replayed request, and a second tab on the same attempt.

The demo learner takes the second module's quiz of the introductory course, which they have
not attempted yet.
"""

import pytest
from django.db import connection
from playwright.sync_api import expect

from courses.models import ActivityCompletion
from quizzes.models import QuizAttempt, QuizPage

from .support import answer_quiz, axe_check, driver_for, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LEARNER = "learner@example.org"
QUIZ_PATH = (
    "/courses/introduction-to-human-security/human-security-in-the-western-balkans-and-turkey/"
    "human-security-in-the-western-balkans-and-turkey-quiz/"
)
ALREADY_SUBMITTED = "You have already submitted this attempt: nothing was changed."
SUBMIT_TWICE = """async (atOnce) => {
  const form = document.querySelector("form.quiz-form");
  const url = form.getAttribute("action");  // form.action is the button named "action"
  const post = () => {
    const data = new URLSearchParams(new FormData(form));
    data.set("action", "submit");
    return fetch(url, {method: "POST", body: data}).then((r) => r.text());
  };
  return atOnce ? Promise.all([post(), post()]) : [await post(), await post()];
}"""


def graded_state(quiz: QuizPage) -> list[tuple]:
    """Every attempt of the demo learner at ``quiz``, as grading leaves it."""
    return list(
        QuizAttempt.objects.filter(learner__email=LEARNER, quiz_key=quiz.translation_key)
        .order_by("number")
        .values_list("number", "status", "submitted_at", "graded_at", "score", "passed")
    )


def submissions(journey, number: int) -> int:
    """How many times the browser posted attempt ``number``'s form."""
    return sum(
        1
        for method, _kind, url, _referrer in journey.requests
        if method == "POST" and url.endswith(f"{QUIZ_PATH}attempt/{number}/")
    )


@pytest.fixture
def gradings(monkeypatch) -> list[int]:
    """The number of each attempt the live server grades, as it grades it."""
    from quizzes import services

    graded: list[int] = []
    finalise = services._finalise

    def counting(attempt):
        graded.append(attempt.number)
        return finalise(attempt)

    monkeypatch.setattr(services, "_finalise", counting)
    return graded


def test_an_attempt_is_graded_once_whatever_the_browser_does(demo, journey, gradings):
    quiz = QuizPage.objects.get(url_path__endswith=QUIZ_PATH, locale__language_code="en")
    page = journey.new_page()
    ui = driver_for("mouse", page)
    log_in(page, LEARNER, next_url=QUIZ_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz.title)

    # A double click on Submit: the browser may send the form twice; it is graded once.
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attempt 1")
    attempt = QuizAttempt.objects.get(learner__email=LEARNER, quiz_key=quiz.translation_key)
    answer_quiz(page, ui, attempt.snapshot, right=True)
    with page.expect_request(lambda r: r.method == "POST" and "/attempt/1/" in r.url) as first:
        page.get_by_role("button", name="Submit", exact=True).dblclick()
    expect(page.locator(".quiz-summary")).to_contain_text("Passed")
    axe_check(page)
    graded = graded_state(quiz)
    assert [(number, status) for number, status, *_ in graded] == [(1, "graded")]
    assert gradings == [1]
    completions = ActivityCompletion.objects.filter(activity_key=quiz.translation_key)
    assert completions.count() == 1
    print(f"\ndouble click: the browser posted the attempt {submissions(journey, 1)} times")

    # Back to the form, and Submit again: the attempt page is never cached, so Back shows the
    # attempt as it is now (its review); should a browser show the old form, submitting it
    # changes nothing.
    page.go_back()
    submit = page.get_by_role("button", name="Submit", exact=True)
    if submit.count():
        submit.click()
        expect(page.get_by_role("status")).to_contain_text(ALREADY_SUBMITTED)
    expect(page.locator(".quiz-summary")).to_contain_text("Passed")
    assert page.url.endswith(f"{QUIZ_PATH}attempt/1/review/"), page.url

    # The same request replayed with the session's cookies changes nothing either.
    replay = page.request.post(
        first.value.url,
        data=first.value.post_data,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": page.url},
    )
    assert replay.ok
    assert replay.url.endswith(f"{QUIZ_PATH}attempt/1/review/"), replay.url
    assert ALREADY_SUBMITTED in replay.text()
    assert graded_state(quiz) == graded
    assert gradings == [1]

    # A second tab, opened before the first starts a new attempt, presses its own (now stale)
    # "Start a new attempt": it resumes the same attempt instead of opening another.
    page.goto(QUIZ_PATH)
    second = page.context.new_page()
    second.goto(QUIZ_PATH)
    page.get_by_role("button", name="Start a new attempt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attempt 2")
    second.get_by_role("button", name="Start a new attempt").click()
    expect(second.get_by_role("heading", level=1)).to_contain_text("Attempt 2")
    assert [row[:2] for row in graded_state(quiz)] == [(1, "graded"), (2, "open")]

    # The first tab's form reaches the server twice at once, as a double click on a slow
    # connection sends it (Chromium itself posted the double click above only once): one
    # post grades the attempt; the other waits for its lock and finds it graded.
    snapshot = QuizAttempt.objects.get(
        learner__email=LEARNER, quiz_key=quiz.translation_key, number=2
    ).snapshot
    answer_quiz(page, ui, snapshot, right=False)
    answer_quiz(second, driver_for("mouse", second), snapshot, right=True)
    # (At once only on PostgreSQL: the live server shares one connection between its threads
    # on SQLite's in-memory test database, where row locks do not exist.)
    pages = page.evaluate(SUBMIT_TWICE, connection.vendor == "postgresql")
    assert all("Review of attempt 2" in html for html in pages)
    assert gradings == [1, 2], gradings
    page.goto(f"{QUIZ_PATH}attempt/2/review/")
    expect(page.locator(".quiz-summary")).to_contain_text("Not passed")

    # The second tab, still showing attempt 2's form, submits its own answers: refused.
    second.get_by_role("button", name="Submit", exact=True).click()
    expect(second.get_by_role("status")).to_contain_text(ALREADY_SUBMITTED)
    expect(second.locator(".quiz-summary")).to_contain_text("Not passed")
    axe_check(second)
    final = graded_state(quiz)
    assert [row[:2] for row in final] == [(1, "graded"), (2, "graded")]
    assert final[0] == graded[0], "attempt 1 was graded again"
    assert final[1][5] is False, "the second tab's answers were graded over the first's"
    assert gradings == [1, 2]
    assert completions.count() == 1

    second.goto(QUIZ_PATH)
    expect(second.get_by_role("table")).to_contain_text("2")
    axe_check(second)
    journey.finish(second, "integrity")
