"""A trainer authors a course in the Wagtail admin, a reviewer approves it, learners find it.

The trainer (a member of "Trainers", who may edit but not publish) creates a course, a module,
a lesson with rich text, an image with alternative text and a video with a transcript, and a
quiz whose questions come from a GIFT file, then submits each page to the "Course review"
workflow. The admin approves them, and the demo learner finds the course in the catalogue,
enrols and reads the lesson.

Video URLs are resolved by the test's stub oEmbed finder (the machines have no network); it
returns an iframe on the live server itself, so this journey still makes no request to any
other host. What the page does with a real third-party embed is ``test_low_bandwidth``'s
business.
"""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from courses.models import CoursePage, LessonPage, ModulePage
from quizzes.models import QuizPage

from .support import admin_log_in, assert_responsive_images, axe_check, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COURSE = "Community safety mapping"
MODULE = "Mapping insecurity"
LESSON = "Walking the neighbourhood"
QUIZ = "Mapping check"
ALT_TEXT = "Hand-drawn map of a neighbourhood with three places marked in red"
TRANSCRIPT = "Two volunteers walk to the bus stop at dusk and note the broken street lights."
GIFT = """// Mapping check
::Together::A safety walk is done together with people who live in the area. {T}

::Who to invite::Who should you invite to a safety walk? {
    =Neighbours who use the streets every day
    ~Nobody: the trainer walks alone
    ~Only the police
}
"""


def expect_message(page, text: str) -> None:
    """The admin's message after a save, or the form's errors if it was refused."""
    messages = page.locator(".messages")
    messages.wait_for()
    if "validation errors" in messages.inner_text():
        errors = page.locator(".error-message, [data-field-errors]").evaluate_all(
            """(nodes) => nodes.filter((n) => n.innerText.trim()).map((n) =>
                (n.closest("[data-contentpath]")?.dataset.contentpath || n.id) + ": "
                + n.innerText.trim())"""
        )
        pytest.fail(f"{page.url}: {errors}")
    expect(messages).to_contain_text(text)


def save_draft(page) -> int:
    """Save the page being edited; returns its id (from the edit URL)."""
    page.get_by_role("button", name="Save draft").click()
    expect_message(page, re.compile("created|updated"))
    return int(re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1))


def set_title(page, title: str) -> None:
    page.get_by_role("textbox", name="Title*").fill(title)
    page.keyboard.press("Tab")  # the slug follows the title once the field is left
    expect(page.locator("#id_slug")).not_to_have_value("")


def add_child_page(page, kind: str | None = None) -> None:
    """From a page's editor: Actions → Add child page (→ the page type, if there is a choice)."""
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Add child page").click()
    if kind:
        page.get_by_role("link", name=kind, exact=True).click()
    expect(page.get_by_role("textbox", name="Title*")).to_be_visible()


def add_block(page, kind: str):
    """Append a block to the lesson body; returns the new block's fields."""
    page.locator("[data-contentpath=body] button[title='Insert a block']").last.click()
    page.get_by_role("option", name=kind, exact=True).click()
    return page.locator("[data-contentpath=body] [id^=block-][id$=-section]").last


def rich_text(container, text: str) -> None:
    """Type into a Draftail editor, and wait until its form field holds the text."""
    editor = container.locator("[contenteditable=true]").last
    editor.click()
    editor.page.keyboard.type(text)
    editor.page.keyboard.press("Tab")
    expect(container.locator("input[type=hidden]").first).to_have_value(
        re.compile(re.escape(text[:30]))
    )


def submit_for_review(page, page_id: int) -> None:
    page.goto(f"/admin/pages/{page_id}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Course review").click()
    expect_message(page, "submitted for moderation")


def approve(admin, title: str) -> None:
    """From the admin's dashboard, open a page awaiting review and approve it."""
    admin.goto("/admin/")
    awaiting = admin.get_by_role("region", name="Awaiting your review")
    awaiting.get_by_role("link", name=title, exact=True).first.click()
    admin.get_by_role("button", name="More actions").click()
    admin.get_by_role("button", name="Approve and Publish").click()
    expect_message(admin, re.compile("published|approved|updated"))
    assert Page.objects.get(title=title, alias_of__isnull=True).live, f"{title} was not published"


def test_a_trainer_authors_a_course_that_is_reviewed_and_published(
    demo, journey, stub_videos, live_server, tmp_path
):
    stub_videos(f"{live_server.url}/static/e2e-video/")
    image_file = tmp_path / "neighbourhood-map.png"
    _draw_map(image_file)
    gift_file = tmp_path / "mapping-check.gift"
    gift_file.write_text(GIFT, encoding="utf-8")

    trainer = journey.new_page()
    admin_log_in(trainer, "trainer@example.org")

    # The course, under the catalogue: courses are the only page type allowed there.
    trainer.get_by_role("navigation", name="Main menu").get_by_role("button", name="Pages").click()
    trainer.get_by_role("link", name="Courses", exact=True).click()
    trainer.get_by_role("link", name="Add child page").click()
    set_title(trainer, COURSE)
    trainer.get_by_role("textbox", name="Summary*").fill(
        "Map the places where people in your town feel unsafe, and act on it together."
    )
    rich_text(
        trainer.locator("[data-contentpath=description]"),
        "A practical course on mapping insecurity with your neighbours.",
    )
    trainer.get_by_role("combobox", name="Level*").select_option(label="Introductory")
    trainer.get_by_role("spinbutton", name="Estimated effort (hours)*").fill("2")
    trainer.get_by_role("checkbox", name="Social inclusion").check()
    trainer.get_by_role("checkbox", name="Serbia").check()
    trainer.get_by_role("combobox", name="User").select_option(label="Tarik Trainer")
    trainer.get_by_role("textbox", name="Organisation", exact=True).fill("Network secretariat")
    course_id = save_draft(trainer)

    # A module in it.
    add_child_page(trainer)
    set_title(trainer, MODULE)
    trainer.get_by_role("textbox", name="Summary").fill("Where and why people feel unsafe.")
    module_id = save_draft(trainer)

    # A lesson: rich text, an image with alternative text, a video with a transcript.
    add_child_page(trainer, "Lesson")
    set_title(trainer, LESSON)
    rich_text(
        add_block(trainer, "Text"),
        "Walk the streets with your neighbours and note where people feel unsafe.",
    )
    image = add_block(trainer, "Image")
    image.get_by_role("button", name="Choose an image").click()
    chooser = trainer.locator(".modal-dialog")
    chooser.get_by_role("tab", name="Upload").click()
    chooser.locator("input[type=file]").set_input_files(image_file)
    chooser.get_by_role("textbox", name=re.compile("^Title")).fill("Neighbourhood map")
    chooser.get_by_role("button", name="Upload").click()
    expect(chooser).to_be_hidden()
    image.get_by_label("Alternative text").fill(ALT_TEXT)
    image.get_by_label("Caption").fill("The map drawn after the first walk")
    video = add_block(trainer, "Video")
    video.get_by_label("Video URL").fill("https://video.invalid/watch?v=mapwalk")
    video.get_by_label("Title").fill("A safety walk at dusk")
    rich_text(video.locator("[data-contentpath=transcript]"), TRANSCRIPT)
    lesson_id = save_draft(trainer)

    # A quiz, with its questions imported from a GIFT file.
    trainer.goto(f"/admin/pages/{module_id}/edit/")
    add_child_page(trainer, "Quiz")
    set_title(trainer, QUIZ)
    quiz_id = save_draft(trainer)
    trainer.get_by_role("button", name="Actions", exact=True).click()
    trainer.get_by_role("link", name="Import GIFT").click()
    trainer.get_by_label("GIFT file").set_input_files(gift_file)
    trainer.get_by_role("button", name="Import").click()
    expect(trainer.locator(".messages")).to_contain_text("(2 questions)")
    assert QuizPage.objects.get(pk=quiz_id).get_latest_revision_as_object().question_count == 2

    # Everything goes to review; nothing is live yet.
    for page_id in (course_id, module_id, lesson_id, quiz_id):
        submit_for_review(trainer, page_id)
    assert not CoursePage.objects.filter(title=COURSE, live=True, alias_of__isnull=True).exists()
    journey.finish(trainer, "trainer-submitted")

    # The admin approves the four pages.
    admin = journey.new_page()
    admin_log_in(admin, "admin@example.org")
    for title in (COURSE, MODULE, LESSON, QUIZ):
        approve(admin, title)
    course = CoursePage.objects.get(title=COURSE, live=True, alias_of__isnull=True)
    assert ModulePage.objects.child_of(course).live().get().title == MODULE
    assert LessonPage.objects.descendant_of(course).live().get().title == LESSON

    # A learner finds it in the catalogue, enrols and reads the lesson.
    learner = journey.new_page()
    log_in(learner, "learner@example.org", next_url="/courses/")
    card = learner.get_by_role("article").filter(has=learner.get_by_role("heading", name=COURSE))
    expect(card).to_contain_text("Social inclusion")
    axe_check(learner)
    card.get_by_role("link", name=COURSE).click()
    expect(learner.locator("ol.outline")).to_contain_text(LESSON)
    expect(learner.locator("ol.outline")).to_contain_text(QUIZ)
    axe_check(learner)
    learner.get_by_role("button", name="Enrol", exact=True).click()
    learner.get_by_role("link", name="Start the course").click()
    expect(learner.get_by_role("heading", level=1)).to_have_text(LESSON)
    expect(learner.get_by_role("img", name=ALT_TEXT)).to_be_visible()
    assert assert_responsive_images(learner) == 1
    expect(learner.get_by_role("group").filter(has_text="Transcript")).to_contain_text(TRANSCRIPT)
    axe_check(learner)
    learner.get_by_role("link", name=QUIZ).first.click()
    expect(learner.locator(".quiz-facts")).to_contain_text("2 questions")
    axe_check(learner)
    journey.finish(learner, "trainer")


def _draw_map(path) -> None:
    from PIL import Image, ImageDraw

    canvas = Image.new("RGB", (1200, 800), "#f3efe6")
    draw = ImageDraw.Draw(canvas)
    for x in range(0, 1200, 150):
        draw.line((x, 0, x, 800), fill="#9a9a9a", width=12)
    for y in range(0, 800, 160):
        draw.line((0, y, 1200, y), fill="#9a9a9a", width=12)
    for x, y in ((300, 160), (750, 480), (1050, 320)):
        draw.ellipse((x - 30, y - 30, x + 30, y + 30), fill="#c0392b")
    canvas.save(path, format="PNG")
