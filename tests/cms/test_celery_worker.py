"""A task really travels over Redis to a separate Celery worker process."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings

from cms import tasks
from cms.celery import app
from tests.conftest import use_broker

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.redis]


@pytest.fixture
def worker():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cms",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    old = use_broker(app, task_always_eager=False, broker_url=settings.REDIS_URL)
    yield process
    use_broker(app, **old)
    process.terminate()
    process.wait(timeout=20)


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
