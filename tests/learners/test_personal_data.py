"""Personal data: a learner downloads everything about them, or deletes their account."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from courses.models import ActivityCompletion, Country, Enrolment
from learners.models import Consent, User
from learners.personal_data import SECTIONS
from tests.factories.courses import ActivityCompletionFactory, EnrolmentFactory
from tests.factories.learners import PASSWORD, ConsentFactory, UserFactory
from tests.factories.pages import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    make_site,
)

pytestmark = pytest.mark.django_db

DATA_URL = "/learn/profile/data/"
DOWNLOAD_URL = "/learn/profile/data/download/"
DELETE_URL = "/learn/profile/delete/"


@pytest.fixture
def courses():
    _home, catalogue = make_site()
    result = []
    for title in ("Dealing with the past", "Summer school Ohrid"):
        course = CoursePageFactory(parent=catalogue, title=title)
        module = ModulePageFactory(parent=course)
        result.append((course, [LessonPageFactory(parent=module) for _ in range(2)]))
    return result


def learner_with_data(courses, *, email, name, motivation):
    """A learner with a profile, a consent, two enrolments and a completed lesson."""
    user = UserFactory(
        email=email,
        first_name=name,
        last_name="Hodžić",
        display_name=f"{name} the pseudonym",
        organisation=f"{name}'s organisation",
        country=Country.objects.get(slug="bosnia-and-herzegovina"),
    )
    ConsentFactory(user=user)
    (course, lessons), (school, _) = courses
    enrolment = EnrolmentFactory(learner=user, course=course, last_activity=lessons[0])
    ActivityCompletionFactory(enrolment=enrolment, activity=lessons[0])
    EnrolmentFactory(
        learner=user,
        course=school,
        status=Enrolment.Status.PENDING,
        motivation=motivation,
        decision_note=f"Note for {name}",
    )
    return user


@pytest.fixture
def learner(client, courses):
    user = learner_with_data(
        courses, email="amra@example.org", name="Amra", motivation="Amra's reasons"
    )
    client.force_login(user)
    return user


@pytest.fixture
def other(courses):
    return learner_with_data(
        courses, email="other@example.org", name="Zoran", motivation="Zoran's reasons"
    )


def download(client) -> dict:
    response = client.get(DOWNLOAD_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"',
        response["Content-Disposition"],
    )
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content.decode("utf-8"))


# Download


def test_data_page_lists_what_the_file_contains_and_links_the_download(client, learner):
    html = client.get(DATA_URL).content.decode()
    for section in SECTIONS:
        assert str(section.title) in html
    assert f'href="{DOWNLOAD_URL}"' in html
    assert reverse("learners:personal_data") in client.get("/learn/profile/").content.decode()


def test_export_holds_the_requesters_profile_consents_enrolments_and_progress(
    client, learner, other, courses
):
    data = download(client)
    assert data["format"] == "human-security-academy/personal-data"
    assert set(data) == {
        "format",
        "version",
        "exported_at",
        *(section.key for section in SECTIONS),
    }
    profile = data["profile"]
    assert profile["email"] == "amra@example.org"
    assert profile["email_addresses"] == [
        {"email": "amra@example.org", "verified": True, "primary": True}
    ]
    assert (profile["first_name"], profile["last_name"]) == ("Amra", "Hodžić")
    assert profile["display_name"] == "Amra the pseudonym"
    assert profile["organisation"] == "Amra's organisation"
    assert profile["country"] == "Bosnia and Herzegovina"
    assert profile["preferred_language"] == "en"
    assert [c["policy_version"] for c in data["consents"]] == [settings.PRIVACY_POLICY_VERSION]

    by_course = {e["course"]: e for e in data["enrolments"]}
    assert set(by_course) == {"Dealing with the past", "Summer school Ohrid"}
    assert by_course["Dealing with the past"]["status"] == "active"
    assert by_course["Dealing with the past"]["enrolled_at"]
    assert by_course["Summer school Ohrid"]["status"] == "pending"
    assert by_course["Summer school Ohrid"]["motivation"] == "Amra's reasons"
    assert by_course["Summer school Ohrid"]["note_from_trainers"] == "Note for Amra"

    (_course, lessons), _ = courses
    [completion] = data["activity_completions"]
    assert completion["course"] == "Dealing with the past"
    assert completion["activity"] == lessons[0].title
    assert completion["activity_key"] == str(lessons[0].translation_key)
    assert completion["completed_at"]

    assert data["quiz_attempts"] == []
    assert data["certificates"] == []


def test_export_never_holds_another_learners_data(client, learner, other):
    content = client.get(DOWNLOAD_URL).content.decode("utf-8")
    for secret in (other.email, "Zoran", "Zoran's reasons", "Note for Zoran"):
        assert secret not in content
    assert len(json.loads(content)["activity_completions"]) == 1
    # Query parameters cannot select somebody else.
    content = client.get(DOWNLOAD_URL, {"user": other.pk, "id": other.pk}).content.decode()
    assert other.email not in content


def test_export_keeps_non_latin_text_readable(client, learner):
    learner.display_name = "Ђорђе Şahin"
    learner.save()
    content = client.get(DOWNLOAD_URL).content.decode("utf-8")
    assert "Ђорђе Şahin" in content


def test_export_is_a_get_only_download(client, learner):
    assert client.post(DOWNLOAD_URL).status_code == 405


# Deletion


def delete_account(client, password=PASSWORD):
    return client.post(DELETE_URL, {"password": password})


def test_delete_page_explains_and_asks_for_the_password(client, learner):
    html = client.get(DELETE_URL).content.decode()
    assert "<h1>Delete my account</h1>" in html
    assert 'type="password" name="password"' in html
    assert 'autocomplete="current-password"' in html
    assert 'method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "What is kept" in html


def test_delete_with_a_wrong_password_changes_nothing(client, learner):
    response = delete_account(client, password="not-my-password")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["password"]
    html = response.content.decode()
    assert 'id="id_password_error"' in html
    assert 'aria-describedby="id_password_helptext id_password_error"' in html
    learner.refresh_from_db()
    assert learner.is_active
    assert learner.email == "amra@example.org"
    assert learner.anonymised_at is None
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_delete_needs_a_post(client, learner):
    client.get(DELETE_URL, {"password": PASSWORD})
    learner.refresh_from_db()
    assert learner.is_active


def test_delete_needs_a_csrf_token(learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert delete_account(client).status_code == 403
    learner.refresh_from_db()
    assert learner.is_active


def test_delete_erases_personal_data_and_keeps_anonymous_records(client, learner, other):
    country = learner.country
    enrolments = set(Enrolment.objects.filter(learner=learner).values_list("pk", "status"))
    completions = ActivityCompletion.objects.filter(enrolment__learner=learner).count()
    other_before = User.objects.filter(pk=other.pk).values().get()

    response = delete_account(client)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    html = client.get("/").content.decode()
    assert "Your account has been deleted" in html

    user = User.objects.get(pk=learner.pk)
    assert re.fullmatch(r"deleted-[0-9a-f]{32}@invalid\.example", user.email)
    assert (user.first_name, user.last_name, user.display_name, user.organisation) == (
        "",
        "",
        "",
        "",
    )
    assert user.preferred_language == settings.LANGUAGE_CODE
    assert not user.has_usable_password()
    assert not user.is_active
    assert not user.is_staff
    assert not user.is_superuser
    assert user.last_login is None
    assert user.anonymised_at is not None
    assert "amra" not in str(User.objects.filter(pk=user.pk).values().get()).lower()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(email="amra@example.org").exists()
    # Kept for statistics: the country, enrolments, completions, and consent as proof.
    assert user.country == country
    assert set(Enrolment.objects.filter(learner=user).values_list("pk", "status")) == enrolments
    assert ActivityCompletion.objects.filter(enrolment__learner=user).count() == completions
    assert Consent.objects.filter(user=user).count() == 1
    # Free text about the person is erased.
    assert set(Enrolment.objects.filter(learner=user).values_list("motivation", flat=True)) == {""}
    assert set(Enrolment.objects.filter(learner=user).values_list("decision_note", flat=True)) == {
        ""
    }
    # Nobody else is touched.
    assert User.objects.filter(pk=other.pk).values().get() == other_before
    assert Enrolment.objects.get(learner=other, motivation="Zoran's reasons")


def test_delete_ends_every_session_of_the_account(client, learner):
    elsewhere = Client()
    elsewhere.force_login(learner)
    assert elsewhere.get("/learn/").status_code == 200
    delete_account(client)
    assert elsewhere.get("/learn/").status_code == 302
    user_id = str(learner.pk)
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == user_id]


def test_a_deleted_account_cannot_log_in_and_its_email_can_sign_up_again(
    client, learner, django_capture_on_commit_callbacks
):
    delete_account(client)
    response = client.post(
        reverse("account_login"), {"login": "amra@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "amra@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "consent": "on",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    new = User.objects.get(email="amra@example.org")
    assert new.pk != learner.pk
    assert new.is_active
    assert new.consents.count() == 1
    assert not new.enrolments.exists()
    # A fresh verification email, not an "account already exists" notice.
    assert "confirm-email" in mail.outbox[-1].body


def test_admin_deleting_a_learner_with_records_anonymises_instead(client, django_user_model):
    from courses.models import Enrolment
    from courses.services import enrolment_request
    from tests.factories.pages import CoursePageFactory, make_site

    _, catalogue = make_site()
    course = CoursePageFactory(parent=catalogue)
    learner = UserFactory(email="leaving@example.org")
    enrolment_request(learner=learner, course=course)
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    client.force_login(admin)
    url = reverse("wagtailusers_users:delete", args=[learner.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.email != "leaving@example.org"
    assert learner.anonymised_at is not None
    assert Enrolment.objects.filter(learner=learner).count() == 1
