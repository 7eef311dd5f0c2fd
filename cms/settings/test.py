"""Test settings: fast, deterministic, and on real services whenever they are configured."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import CACHES, REDIS_URL

SECRET_KEY = "test-only-secret-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="lms-test-media-")
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = f"lms-test-{os.getpid()}"
# Tests run tasks in-process unless a test starts a real worker on purpose.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
DEMO_DATA_ALLOWED = True
# seed_demo keeps these locales' trees in sync (an alias per untranslated page, ~40 ms each):
# the translated demo languages only, to keep seeding quick.
DEMO_LOCALES = ["sq", "sr", "tr"]

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
