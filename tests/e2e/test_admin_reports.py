"""An admin reads the learning reports in the Wagtail admin and downloads a table as CSV.

On the demo site the demo learner is enrolled in the introductory course with its first two
lessons done and one quiz attempt; a second learner is enrolled here first, with the first
lesson done, so the figures are not all ones.
"""

import csv
import io

import pytest
from playwright.sync_api import expect

from courses.models import ActivityCompletion, CoursePage, Enrolment, LessonPage
from courses.services import activity_complete, enrolment_request
from learners.models import User

from .support import NEW_PASSWORD, admin_log_in, axe_check

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COURSE = "Introduction to Human Security"


def test_an_admin_reads_the_reports_and_downloads_a_course_table(demo, journey):
    course = CoursePage.objects.get(title=COURSE, locale__language_code="en")
    first_lesson = LessonPage.objects.descendant_of(course).live().order_by("path").first()
    second_learner = User.objects.create_user(email="amar@example.org", password=NEW_PASSWORD)
    enrolment_request(learner=second_learner, course=course)
    activity_complete(learner=second_learner, activity=first_lesson)
    done_first = ActivityCompletion.objects.filter(activity_key=first_lesson.translation_key)
    assert done_first.count() == 2

    page = journey.new_page(accept_downloads=True)
    admin_log_in(page, "admin@example.org")

    # The overview: its figures and its chart, reached from the admin's Reports menu.
    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("button", name="Reports").click()
    menu.get_by_role("link", name="Learning overview").click()
    figures = page.locator(".report-figures")
    places = Enrolment.objects.exclude(enrolled_at=None).count()  # not pending applications
    assert places >= 3
    expect(figures.locator("[data-figure=enrolments] dd")).to_have_text(str(places))
    chart = page.locator("figure").get_by_role("img").first
    expect(chart).to_be_visible()
    assert chart.bounding_box()["height"] > 50
    axe_check(page)  # not a learner page, but the reports are the team's own templates

    # The course report, then its "Completion by activity" table as CSV.
    page.get_by_role("navigation", name="Reports").get_by_role("link", name="Course report").click()
    page.get_by_role("link", name=COURSE).click()
    expect(page.get_by_role("heading", level=2, name=COURSE)).to_be_visible()
    table = page.locator("[data-table=course_activities]")
    row = table.get_by_role("row").filter(has_text=first_lesson.title)
    expect(row).to_contain_text("2")
    axe_check(page)
    with page.expect_download() as download:
        table.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.endswith(".csv"), download.value.suggested_filename
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    lesson_row = next(r for r in rows if r.get("Activity") == first_lesson.title)
    assert lesson_row["Completed by"] == str(done_first.count()), lesson_row
    assert len(rows) == 12, [r.get("Activity") for r in rows]
    journey.finish(page, "admin-reports")
