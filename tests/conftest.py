"""Suite-wide fixtures and the rule for tests that need a real service.

Tests marked ``redis`` or ``postgres`` run against the servers named by REDIS_URL and
DATABASE_URL. Without them (a laptop on embedded defaults) they are skipped with a reason;
under CI=true a missing service is an error, never a skip.
"""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from hypothesis import settings as hypothesis_settings

# Property tests: no per-example deadline (CI machines are slow and shared), and a fixed
# seed under CI so a red build can be reproduced.
hypothesis_settings.register_profile("default", deadline=None)
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "default")

SERVICE_MARKERS = {
    "redis": ("REDIS_URL", lambda: bool(os.environ.get("REDIS_URL"))),
    "postgres": ("DATABASE_URL", lambda: connection.vendor == "postgresql"),
}


def pytest_collection_modifyitems(config, items):
    in_ci = os.environ.get("CI", "").lower() == "true"
    for item in items:
        for marker, (variable, available) in SERVICE_MARKERS.items():
            if item.get_closest_marker(marker) is None or available():
                continue
            reason = f"needs a real {marker} server: set {variable} to run it"
            if in_ci:
                raise pytest.UsageError(f"CI=true but {item.nodeid} {reason}")
            item.add_marker(pytest.mark.skip(reason=reason))


def use_broker(app, **conf) -> dict:
    """Point the Celery app at another broker (or eager mode); returns the old settings."""
    old = {key: app.conf[key] for key in conf}
    app.conf.update(conf)
    # Forget pooled connections to the previous broker so the next publish reconnects.
    app._pool = None
    app.amqp._producer_pool = None
    return old


@contextlib.contextmanager
def real_worker(*, env: dict | None = None, include: tuple[str, ...] = ()):
    """A real Celery worker process (solo pool) on the configured Redis, with this process
    publishing to it instead of running tasks eagerly; stopped afterwards."""
    from cms.celery import app

    command = [sys.executable, "-m", "celery", "-A", "cms", "worker"]
    command += [f"--include={','.join(include)}"] if include else []
    command += [
        "--pool=solo",
        "--concurrency=1",
        "--without-gossip",
        "--without-mingle",
        "--loglevel=WARNING",
    ]
    process = subprocess.Popen(
        command,
        cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    old = use_broker(app, task_always_eager=False, broker_url=settings.REDIS_URL)
    try:
        yield process
    finally:
        use_broker(app, **old)
        process.terminate()
        process.wait(timeout=20)


DEAD_REDIS = "redis://127.0.0.1:9/0"  # the discard port: nothing listens there


@pytest.fixture
def redis_down(settings):
    """Cache and Celery broker pointed at a Redis that isn't there. Yields a function that
    brings the broker back (the settings fixture restores the cache afterwards)."""
    from cms.celery import app

    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
            },
        }
    }
    old = use_broker(
        app, broker_url=DEAD_REDIS, task_always_eager=False, broker_connection_timeout=0.2
    )
    restored = False

    def restore():
        nonlocal restored
        if not restored:
            use_broker(app, **old)
            restored = True

    yield restore
    restore()


def pytest_configure(config):
    """The interface translations are compiled (.mo files are build output, not committed)."""
    from django.core.management import call_command

    call_command("translations_compile", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def _english_first():
    """Each test starts in the default language: a view that switched language (a login
    with a preferred language) must not change the URLs the next test reverses."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached fragments must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(db, django_capture_on_commit_callbacks):
    """The demo site as ``seed_demo`` creates it."""
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # wagtail-localize publishes translations on commit; held back until here, publishing a
    # parent's early revision resets its child count (seed_demo recounts in autocommit).
    from wagtail.models import Page

    Page.fix_tree(fix_paths=False)
