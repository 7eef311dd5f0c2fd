"""Enrolling, applying and withdrawing: the POST endpoints under a course page, the rules of
the enrolment services (modes, capacity and waitlist, window, prerequisites) and what the
course page offers each learner."""

import datetime
import re
import threading

import pytest
from django.db import connection, models
from django.test import Client
from django.utils import timezone

from courses.models import CoursePage, Enrolment, EnrolmentNotice
from courses.services import (
    Decision,
    EnrolmentRefused,
    active_enrolment_for,
    application_decide,
    enrolment_request,
    enrolment_withdraw,
)
from tests.factories.courses import EnrolmentFactory, course_with_lessons
from tests.factories.learners import UserFactory
from tests.factories.pages import make_site

pytestmark = pytest.mark.django_db

Status = Enrolment.Status
Kind = EnrolmentNotice.Kind
Mode = CoursePage.EnrolmentMode


@pytest.fixture
def catalogue():
    return make_site()[1]


@pytest.fixture
def course(catalogue):
    return course_with_lessons(catalogue, modules=1, lessons_per_module=2)[0]


@pytest.fixture
def learner():
    return UserFactory(display_name="Dragana")


def enrol_url(course) -> str:
    return course.url + course.reverse_subpage("enrol")


def withdraw_url(course) -> str:
    return course.url + course.reverse_subpage("withdraw")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def post(client, url, data=None):
    """POST and follow the redirect to the course page; returns (response, messages)."""
    response = client.post(url, data or {}, follow=True)
    return response, messages_of(response)


# Open courses --------------------------------------------------------------------------


def test_learner_enrols_in_an_open_course_by_post(
    course, learner, mailoutbox, django_capture_on_commit_callbacks
):
    client = logged_in(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(enrol_url(course))
    assert response.status_code == 302
    assert response["Location"] == course.url
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    assert enrolment.status == Status.ACTIVE
    assert enrolment.enrolled_at is not None
    notice = EnrolmentNotice.objects.get(enrolment=enrolment)
    assert notice.kind == Kind.ENROLLED
    assert notice.sent_at is not None
    assert [m.to for m in mailoutbox] == [[learner.email]]

    html = client.get(course.url).content.decode()
    assert "You are enrolled. Welcome to the course!" in html
    assert "Start the course" in html
    assert "Withdraw from this course" in html


def test_enrolling_twice_keeps_one_enrolment_and_says_so(course, learner):
    client = logged_in(learner)
    post(client, enrol_url(course))
    response, messages = post(client, enrol_url(course))
    assert response.status_code == 200
    assert messages == ["You are already enrolled in this course."]
    assert Enrolment.objects.filter(learner=learner).count() == 1
    assert EnrolmentNotice.objects.filter(enrolment__learner=learner).count() == 1


def test_anonymous_post_is_sent_to_login_and_back_to_the_course(client, course):
    response = client.post(enrol_url(course))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={course.url}"
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("route", ["enrol", "withdraw"])
def test_get_on_the_post_endpoints_is_refused_with_405(course, learner, route):
    client = logged_in(learner)
    response = client.get(course.url + course.reverse_subpage(route))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert not Enrolment.objects.exists()


def test_enrolling_needs_the_csrf_token(course, learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post(enrol_url(course)).status_code == 403
    assert not Enrolment.objects.exists()

    # The course page's own form carries the token and works.
    html = client.get(course.url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(enrol_url(course), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Enrolment.objects.filter(learner=learner, status=Status.ACTIVE).exists()


def test_course_page_forms_carry_no_ids(course, learner, catalogue):
    """Whose enrolment changes is decided by the session and the URL, never by a form."""
    application, _ = course_with_lessons(catalogue, enrolment_mode=Mode.APPLICATION)
    client = logged_in(learner)
    pages = [client.get(course.url), client.get(application.url)]
    post(client, enrol_url(course))
    pages.append(client.get(course.url))  # the withdraw form
    for response in pages:
        html = response.content.decode()
        assert "<form" in html
        names = set(re.findall(r'<(?:input|textarea|select|button)[^>]*\sname="([^"]+)"', html))
        assert names <= {"csrfmiddlewaretoken", "motivation"}


# By application ----------------------------------------------------------------------


@pytest.fixture
def application_course(catalogue):
    return course_with_lessons(catalogue, enrolment_mode=Mode.APPLICATION)[0]


def test_course_page_shows_the_motivation_form(application_course, learner):
    html = logged_in(learner).get(application_course.url).content.decode()
    assert '<textarea name="motivation"' in html
    assert 'maxlength="3000"' in html
    assert "required" in html
    assert "Why do you want to take part?" in html
    assert 'aria-describedby="id_motivation_helptext"' in html
    assert "At most 3000 characters." in html


def test_application_is_pending_with_a_sanitised_statement(
    application_course, learner, mailoutbox, django_capture_on_commit_callbacks
):
    client = logged_in(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response, messages = post(
            client,
            enrol_url(application_course),
            {"motivation": "<script>alert('x')</script>I run a <b>youth</b> centre in Prizren."},
        )
    assert "your application has been received" in messages[0]
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.status == Status.PENDING
    assert "<" not in enrolment.motivation
    assert enrolment.motivation.endswith("I run a youth centre in Prizren.")
    assert [n.kind for n in enrolment.notices.all()] == [Kind.APPLICATION_RECEIVED]
    assert len(mailoutbox) == 1
    assert "Your application is being reviewed." in response.content.decode()


def test_empty_statement_is_refused_with_a_message(application_course, learner):
    response, messages = post(
        logged_in(learner), enrol_url(application_course), {"motivation": " "}
    )
    assert response.status_code == 200
    assert messages == ["Please tell us briefly why you want to take part."]
    assert not Enrolment.objects.exists()


def test_a_megabyte_statement_is_refused_with_a_message(application_course, learner):
    response, messages = post(
        logged_in(learner), enrol_url(application_course), {"motivation": "x" * 1_000_000}
    )
    assert response.status_code == 200
    assert len(messages) == 1
    assert "too long (at most 3000 characters" in messages[0]
    assert not Enrolment.objects.exists()


def test_statement_line_breaks_count_once_as_in_the_browser(application_course, learner):
    statement = "line\r\n" * 600  # 3600 characters as sent, 3000 as typed
    post(logged_in(learner), enrol_url(application_course), {"motivation": statement})
    enrolment = Enrolment.objects.get(learner=learner)
    assert len(enrolment.motivation) <= 3000
    assert "\r" not in enrolment.motivation


def test_service_refuses_an_oversized_statement_before_sanitising(application_course, learner):
    with pytest.raises(EnrolmentRefused, match="too long"):
        enrolment_request(learner=learner, course=application_course, motivation="<b>" * 400_000)
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize(
    ("decision", "status", "kind"),
    [
        (Decision.ACCEPT, Status.ACTIVE, Kind.ACCEPTED),
        (Decision.WAITLIST, Status.WAITLISTED, Kind.WAITLISTED),
        (Decision.DECLINE, Status.DECLINED, Kind.DECLINED),
    ],
)
def test_trainer_decides_an_application(
    application_course, learner, decision, status, kind, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    trainer = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_request(
            learner=learner, course=application_course, motivation="I teach."
        )
        enrolment = application_decide(
            enrolment=enrolment,
            decision=decision,
            decided_by=trainer,
            note="<i>See you</i> in July & bring a laptop",
        )
    enrolment.refresh_from_db()
    assert enrolment.status == status
    assert enrolment.decided_by == trainer
    assert enrolment.decision_note == "See you in July & bring a laptop"
    assert (enrolment.enrolled_at is not None) == (status == Status.ACTIVE)
    assert list(enrolment.notices.values_list("kind", flat=True).order_by("pk")) == [
        Kind.APPLICATION_RECEIVED,
        kind,
    ]
    assert len(mailoutbox) == 2


def test_declined_learner_sees_why_and_cannot_apply_again(application_course, learner):
    enrolment = enrolment_request(learner=learner, course=application_course, motivation="Me")
    application_decide(
        enrolment=enrolment, decision=Decision.DECLINE, decided_by=None, note="Full this year."
    )
    client = logged_in(learner)
    html = client.get(application_course.url).content.decode()
    assert "Your application to this course was declined." in html
    assert "Full this year." in html
    assert "<textarea" not in html

    _, messages = post(client, enrol_url(application_course), {"motivation": "Please"})
    assert "was declined" in messages[0]
    # Withdrawing does not reopen a declined application either.
    enrolment_withdraw(enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.DECLINED


def test_accepting_into_a_full_course_is_refused(application_course, learner):
    application_course.capacity = 1
    application_course.save_revision().publish()
    EnrolmentFactory(course=application_course)
    enrolment = enrolment_request(learner=learner, course=application_course, motivation="Me")
    with pytest.raises(EnrolmentRefused, match="full"):
        application_decide(enrolment=enrolment, decision=Decision.ACCEPT, decided_by=None)


# Capacity and the waitlist -------------------------------------------------------------


def test_full_course_puts_new_requests_on_the_waitlist_in_order(catalogue, learner):
    course, _ = course_with_lessons(catalogue, capacity=1)
    first = UserFactory()
    enrolment_request(learner=first, course=course)
    client = logged_in(learner)
    html = client.get(course.url).content.decode()
    assert "The course is full." in html
    assert "Join the waitlist" in html

    _, messages = post(client, enrol_url(course))
    assert "joined the waitlist" in messages[0]
    later = UserFactory()
    enrolment_request(learner=later, course=course)
    assert Enrolment.objects.get(learner=learner).status == Status.WAITLISTED
    assert "You are number 1 on the waitlist." in client.get(course.url).content.decode()
    assert "You are number 2 on the waitlist." in logged_in(later).get(course.url).content.decode()


def test_withdrawal_admits_the_next_learner_with_a_notice(
    catalogue, learner, mailoutbox, django_capture_on_commit_callbacks
):
    course, _ = course_with_lessons(catalogue, capacity=1)
    holder, later = UserFactory(), UserFactory()
    enrolment_request(learner=holder, course=course)
    waiting = enrolment_request(learner=learner, course=course)
    enrolment_request(learner=later, course=course)

    with django_capture_on_commit_callbacks(execute=True):
        _, messages = post(logged_in(holder), withdraw_url(course))
    assert messages == [
        "You have withdrawn from this course. Your progress is kept if you enrol again."
    ]
    assert Enrolment.objects.get(learner=holder).status == Status.WITHDRAWN
    waiting.refresh_from_db()
    assert waiting.status == Status.ACTIVE
    assert waiting.enrolled_at is not None
    assert waiting.notices.filter(kind=Kind.ADMITTED, sent_at__isnull=False).exists()
    assert Enrolment.objects.get(learner=later).status == Status.WAITLISTED
    assert [m.to for m in mailoutbox] == [[learner.email]]
    assert "A place is free" in mailoutbox[0].subject


def test_leaving_the_waitlist_frees_no_place(catalogue, learner):
    course, _ = course_with_lessons(catalogue, capacity=1)
    enrolment_request(learner=UserFactory(), course=course)
    enrolment_request(learner=learner, course=course)
    later = UserFactory()
    enrolment_request(learner=later, course=course)
    _, messages = post(logged_in(learner), withdraw_url(course))
    assert messages == ["You have left the waitlist."]
    assert Enrolment.objects.get(learner=later).status == Status.WAITLISTED


def test_withdrawn_learner_can_enrol_again_with_fresh_notices(course, learner):
    client = logged_in(learner)
    post(client, enrol_url(course))
    post(client, withdraw_url(course))
    enrolment = Enrolment.objects.get(learner=learner)
    # The first request was yesterday (a notice belongs to the request made at its "round").
    EnrolmentNotice.objects.filter(enrolment=enrolment).update(round=models.F("round") - 86400)
    html = client.get(course.url).content.decode()
    assert "You withdrew on" in html
    post(client, enrol_url(course))
    enrolment.refresh_from_db()
    assert enrolment.status == Status.ACTIVE
    assert enrolment.withdrawn_at is None
    assert enrolment.notices.filter(kind=Kind.ENROLLED).count() == 2


def test_withdrawing_without_an_enrolment_just_says_so(course, learner):
    _, messages = post(logged_in(learner), withdraw_url(course))
    assert messages == ["You are not enrolled in this course."]
    assert not Enrolment.objects.exists()


# Refusals: mode, window, prerequisites ---------------------------------------------------


def test_closed_course_refuses_and_says_so_before_trying(catalogue, learner, client):
    course, _ = course_with_lessons(catalogue, enrolment_mode=Mode.CLOSED)
    assert "Enrolment in this course is closed." in client.get(course.url).content.decode()
    learner_client = logged_in(learner)
    html = learner_client.get(course.url).content.decode()
    assert "Enrolment in this course is closed." in html
    assert enrol_url(course) not in html
    _, messages = post(learner_client, enrol_url(course))
    assert messages == ["Enrolment in this course is closed."]
    assert not Enrolment.objects.exists()


def test_enrolment_window_not_yet_open(catalogue, learner):
    opens = timezone.now() + datetime.timedelta(days=3)
    course, _ = course_with_lessons(catalogue, enrolment_opens_at=opens)
    client = logged_in(learner)
    assert "Enrolment opens on" in client.get(course.url).content.decode()
    response, messages = post(client, enrol_url(course))
    assert response.status_code == 200
    assert messages[0].startswith("Enrolment opens on")
    assert not Enrolment.objects.exists()


def test_enrolment_window_closed(catalogue, learner):
    now = timezone.now()
    course, _ = course_with_lessons(
        catalogue,
        enrolment_opens_at=now - datetime.timedelta(days=10),
        enrolment_closes_at=now - datetime.timedelta(days=1),
    )
    _, messages = post(logged_in(learner), enrol_url(course))
    assert messages == ["Enrolment in this course has closed."]
    assert not Enrolment.objects.exists()


def test_open_window_shows_when_it_closes(catalogue, learner):
    course, _ = course_with_lessons(
        catalogue, enrolment_closes_at=timezone.now() + datetime.timedelta(days=5)
    )
    assert "Enrolment closes on" in logged_in(learner).get(course.url).content.decode()


def test_prerequisites_must_be_completed_first(catalogue, learner):
    basics, _ = course_with_lessons(catalogue, title="Basics")
    advanced, _ = course_with_lessons(catalogue, title="Advanced")
    advanced.prerequisites.set([basics])
    advanced.save_revision().publish()

    client = logged_in(learner)
    assert "Complete these courses first: Basics." in client.get(advanced.url).content.decode()
    _, messages = post(client, enrol_url(advanced))
    assert messages == ["Complete these courses first: Basics."]
    assert not Enrolment.objects.filter(course=advanced).exists()

    EnrolmentFactory(learner=learner, course=basics, completed_at=timezone.now())
    _, messages = post(client, enrol_url(advanced))
    assert messages == ["You are enrolled. Welcome to the course!"]


# Anonymous visitors ----------------------------------------------------------------------


def test_anonymous_visitor_is_offered_login_and_signup_with_next(client, course):
    response = client.get(course.url)
    html = response.content.decode()
    assert f'href="/accounts/login/?next={course.url}"' in html
    assert f'href="/accounts/signup/?next={course.url}"' in html
    assert '<form method="post"' not in html
    assert "public" in response["Cache-Control"]  # no CSRF cookie for anonymous visitors


# Languages -------------------------------------------------------------------------------


def test_a_translation_of_a_course_shares_its_enrolment(course, learner):
    from wagtail.models import Locale

    translation = course.copy_for_translation(
        Locale.objects.get(language_code="sr"), copy_parents=True
    )
    translation.save_revision().publish()
    enrolment = enrolment_request(learner=learner, course=translation)
    assert enrolment.course_id == course.pk
    assert enrolment_request(learner=learner, course=course) == enrolment
    assert active_enrolment_for(learner=learner, course=translation) == enrolment
    assert Enrolment.objects.count() == 1


# Concurrency (PostgreSQL) ----------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_learners_race_for_five_places():
    _, catalogue = make_site()
    course, _ = course_with_lessons(catalogue, capacity=5)
    learners = [UserFactory() for _ in range(20)]
    url = enrol_url(course)
    barrier = threading.Barrier(len(learners))
    statuses, errors = [], []

    def request(user):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait()
            response = client.post(url)
            statuses.append(response.status_code)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=request, args=(user,)) for user in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert statuses == [302] * 20
    counts = {
        status: Enrolment.objects.filter(course=course, status=status).count()
        for status in (Status.ACTIVE, Status.WAITLISTED)
    }
    assert counts == {Status.ACTIVE: 5, Status.WAITLISTED: 15}
