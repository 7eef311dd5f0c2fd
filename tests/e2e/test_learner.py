"""A new learner, in a real browser, from signup to a completed course.

The same journey runs three times: with the mouse (and axe-core on every page, and the
lesson page's weight measured), with the keyboard only (Tab, Enter, Space, arrows and typing;
every control reached must show a visible focus), and with JavaScript disabled. Each saves a
screenshot of its last page in ``test-artifacts/``.

To keep the journey short, the course's other activities are completed through
``activity_complete`` once the learner has shown each kind of step in the browser; the last
lesson, which completes the course, is then marked complete in the browser again. The
journey ends by downloading the certificate and opening its public verification page.
"""

import re
import time
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect
from wagtail.models import Page

from courses.models import CoursePage, LessonPage
from courses.services import activity_complete
from learners.models import Certificate, User
from quizzes.models import QuizAttempt, QuizPage

from .support import (
    NEW_PASSWORD,
    answer_quiz,
    assert_responsive_images,
    axe_check,
    driver_for,
    field_label,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COURSE = "Introduction to Human Security"
FIRST_QUIZ = "Check your understanding"
# The lesson page's own weight: its HTML, CSS and JavaScript, without images and videos.
LESSON_WEIGHT_BUDGET = 100 * 1024


def email_to(address: str, *, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in mail.outbox:
            if address in message.to:
                return message
        time.sleep(0.05)
    raise AssertionError(f"no email to {address} in {[m.to for m in mail.outbox]}")


def no_check(page) -> None:
    """The keyboard-only and no-JavaScript runs repeat pages the mouse run checked with axe."""


def measure_lesson(journey, page) -> dict:
    """Load the lesson again in a fresh cache, as this learner: the bytes of its document,
    stylesheets and scripts (decoded, and as sent), and the document's Content-Encoding."""
    fresh = journey.new_page(storage_state=page.context.storage_state())
    responses = []
    fresh.on("response", lambda response: responses.append(response))
    fresh.goto(page.url, wait_until="load")
    own = [r for r in responses if r.request.resource_type in {"document", "stylesheet", "script"}]
    document = next(r for r in own if r.request.resource_type == "document")
    measured = {
        "files": {r.url.rsplit("/", 2)[-2 if r is document else -1]: len(r.body()) for r in own},
        "uncompressed": sum(len(r.body()) for r in own),
        "sent": sum(r.request.sizes()["responseBodySize"] for r in own),
        "encoding": document.headers.get("content-encoding", ""),
    }
    assert_responsive_images(fresh)
    fresh.close()
    return measured


@pytest.mark.parametrize(
    ("driver", "javascript"),
    [
        pytest.param("mouse", True, id="mouse"),
        pytest.param("keyboard", True, id="keyboard-only"),
        pytest.param("mouse", False, id="no-javascript"),
    ],
)
def test_a_learner_signs_up_finds_the_course_learns_and_completes_it(
    demo, journey, request, driver, javascript
):
    variant = request.node.callspec.id
    email = f"learner-{variant}@example.org"
    page = journey.new_page(java_script_enabled=javascript)
    nav = page.get_by_role("navigation", name="Main")
    ui = driver_for(driver, page)
    check = axe_check if (driver == "mouse" and javascript) else no_check

    # Sign up, with a pseudonym, a country and consent.
    page.goto("/accounts/signup/")
    check(page)
    ui.fill(page.get_by_label(field_label("Email")), email)
    ui.fill(page.get_by_label(field_label("Password")), NEW_PASSWORD)
    ui.fill(page.get_by_label(field_label("Password (again)")), NEW_PASSWORD)
    ui.fill(page.get_by_label(field_label("Display name (optional)")), f"Drina {variant}")
    ui.select(
        page.get_by_label(field_label("Country or region (optional)")), "Bosnia and Herzegovina"
    )
    ui.check(page.get_by_label("I agree to the processing of my data"))
    ui.click(page.get_by_role("button", name="Sign up"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    check(page)

    # The verification email; its link confirms the address.
    message = email_to(email)
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert link, message.body
    page.goto(link.group(1))
    check(page)
    ui.click(page.get_by_role("button", name="Confirm"))
    expect(page.get_by_role("status")).to_contain_text(f"You have confirmed {email}")
    assert User.objects.get(email=email).emailaddress_set.get().verified

    # Log out and in again with the new password.
    ui.click(page.get_by_role("button", name="Log out"))
    ui.click(nav.get_by_role("link", name="Log in"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check(page)
    ui.fill(page.get_by_label(field_label("Email")), email)
    ui.fill(page.get_by_label(field_label("Password")), NEW_PASSWORD)
    ui.click(page.get_by_role("button", name="Sign in"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    check(page)

    # The catalogue: a search, then a facet.
    ui.click(nav.get_by_role("link", name="Courses"))
    check(page)
    ui.fill(page.get_by_label("Search courses"), "human security")
    ui.click(page.get_by_role("button", name="Search", exact=True))
    expect(page.locator("#catalogue-count")).to_contain_text("“human security”")
    check(page)
    level = page.get_by_role("navigation", name="Level")
    ui.click(level.get_by_role("link", name=re.compile(r"^Introductory")))
    expect(level.get_by_role("link", name=re.compile("Introductory"))).to_have_attribute(
        "aria-current", "true"
    )
    assert "level=introductory" in page.url, page.url
    assert "q=human" in page.url, page.url
    check(page)
    assert assert_responsive_images(page) >= 1  # the course cards' covers
    ui.click(page.get_by_role("link", name=COURSE, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)
    check(page)
    assert assert_responsive_images(page) == 1  # the course's cover

    # Enrol, and start with the first lesson.
    ui.click(page.get_by_role("button", name="Enrol", exact=True))
    expect(page.get_by_role("status")).to_contain_text("You are enrolled")
    check(page)
    ui.click(page.get_by_role("link", name="Start the course"))
    lesson_title = page.get_by_role("heading", level=1).inner_text()
    check(page)
    if variant == "mouse":
        weight = measure_lesson(journey, page)
        print(f"\nlesson page weight: {weight}")
        assert weight["uncompressed"] < LESSON_WEIGHT_BUDGET, weight
        assert weight["encoding"] in {"gzip", "br", "zstd"}, f"HTML not compressed: {weight}"
    ui.click(page.get_by_role("button", name="Mark as complete"))
    # On to the next lesson, with the first one ticked in the module's outline.
    expect(page.get_by_role("status")).to_contain_text(f"“{lesson_title}” is marked as complete")
    outline = page.get_by_role("complementary")
    expect(outline.get_by_role("listitem").filter(has_text=lesson_title)).to_contain_text(
        "Completed:"
    )
    check(page)

    # The module's quiz: a wrong attempt, then a pass.
    ui.click(outline.get_by_role("link", name=FIRST_QUIZ))
    expect(page.get_by_role("heading", level=1)).to_have_text(FIRST_QUIZ)
    check(page)
    for attempt_number, right in ((1, False), (2, True)):
        start = "Start the quiz" if attempt_number == 1 else "Start a new attempt"
        ui.click(page.get_by_role("button", name=start))
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Attempt {attempt_number}")
        check(page)
        attempt = QuizAttempt.objects.get(
            learner__email=email, number=attempt_number, status="open"
        )
        answer_quiz(page, ui, attempt.snapshot, right=right)
        ui.click(page.get_by_role("button", name="Submit", exact=True))
        result = "Passed" if right else "Not passed"
        expect(page.locator(".quiz-summary")).to_contain_text(result)
        check(page)
        if not right:
            ui.click(page.get_by_role("link", name="Back to the quiz"))
            expect(page.locator(".quiz-result")).to_contain_text("Not passed yet")
            check(page)
    attempts = QuizAttempt.objects.filter(learner__email=email).order_by("number")
    assert [a.passed for a in attempts] == [False, True]

    # Progress on the course page and on "My learning".
    ui.click(page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=COURSE))
    course = CoursePage.objects.get(title=COURSE)
    lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path"))
    quizzes = list(QuizPage.objects.descendant_of(course).live().order_by("path"))
    required = len(lessons) + sum(q.required_for_completion for q in quizzes)
    expect(page.locator(".course-progress")).to_contain_text(f"2 of {required} activities")
    check(page)
    ui.click(nav.get_by_role("link", name="My learning"))
    expect(page.locator(".dashboard")).to_contain_text(f"2 of {required} activities")
    check(page)

    # The rest of the course, but for its last lesson, without the browser.
    learner = User.objects.get(email=email)
    last_lesson = lessons[-1]
    for activity in Page.objects.filter(pk__in=[p.pk for p in [*lessons, *quizzes]]).specific():
        if activity.pk != last_lesson.pk:
            activity_complete(learner=learner, activity=activity)
    page.reload()
    expect(page.locator(".dashboard")).to_contain_text(f"{required - 1} of {required} activities")

    # The last lesson, in the browser, completes the course.
    ui.click(
        page.get_by_role("region", name="In progress").get_by_role("link", name=COURSE, exact=True)
    )
    ui.click(page.locator("ol.outline").get_by_role("link", name=last_lesson.title))
    expect(page.get_by_role("heading", level=1)).to_have_text(last_lesson.title)
    check(page)
    ui.click(page.get_by_role("button", name="Mark as complete"))
    expect(page.get_by_role("status")).to_contain_text(f"you have completed “{COURSE}”")
    expect(page.locator(".cta-status--ok")).to_contain_text("Completed on")
    expect(page.locator(".course-progress")).to_contain_text(
        f"{required} of {required} activities completed, 100%"
    )
    check(page)
    ui.click(nav.get_by_role("link", name="My learning"))
    completed = page.get_by_role("region", name="Completed")
    expect(completed.get_by_role("link", name=COURSE, exact=True)).to_be_visible()
    check(page)
    subjects = [m.subject for m in mail.outbox if email in m.to]
    assert f"You completed “{COURSE}”" in subjects, subjects

    # The certificate: issued by the task queued on completion, downloaded from "My
    # learning", then checked on its public verification page, as an employer would.
    certificate = Certificate.objects.get(learner=learner, enrolment__course=course)
    with page.expect_download() as download:
        ui.click(completed.get_by_role("link", name=re.compile(r"^Download certificate \(PDF\)")))
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf == certificate.pdf.open("rb").read()
    ui.click(completed.get_by_role("link", name="Verification page"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Valid certificate")
    details = page.locator(".certificate-details")
    expect(details).to_contain_text(f"Drina {variant}")
    expect(details).to_contain_text(COURSE)
    expect(details).to_contain_text(certificate.code)
    assert page.url.endswith(f"/certificates/verify/{certificate.code}/"), page.url
    check(page)
    if driver == "keyboard":
        print(f"\nkeyboard-only: {len(ui.focused)} controls reached with visible focus")
    journey.finish(page, f"learner-{variant}")


def test_signup_errors_are_tied_to_their_fields_and_every_field_has_a_label(demo, journey):
    page = journey.new_page()
    page.goto("/accounts/signup/")

    # The skip link comes first and shows where the focus is.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    controls = page.locator("form.signup").locator("input:visible, select, textarea")
    for index in range(controls.count()):
        expect(controls.nth(index)).to_have_accessible_name(re.compile(r"\w"))

    page.get_by_label(field_label("Email")).fill("not-an-email")
    page.get_by_label(field_label("Password")).fill(NEW_PASSWORD)
    page.get_by_label(field_label("Password (again)")).fill(NEW_PASSWORD + "x")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("alert")).to_contain_text("Please correct the errors below")
    axe_check(page)
    invalid = {
        "Email": re.compile(r"valid email", re.IGNORECASE),
        "Password (again)": re.compile(r"same password", re.IGNORECASE),
        "I agree to the processing of my data as described in the privacy policy.": re.compile(
            "please agree to the privacy policy", re.IGNORECASE
        ),
    }
    for name, error in invalid.items():
        field = page.get_by_label(field_label(name))
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(error)
    journey.finish(page, "learner-signup-errors")
