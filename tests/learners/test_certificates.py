"""Certificates of completion: issuing (on completion and by hand), the PDF, public
verification, Open Badges 2.0, revocation, the dashboard, personal data and account deletion."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import time
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from courses.models import Enrolment
from courses.services import activity_complete
from courses.signals import course_completed
from learners import certificate_admin  # noqa: F401 (registers the admin viewset)
from learners import certificates as certificate_services
from learners.certificate_pdf import CertificateData, render_certificate_pdf
from learners.certificates import (
    CODE_PATTERN,
    certificate_issue,
    certificate_issue_if_due,
    certificate_revoke,
)
from learners.models import Certificate, certificate_code_new
from learners.personal_data import personal_data_export
from learners.tasks import certificate_issue_task
from tests.factories.courses import EnrolmentFactory, course_with_lessons
from tests.factories.learners import PASSWORD, UserFactory
from tests.factories.pages import make_site

pytestmark = pytest.mark.django_db

CYRILLIC_NAME = "Ђорђе Петровић"
TURKISH_NAME = "Ayşegül Işık Ğİ"


@pytest.fixture
def catalogue(db):
    return make_site()[1]


@pytest.fixture
def course(catalogue):
    course, _lessons = course_with_lessons(
        catalogue, lessons_per_module=2, certificate_offered=True, effort_hours=6
    )
    return course


@pytest.fixture
def learner(db):
    return UserFactory(display_name=CYRILLIC_NAME, preferred_language="en")


def complete(learner, course, capture):
    from courses.models import LessonPage

    with capture(execute=True):
        for lesson in LessonPage.objects.descendant_of(course).live():
            activity_complete(learner=learner, activity=lesson)
    return Enrolment.objects.get(learner=learner, course=course)


@pytest.fixture
def certificate(learner, course):
    enrolment = EnrolmentFactory(learner=learner, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at="2025-03-14T10:00:00Z")
    return certificate_issue(enrolment=enrolment)


# Issuing ----------------------------------------------------------------------------------------


def test_completing_a_course_with_a_certificate_issues_exactly_one(
    learner, course, django_capture_on_commit_callbacks
):
    EnrolmentFactory(learner=learner, course=course)
    with mock.patch.object(
        certificate_issue_task, "apply_async", wraps=certificate_issue_task.apply_async
    ) as queued:
        enrolment = complete(learner, course, django_capture_on_commit_callbacks)
    assert enrolment.completed_at
    assert queued.call_count == 1
    assert queued.call_args.kwargs["kwargs"] == {"enrolment_id": enrolment.pk}

    certificate = Certificate.objects.get()
    assert certificate.enrolment == enrolment
    assert certificate.learner == learner
    assert certificate.course == course
    assert certificate.learner_name == CYRILLIC_NAME
    assert certificate.course_title == course.title
    assert certificate.effort_hours == 6
    assert certificate.issuer == "Human Security Academy"
    assert certificate.issued_by is None
    assert certificate.pdf.read(4) == b"%PDF"

    # The task again (a redelivery) and a second completion signal: still one certificate.
    certificate_issue_task.delay(enrolment_id=enrolment.pk)
    certificate_issue_task.apply(kwargs={"enrolment_id": enrolment.pk})
    course_completed.send(sender=Enrolment, enrolment=enrolment)
    assert Certificate.objects.count() == 1
    assert Certificate.objects.get().pdf.name == certificate.pdf.name


def test_a_course_without_certificate_issues_none(
    learner, catalogue, django_capture_on_commit_callbacks
):
    course, _ = course_with_lessons(catalogue, certificate_offered=False)
    EnrolmentFactory(learner=learner, course=course)
    enrolment = complete(learner, course, django_capture_on_commit_callbacks)
    assert enrolment.completed_at
    assert certificate_issue_task.apply(kwargs={"enrolment_id": enrolment.pk}).get() is None
    assert not Certificate.objects.exists()


def test_an_unfinished_enrolment_gets_none_from_the_task(learner, course):
    enrolment = EnrolmentFactory(learner=learner, course=course)
    assert certificate_issue_if_due(enrolment_id=enrolment.pk) is None
    assert certificate_issue_if_due(enrolment_id=999999) is None
    assert not Certificate.objects.exists()


def test_a_worker_dying_while_saving_the_pdf_is_finished_by_the_next_run(learner, course):
    enrolment = EnrolmentFactory(learner=learner, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at="2025-03-14T10:00:00Z")
    original = FieldFile.save
    calls = {"n": 0}

    def save_failing_once(self, name, content, save=True):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("worker killed while writing the PDF")
        return original(self, name, content, save)

    with mock.patch.object(FieldFile, "save", save_failing_once):
        with pytest.raises(RuntimeError):
            certificate_issue_if_due(enrolment_id=enrolment.pk)
        half_done = Certificate.objects.get()
        assert not half_done.pdf  # the record exists, the PDF does not

        certificate_issue_task.apply(kwargs={"enrolment_id": enrolment.pk})
        certificate_issue_task.apply(kwargs={"enrolment_id": enrolment.pk})

    certificate = Certificate.objects.get()
    assert certificate.pk == half_done.pk
    assert certificate.code == half_done.code
    assert certificate.pdf.read(4) == b"%PDF"
    assert calls["n"] == 2  # rendered once more, then never again


def test_a_concurrent_insert_returns_the_existing_certificate(learner, course, certificate):
    # Another worker's insert won the race: the unique enrolment makes ours fail, and we read it.
    with mock.patch.object(Certificate.objects, "filter", wraps=Certificate.objects.filter) as f:
        f.return_value.first.return_value = None
        f.side_effect = lambda **kw: Certificate.objects.none()
        again = certificate_services._certificate_record(
            enrolment=certificate.enrolment, issued_by=None
        )
    assert again.pk == certificate.pk
    assert Certificate.objects.count() == 1


def test_issued_by_hand_without_online_completion(learner, course):
    admin = UserFactory(is_superuser=True, is_staff=True)
    enrolment = EnrolmentFactory(learner=learner, course=course)
    certificate = certificate_issue(enrolment=enrolment, issued_by=admin)
    assert certificate.issued_by == admin
    assert certificate.completed_on is not None
    assert certificate_issue(enrolment=enrolment).pk == certificate.pk


def test_the_name_never_falls_back_to_the_email(course):
    learner = UserFactory(display_name="", first_name="Ayşe", last_name="Yılmaz")
    enrolment = EnrolmentFactory(learner=learner, course=course)
    assert certificate_issue(enrolment=enrolment).learner_name == "Ayşe Yılmaz"


def test_codes_are_unguessable_and_url_safe():
    codes = {certificate_code_new() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert CODE_PATTERN.fullmatch(code)
        # token_urlsafe(16): 16 random bytes = 128 bits, as 22 base64url characters (>= 64 bits).
        assert len(code) == 22


# The PDF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [CYRILLIC_NAME, TURKISH_NAME, "Ëndrit Çela", "Стефан Ѓорѓиевски", "Цветелина Бъчварова"],
)
def test_pdf_renders_names_of_every_language_of_the_region(name, tmp_path):
    import datetime

    data = CertificateData(
        learner_name=name,
        course_title="Dobro upravljanje i odgovornost policije",
        completed_on=datetime.date(2025, 3, 14),
        effort_hours=4,
        issuer="Human Security Academy",
        verify_url="http://testserver/certificates/verify/abcdefghijklmnopqrstuv/",
        code="abcdefghijklmnopqrstuv",
        trainers=["Marija Jevtović", "Vladan Perišić"],
    )
    content = render_certificate_pdf(data)
    assert content.startswith(b"%PDF")
    assert b"DejaVu" in content  # the shipped font is embedded
    if shutil.which("pdftotext"):
        path = tmp_path / "certificate.pdf"
        path.write_bytes(content)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
        assert name in text
        assert "certificates/verify/abcdefghijklmnopqrstuv" in "".join(text.split())


def test_stored_pdf_is_in_the_learners_language(course):
    learner = UserFactory(display_name=TURKISH_NAME, preferred_language="sr-latn")
    enrolment = EnrolmentFactory(learner=learner, course=course)
    certificate = certificate_issue(enrolment=enrolment)
    assert certificate.language == "sr-latn"
    assert certificate.pdf.read(4) == b"%PDF"


# Public verification ----------------------------------------------------------------------------


def verify(client, code):
    return client.get(f"/certificates/verify/{code}/")


def test_verification_page_shows_a_valid_certificate_and_nothing_else(client, certificate):
    response = verify(client, certificate.code)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="valid"' in html
    assert CYRILLIC_NAME in html
    assert certificate.course_title in html
    assert "6 hours" in html
    assert certificate.learner.email not in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_revocation_changes_the_page_and_the_assertion(client, certificate):
    certificate_revoke(certificate=certificate, reason="Plagiarised final essay")
    html = verify(client, certificate.code).content.decode()
    assert 'data-status="revoked"' in html
    assert "Plagiarised final essay" in html
    assertion = client.get(f"/certificates/{certificate.code}/badge.json").json()
    assert assertion["revoked"] is True
    assert assertion["revocationReason"] == "Plagiarised final essay"


@pytest.mark.parametrize(
    "code",
    [
        "abcdefghijklmnopqrstuv",  # well formed, unknown
        "short",
        "a" * 65,
        "x" * 5000,
        "%27%20OR%201%3D1--%20aaaaaaaaaaaa",
        "%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9",
        "%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00",
        "..%2F..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_unknown_odd_and_huge_codes_are_a_404_that_says_so(client, code):
    response = verify(client, code)
    assert response.status_code == 404
    assert "No certificate with this code" in response.content.decode()
    assert client.get(f"/certificates/{code}/badge.json").status_code == 404
    assert client.get(f"/certificates/verify/?code={code}").status_code in {302, 404}


def test_verify_form_redirects_to_the_code(client, certificate):
    form = client.get("/certificates/verify/")
    assert form.status_code == 200
    assert 'name="code"' in form.content.decode()
    response = client.get("/certificates/verify/", {"code": f"  {certificate.code} "})
    assert response.status_code == 302
    assert response["Location"] == f"/certificates/verify/{certificate.code}/"
    response = client.post("/certificates/verify/", {"code": certificate.code})
    assert response["Location"] == f"/certificates/verify/{certificate.code}/"
    response = client.get("/certificates/verify/", {"code": "not valid!"})
    assert response.status_code == 404


def test_verification_is_rate_limited_per_ip(client, certificate, monkeypatch):
    # All 31 requests in one window of the fixed-window limiter: on a slow machine they
    # could otherwise straddle the turn of a minute and start a fresh count.
    now = time.time()
    monkeypatch.setattr("cms.ratelimit.time", SimpleNamespace(time=lambda: now))
    for _ in range(30):
        assert verify(client, "abcdefghijklmnopqrstuv").status_code == 404
    response = verify(client, certificate.code)
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert response["Retry-After"] == "60"
    # Another address is not affected.
    assert (
        client.get(f"/certificates/verify/{certificate.code}/", REMOTE_ADDR="10.0.0.2").status_code
        == 200
    )


def test_rate_limit_helper_windows():
    from cms.ratelimit import hit

    assert not any(hit("k", limit=3, period=60, now=120.0) for _ in range(3))
    assert hit("k", limit=3, period=60, now=121.0)
    assert not hit("k", limit=3, period=60, now=180.0)  # a new window
    assert not hit("other", limit=3, period=60, now=121.0)


def test_rate_limit_allows_requests_when_the_cache_is_down():
    from cms.ratelimit import hit

    with mock.patch("cms.ratelimit.cache.add", side_effect=ConnectionError("redis down")):
        assert hit("k", limit=0, period=60) is False


# The PDF for its owner ----------------------------------------------------------------------------


def test_only_the_owner_downloads_the_pdf(client, certificate):
    url = reverse("certificates:pdf", args=[certificate.code])
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404

    client.force_login(certificate.learner)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("certificates:pdf", args=["x" * 300])).status_code == 404


def test_dashboard_links_completed_courses_to_the_pdf(client, certificate, catalogue):
    client.force_login(certificate.learner)
    html = client.get("/learn/").content.decode()
    assert reverse("certificates:pdf", args=[certificate.code]) in html
    assert reverse("certificates:verify_code", args=[certificate.code]) in html


def test_dashboard_says_a_certificate_is_being_prepared(client, learner, course):
    enrolment = EnrolmentFactory(learner=learner, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at="2025-03-14T10:00:00Z")
    client.force_login(learner)
    assert "being prepared" in client.get("/learn/").content.decode()


# Open Badges 2.0 --------------------------------------------------------------------------------
# Required properties, from the Open Badges 2.0 specification (IMS Global, 2018):
# https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html

ASSERTION_REQUIRED = {"id", "type", "recipient", "badge", "verification", "issuedOn"}
IDENTITY_OBJECT_REQUIRED = {"type", "hashed", "identity"}  # plus "salt" when salted
VERIFICATION_REQUIRED = {"type"}
BADGE_CLASS_REQUIRED = {"id", "type", "name", "description", "image", "criteria", "issuer"}
ISSUER_REQUIRED = {"id", "type", "name", "url", "email"}
OB_CONTEXT = "https://w3id.org/openbadges/v2"
ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def get_json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["@context"] == OB_CONTEXT
    return data


def test_open_badges_assertion_badge_class_and_issuer(client, certificate):
    assertion = get_json_ld(client, f"/certificates/{certificate.code}/badge.json")
    assert assertion.keys() >= ASSERTION_REQUIRED
    assert assertion["type"] == "Assertion"
    assert assertion["id"] == f"http://testserver/certificates/{certificate.code}/badge.json"
    assert assertion["verification"] == {"type": "hosted"}
    assert assertion["verification"].keys() >= VERIFICATION_REQUIRED
    assert ISO_8601.match(assertion["issuedOn"])
    assert "revoked" not in assertion
    recipient = assertion["recipient"]
    assert recipient.keys() >= IDENTITY_OBJECT_REQUIRED
    assert recipient["type"] == "email"
    assert recipient["hashed"] is True
    assert recipient["salt"]
    expected = hashlib.sha256((certificate.learner.email + recipient["salt"]).encode()).hexdigest()
    assert recipient["identity"] == f"sha256${expected}"
    assert certificate.learner.email not in json.dumps(assertion)

    badge = get_json_ld(client, assertion["badge"].removeprefix("http://testserver"))
    assert badge.keys() >= BADGE_CLASS_REQUIRED
    assert badge["type"] == "BadgeClass"
    assert badge["id"] == assertion["badge"]
    assert badge["name"] == certificate.course.title
    assert "narrative" in badge["criteria"]
    image = client.get(badge["image"].removeprefix("http://testserver"))
    assert image.status_code == 200

    issuer = get_json_ld(client, badge["issuer"].removeprefix("http://testserver"))
    assert issuer.keys() >= ISSUER_REQUIRED
    assert issuer["type"] == "Issuer"
    assert issuer["id"] == badge["issuer"]
    assert issuer["name"] == "Human Security Academy"


def test_badge_class_of_an_unknown_course_is_a_404(client, catalogue):
    import uuid

    assert client.get(f"/certificates/badges/{uuid.uuid4()}.json").status_code == 404


# Personal data and account deletion ---------------------------------------------------------


def test_personal_data_export_includes_certificates(certificate):
    data = personal_data_export(user=certificate.learner)
    (entry,) = data["certificates"]
    assert entry["verification_code"] == certificate.code
    assert entry["name_on_certificate"] == CYRILLIC_NAME
    assert entry["verification_url"].endswith(f"/certificates/verify/{certificate.code}/")
    other = personal_data_export(user=UserFactory())
    assert other["certificates"] == []


def delete_account(client, user, **extra):
    client.force_login(user)
    return client.post(reverse("learners:account_delete"), {"password": PASSWORD, **extra})


def test_deleting_an_account_revokes_certificates_by_default(
    client, certificate, django_capture_on_commit_callbacks
):
    client.force_login(certificate.learner)
    page = client.get(reverse("learners:account_delete")).content.decode()
    assert "Keep my certificates verifiable" in page
    pdf_name = certificate.pdf.name
    storage = certificate.pdf.storage

    with django_capture_on_commit_callbacks(execute=True):
        assert delete_account(client, certificate.learner).status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revocation_reason == "account deleted"
    assert certificate.learner_name == ""
    assert not certificate.pdf
    assert not storage.exists(pdf_name)
    html = verify(client, certificate.code).content.decode()
    assert 'data-status="revoked"' in html
    assert CYRILLIC_NAME not in html
    assertion = client.get(f"/certificates/{certificate.code}/badge.json").json()
    assert assertion["revoked"] is True
    assert "recipient" not in assertion


def test_deleting_an_account_can_keep_certificates_verifiable(client, certificate):
    assert delete_account(client, certificate.learner, keep_certificates="on").status_code == 302
    certificate.refresh_from_db()
    assert certificate.learner.anonymised_at
    assert not certificate.is_revoked
    assert certificate.keep_after_account_deletion
    html = verify(client, certificate.code).content.decode()
    assert 'data-status="valid"' in html
    assert CYRILLIC_NAME in html


def test_the_keep_option_is_only_offered_to_certificate_holders(client, learner):
    client.force_login(learner)
    page = client.get(reverse("learners:account_delete")).content.decode()
    assert "Keep my certificates verifiable" not in page


# Admin ----------------------------------------------------------------------------------------


@pytest.fixture
def admin_user(db):
    return UserFactory(is_superuser=True, is_staff=True)


def test_admin_lists_inspects_and_revokes(client, admin_user, certificate):
    client.force_login(admin_user)
    index = client.get("/admin/certificates/")
    assert index.status_code == 200
    assert CYRILLIC_NAME in index.content.decode()
    detail_url = f"/admin/certificates/{certificate.pk}/"
    assert client.get(detail_url).status_code == 200
    response = client.post(detail_url, {"action": "revoke", "reason": "Issued in error"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Issued in error"
    assert certificate.revoked_by == admin_user
    assert 'data-status="revoked"' in verify(client, certificate.code).content.decode()


def test_admin_corrects_the_name_and_regenerates_the_pdf(client, admin_user, certificate):
    client.force_login(admin_user)
    old_pdf = certificate.pdf.name
    response = client.post(
        f"/admin/certificates/{certificate.pk}/", {"action": "rename", "learner_name": "Đorđe P."}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.learner_name == "Đorđe P."
    assert certificate.pdf.name != old_pdf
    assert certificate.pdf.read(4) == b"%PDF"


def test_admin_issues_by_hand(client, admin_user, learner, course):
    enrolment = EnrolmentFactory(learner=learner, course=course)
    client.force_login(admin_user)
    assert client.get("/admin/certificates/issue/").status_code == 200
    response = client.post(
        "/admin/certificates/issue/", {"email": learner.email, "course": course.pk}
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.issued_by == admin_user
    assert certificate.pdf
    # Again: the same certificate.
    client.post("/admin/certificates/issue/", {"email": learner.email, "course": course.pk})
    assert Certificate.objects.count() == 1


def test_trainers_issue_for_their_courses_only_and_cannot_revoke(
    client, learner, course, catalogue, certificate
):
    from django.contrib.auth.models import Group

    from courses.models import CourseTrainer

    trainer = UserFactory(is_staff=True)
    trainer.groups.add(Group.objects.get(name="Trainers"))
    CourseTrainer.objects.create(course=course, user=trainer)
    other_course, _ = course_with_lessons(catalogue, certificate_offered=True)
    other = EnrolmentFactory(learner=learner, course=other_course)
    client.force_login(trainer)

    assert client.get(f"/admin/certificates/{certificate.pk}/").status_code == 200
    client.post(f"/admin/certificates/{certificate.pk}/", {"action": "revoke", "reason": "no"})
    certificate.refresh_from_db()
    assert not certificate.is_revoked

    response = client.post(
        "/admin/certificates/issue/", {"email": learner.email, "course": other_course.pk}
    )
    assert response.status_code == 200  # the form again: not a course they train
    assert not Certificate.objects.filter(enrolment=other).exists()

    other_certificate = certificate_issue(enrolment=other)
    assert client.get(f"/admin/certificates/{other_certificate.pk}/").status_code == 404


def test_learners_have_no_certificate_admin(client, certificate):
    client.force_login(certificate.learner)
    assert client.get("/admin/certificates/").status_code in {302, 403}


# Demo data ----------------------------------------------------------------------------------------


def test_seed_demo_gives_the_demo_learner_a_certificate(seeded, client):
    from learners.models import User

    learner = User.objects.get(email="learner@example.org")
    (certificate,) = Certificate.objects.filter(learner=learner)
    assert certificate.course.slug == "dobro-upravljanje-i-odgovornost-policije"
    assert certificate.enrolment.completed_at
    assert certificate.pdf
    assert certificate.course.certificate_offered
    from courses.models import CoursePage

    assert CoursePage.objects.get(
        slug="introduction-to-human-security", locale__language_code="en"
    ).certificate_offered
    client.force_login(learner)
    dashboard = client.get("/learn/").content.decode()
    assert reverse("certificates:pdf", args=[certificate.code]) in dashboard


def test_stored_pdf_can_be_replaced_without_a_second_certificate(certificate):
    certificate.pdf.save("x.pdf", ContentFile(b"%PDF-1.4 stub"), save=True)
    assert Certificate.objects.count() == 1
