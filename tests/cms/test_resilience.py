"""When Redis is unreachable the site keeps serving and queuing never becomes a 500."""

import logging

import pytest
from django.core.cache import cache

from cms import tasks

pytestmark = pytest.mark.django_db


def test_pages_answer_200_while_redis_is_unreachable(client, seeded, redis_down):
    assert cache.get("anything") is None  # the cache degrades to "no cache"
    assert client.get("/").status_code == 200
    assert client.get("/courses/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200


def test_a_task_that_cannot_be_queued_is_logged_not_raised(
    redis_down, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        tasks.enqueue_on_commit(tasks.heartbeat, kwargs={"token": "lost"})
    assert "Could not queue task cms.tasks.heartbeat" in caplog.text


def test_email_is_sent_in_process_when_the_broker_is_down(
    redis_down, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.email_send(subject="Confirm", body="Hello", to=["a@example.org"])
    assert [m.subject for m in mailoutbox] == ["Confirm"]
