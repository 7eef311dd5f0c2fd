"""Enrolment emails: one per notice whatever happens (tasks run twice, Redis down at
enrolment time, SMTP hiccups), in the learner's language, with absolute links."""

import datetime
import logging

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from cms.celery import app
from courses.emails import notice_send
from courses.models import CoursePage, Enrolment, EnrolmentNotice
from courses.services import Decision, application_decide, enrolment_request
from courses.tasks import enrolment_notice_send, notices_send_pending
from tests.conftest import use_broker
from tests.factories.courses import EnrolmentFactory, EnrolmentNoticeFactory, course_with_lessons
from tests.factories.learners import UserFactory
from tests.factories.pages import make_site

pytestmark = pytest.mark.django_db

Kind = EnrolmentNotice.Kind


@pytest.fixture
def course():
    _, catalogue = make_site()
    return course_with_lessons(catalogue, title="Dialogue across divides")[0]


@pytest.fixture
def learner():
    return UserFactory(display_name="Lejla from Mostar", email="lejla@example.org")


def notice_for(course, learner, kind=Kind.ENROLLED, **enrolment_fields):
    enrolment = EnrolmentFactory(learner=learner, course=course, **enrolment_fields)
    return EnrolmentNoticeFactory(enrolment=enrolment, kind=kind)


def age(notice, **delta):
    EnrolmentNotice.objects.filter(pk=notice.pk).update(
        created_at=timezone.now() - datetime.timedelta(**delta)
    )


def test_task_sends_one_email_per_notice_even_when_run_twice(course, learner, mailoutbox):
    notice = notice_for(course, learner)
    assert enrolment_notice_send.apply(kwargs={"notice_id": notice.pk}).get() is True
    assert enrolment_notice_send.apply(kwargs={"notice_id": notice.pk}).get() is False
    assert len(mailoutbox) == 1
    notice.refresh_from_db()
    assert notice.sent_at is not None

    message = mailoutbox[0]
    assert message.to == ["lejla@example.org"]
    assert message.subject == "You are enrolled in “Dialogue across divides”"
    assert "Hello Lejla from Mostar," in message.body
    assert f"http://testserver{course.url}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://testserver{course.url}"' in html
    assert '<html lang="en">' in html


def test_a_missing_notice_is_skipped(course, learner, mailoutbox):
    assert notice_send(notice_id=987654) is False
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("kind", "subject", "phrase"),
    [
        (Kind.ENROLLED, "You are enrolled in", "You are enrolled in"),
        (Kind.APPLICATION_RECEIVED, "We received your application", "Thank you for applying"),
        (Kind.ACCEPTED, "was accepted", "was accepted"),
        (Kind.DECLINED, "About your application", "could not offer"),
        (Kind.WAITLISTED, "on the waitlist", "you are on its waitlist"),
        (Kind.ADMITTED, "A place is free", "it is yours"),
        (Kind.COMPLETED, "You completed", "Congratulations! You completed"),
    ],
)
def test_every_kind_has_a_plain_text_and_an_html_email(
    course, learner, mailoutbox, kind, subject, phrase
):
    notice = notice_for(course, learner, kind=kind, completed_at=timezone.now())
    notice_send(notice_id=notice.pk)
    (message,) = mailoutbox
    assert subject in message.subject
    assert phrase in message.body
    assert phrase in message.alternatives[0][0]
    assert "{%" not in message.body
    assert "{{" not in message.body


def test_decision_note_is_in_the_email_as_written_and_escaped_in_html(
    course, learner, mailoutbox, django_capture_on_commit_callbacks
):
    course.enrolment_mode = CoursePage.EnrolmentMode.APPLICATION
    course.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_request(learner=learner, course=course, motivation="I teach.")
        application_decide(
            enrolment=enrolment,
            decision=Decision.ACCEPT,
            decided_by=None,
            note='Bring notes on 1 < 2 & "dialogue".',
        )
    accepted = mailoutbox[-1]
    assert "was accepted" in accepted.subject
    assert 'Bring notes on 1 < 2 & "dialogue".' in accepted.body
    assert "Bring notes on 1 &lt; 2 &amp; &quot;dialogue&quot;." in accepted.alternatives[0][0]


def test_email_is_written_in_the_learners_language(course, mailoutbox):
    learner = UserFactory(preferred_language="tr")
    notice_send(notice_id=notice_for(course, learner).pk)
    assert '<html lang="tr">' in mailoutbox[0].alternatives[0][0]


def test_learner_without_an_address_gets_no_email_and_the_notice_is_closed(course, mailoutbox):
    learner = UserFactory(is_active=False)
    notice = notice_for(course, learner)
    assert notice_send(notice_id=notice.pk) is False
    notice.refresh_from_db()
    assert notice.sent_at is not None
    assert mailoutbox == []


def test_a_failed_send_leaves_the_notice_unsent(course, learner, monkeypatch):
    notice = notice_for(course, learner)

    def refuse(self, messages):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with pytest.raises(ConnectionRefusedError):
        notice_send(notice_id=notice.pk)
    notice.refresh_from_db()
    assert notice.sent_at is None


def test_a_transient_smtp_error_is_retried_and_sends_once(course, learner, monkeypatch):
    notice = notice_for(course, learner)
    send = mail.backends.locmem.EmailBackend.send_messages
    calls = []

    def flaky(self, messages):
        calls.append(1)
        if len(calls) == 1:
            raise TimeoutError("SMTP timed out")
        return send(self, messages)

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", flaky)
    # throw=False: in eager mode Celery then runs the retry at once instead of raising it.
    result = enrolment_notice_send.apply(kwargs={"notice_id": notice.pk}, throw=False)
    assert result.get() is True
    assert len(calls) == 2
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.sent_at is not None


def test_sweep_sends_notices_left_unsent_and_nothing_else(course, mailoutbox):
    left = notice_for(course, UserFactory())
    age(left, minutes=5)
    fresh = notice_for(course, UserFactory())  # its own task is probably still on the way
    sent = notice_for(course, UserFactory())
    age(sent, minutes=5)
    EnrolmentNotice.objects.filter(pk=sent.pk).update(sent_at=timezone.now())
    too_old = notice_for(course, UserFactory())
    age(too_old, days=10)

    assert notices_send_pending.apply().get() == 1
    assert [m.to for m in mailoutbox] == [[left.enrolment.learner.email]]
    assert notices_send_pending.apply().get() == 0
    assert len(mailoutbox) == 1
    fresh.refresh_from_db()
    assert fresh.sent_at is None


def test_sweep_is_scheduled_every_minute(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["enrolment-notices-send-pending"]
    assert schedule == {"task": "courses.tasks.notices_send_pending", "schedule": 60.0}
    assert "courses.tasks.notices_send_pending" in app.tasks


def test_enrolling_while_redis_is_down_saves_and_mails_later(
    course, learner, redis_down, mailoutbox, caplog, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(learner)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client.post(course.url + course.reverse_subpage("enrol"))
    assert response.status_code == 302
    assert response["Location"] == course.url
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.status == Enrolment.Status.ACTIVE
    notice = enrolment.notices.get()
    assert notice.sent_at is None
    assert mailoutbox == []
    assert "Could not queue task courses.tasks.enrolment_notice_send" in caplog.text

    redis_down()  # Redis is back (tasks run in-process in tests)
    age(notice, minutes=2)
    notices_send_pending.apply()
    notices_send_pending.apply()
    assert [m.to for m in mailoutbox] == [[learner.email]]
    notice.refresh_from_db()
    assert notice.sent_at is not None


@pytest.mark.redis
def test_the_notice_task_travels_over_a_real_broker(
    course, learner, settings, django_capture_on_commit_callbacks, mailoutbox
):
    """With Redis up and no worker, enrolling publishes the task instead of sending inline."""
    import redis

    old = use_broker(app, broker_url=settings.REDIS_URL, task_always_eager=False)
    queue = redis.Redis.from_url(settings.REDIS_URL)
    before = queue.llen("celery")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            enrolment = enrolment_request(learner=learner, course=course)
        assert queue.llen("celery") == before + 1
        assert mailoutbox == []
        assert enrolment.notices.get().sent_at is None
    finally:
        app.control.purge()
        use_broker(app, **old)
