"""An application to the summer school, accepted in the Wagtail admin, opens its lessons.

Two browsers at once: the applicant's and the admin's. The applicant's pages are checked
with axe-core; the admin's are Wagtail's own.
"""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from courses.models import Enrolment
from learners.models import User

from .support import NEW_PASSWORD, admin_log_in, axe_check, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SUMMER = "Summer School: Reconciliation and Dealing with the Past"
SUMMER_PATH = "/courses/summer-school-reconciliation/"
LOCKED_LESSON = "understanding-reconciliation/truth-justice-reparation-non-recurrence/"
MOTIVATION = (
    "I teach history in a secondary school in Vukovar and run an exchange with a school in "
    "Novi Sad; I want to learn how to lead conversations about the 1990s safely."
)


def test_an_application_accepted_in_the_admin_lets_the_learner_start(demo, journey):
    applicant = User.objects.create_user(
        email="mirela@example.org", password=NEW_PASSWORD, display_name="Mirela"
    )
    EmailAddress.objects.create(user=applicant, email=applicant.email, verified=True, primary=True)

    # The applicant applies with a motivation statement.
    learner = journey.new_page()
    log_in(learner, applicant.email, NEW_PASSWORD, next_url=SUMMER_PATH)
    expect(learner.get_by_role("heading", level=1)).to_have_text(SUMMER)
    axe_check(learner)
    learner.get_by_label("Why do you want to take part?").fill(MOTIVATION)
    learner.get_by_role("button", name="Apply", exact=True).click()
    expect(learner.get_by_role("status")).to_contain_text("your application has been received")
    expect(learner.locator(".course-cta")).to_contain_text("Your application is being reviewed")
    axe_check(learner)
    enrolment = Enrolment.objects.get(learner=applicant)
    assert (enrolment.status, enrolment.motivation) == (Enrolment.Status.PENDING, MOTIVATION)

    # Until a decision, the lessons stay closed.
    learner.goto(SUMMER_PATH + LOCKED_LESSON)
    expect(learner.get_by_role("heading", level=1)).to_have_text(SUMMER)
    axe_check(learner)

    # The admin finds the application under Enrolments and accepts it.
    admin = journey.new_page()
    admin_log_in(admin, "admin@example.org")
    admin.get_by_role("link", name="Enrolments").click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Enrolments")
    admin.get_by_role("link", name="Mirela", exact=True).click()
    expect(admin.get_by_text(MOTIVATION)).to_be_visible()
    admin.get_by_label("Note to the learner").fill("Welcome! Please read module 1 before July.")
    admin.get_by_role("button", name="Accept", exact=True).click()
    expect(admin.locator(".messages")).to_contain_text("Mirela")
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE

    # The learner is told, and can start.
    subjects = [m.subject for m in mail.outbox if applicant.email in m.to]
    assert any("accepted" in subject.lower() for subject in subjects), subjects
    learner.goto(SUMMER_PATH)
    axe_check(learner)
    learner.get_by_role("link", name="Start the course").click()
    expect(learner.get_by_role("button", name="Mark as complete")).to_be_visible()
    axe_check(learner)
    learner.goto(SUMMER_PATH + LOCKED_LESSON)
    expect(learner.get_by_role("heading", level=1)).to_have_text(
        "Truth, justice, reparation and non-recurrence"
    )
    axe_check(learner)
    journey.finish(learner, "applicant")
