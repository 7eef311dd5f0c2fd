"""A task really travels over Redis to a separate Celery worker process."""

import time
import uuid

import pytest
import redis
from django.conf import settings

from cms import tasks
from tests.conftest import real_worker

pytestmark = [pytest.mark.redis]


@pytest.fixture
def worker():
    with real_worker() as process:
        yield process


def test_task_runs_in_a_real_worker_over_redis(worker):
    token = f"ping-{uuid.uuid4()}"
    # The worker's cache key prefix carries its own PID, so look for the raw key in Redis.
    tasks.heartbeat.apply_async(kwargs={"token": token})
    client = redis.Redis.from_url(settings.REDIS_URL)
    deadline = time.monotonic() + 30
    found = False
    while time.monotonic() < deadline and not found:
        found = any(
            client.get(key) and token.encode() in client.get(key)
            for key in client.scan_iter(match="*celery:heartbeat*")
        )
        if worker.poll() is not None:
            pytest.fail(f"worker exited: {worker.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    assert found, "the worker did not run the task within 30 s"
