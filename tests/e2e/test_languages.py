"""A learner who switches language in the middle of a course keeps their progress.

The demo learner opens the introductory course in Serbian (Cyrillic), enrols, completes the
first lesson there, switches to English with the language switcher on the same page, and
finds the lesson completed and the same progress; then reads the course in Latin script and
in Turkish. axe-core checks every page, and every page and fragment carries a valid ``lang``.
"""

import re

import pytest
from playwright.sync_api import expect

from cms.transliteration import detect_script
from courses.models import ActivityCompletion

from .support import axe_check, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COURSE_SLUG = "introduction-to-human-security"
LEARNER = "learner@example.org"
LANG_CODES = {"en", "sq", "bs", "bg", "hr", "mk", "cnr", "sr", "sr-latn", "tr"}

_LANGS = """() => Array.from(document.querySelectorAll('[lang]'),
  (el) => el.getAttribute('lang'))"""


def check_languages(page, expected_html_lang: str) -> None:
    """The document's language is the interface's; every fragment's lang is a known one."""
    assert page.locator("html").get_attribute("lang") == expected_html_lang
    unknown = {code for code in page.evaluate(_LANGS) if code.lower() not in LANG_CODES}
    assert not unknown, f"unknown lang values on {page.url}: {unknown}"
    axe_check(page)


def completions() -> int:
    return ActivityCompletion.objects.filter(
        enrolment__learner__email=LEARNER, enrolment__course__slug=COURSE_SLUG
    ).count()


def switch_to(page, name: str) -> None:
    page.locator(".language-switcher summary").click()
    page.locator(".language-switcher").get_by_role("link", name=name, exact=True).click()


def test_a_learner_switches_language_mid_course_and_keeps_their_progress(demo, journey):
    page = journey.new_page()
    log_in(page, LEARNER, next_url=f"/sr/courses/{COURSE_SLUG}/")
    expect(page).to_have_url(re.compile(rf"/sr/courses/{COURSE_SLUG}/$"))
    title = page.get_by_role("heading", level=1).inner_text()
    assert detect_script(title) == "cyrl", title
    check_languages(page, "sr")

    # Enrol if need be, and complete a lesson not done yet, in Serbian.
    enrol = page.locator("form[action$='/enrol/'] button[type=submit]")
    if enrol.count():
        enrol.click()
        expect(page.get_by_role("status")).to_be_visible()
    before = completions()
    page.locator("ol.outline li li:not(:has(.tick)) a").first.click()
    lesson_url = page.url
    lesson_title = page.get_by_role("heading", level=1).inner_text()
    assert detect_script(lesson_title) == "cyrl", lesson_title
    check_languages(page, "sr")
    page.locator("form[action$='/complete/'] button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()
    assert completions() == before + 1
    latest = ActivityCompletion.objects.filter(
        enrolment__learner__email=LEARNER, enrolment__course__slug=COURSE_SLUG
    ).latest("completed_at")
    assert latest.language == "sr"

    # The same lesson in English: completed, with the same progress.
    page.goto(lesson_url)
    switch_to(page, "English")
    expect(page.get_by_role("heading", level=1)).not_to_have_text(lesson_title)
    assert "/sr/" not in page.url
    check_languages(page, "en")
    expect(page.locator(".lesson-completion")).to_contain_text("Completed")
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link").first.click()
    english_progress = page.locator(".course-progress").inner_text()
    assert f"{before + 1} of" in english_progress, english_progress

    # Serbian in Latin script: the same page, the same progress, the other script.
    switch_to(page, "Srpski (latinica)")
    assert "/sr-latn/" in page.url
    assert detect_script(page.get_by_role("heading", level=1).inner_text()) == "latn"
    check_languages(page, "sr-latn")
    expect(page.locator(".course-progress")).to_contain_text(str(before + 1))

    # Turkish: the course's own translation and the interface in Turkish.
    switch_to(page, "Türkçe")
    assert f"/tr/courses/{COURSE_SLUG}/" in page.url
    check_languages(page, "tr")
    expect(page.locator(".course-progress")).to_contain_text(str(before + 1))
    journey.finish(page, "learner-languages")
