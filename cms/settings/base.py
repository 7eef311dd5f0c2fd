"""Settings shared by every environment.

Everything that differs between a laptop and production comes from environment variables
(listed in the README). With none set, the site runs on embedded defaults: SQLite under
``var/``, a local-memory cache and Celery tasks executed in-process.
"""

import os
from pathlib import Path

import dj_database_url
import django.conf.locale

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
# Only development and test settings may create demo accounts with a published password.
DEMO_DATA_ALLOWED = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Applications
# https://docs.djangoproject.com/en/5.2/ref/settings/#installed-apps
INSTALLED_APPS = [
    "cms",
    "courses",
    "quizzes",
    "learners",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for slow, metered connections: after WhiteNoise (which serves static
    # files already compressed) and outside every middleware that reads or changes the body.
    # Django's GZip adds random padding against BREACH, and CSRF tokens are masked per request.
    "django.middleware.gzip.GZipMiddleware",
    # Outside session and CSRF middleware, so it sees the cookies they set.
    "cms.middleware.AnonymousCacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "cms.scripts.SerbianScriptMiddleware",  # inside GZip and CommonMiddleware: plain body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# SQLite (development) ignores the INCLUDE columns of quizzes' covering index; PostgreSQL,
# where it matters, uses them.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL is set
# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else local memory. A Redis outage degrades to
# "no cache" (django-redis IGNORE_EXCEPTIONS) instead of failing the request.
# https://docs.djangoproject.com/en/5.2/topics/cache/
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "lms"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "lms",
        }
    }

# Seconds browsers and proxies may keep a public page seen by an anonymous visitor.
ANONYMOUS_PAGE_MAX_AGE = int(os.environ.get("ANONYMOUS_PAGE_MAX_AGE", "60"))

# Certificates: who issues them, and the contact address in their Open Badges issuer profile.
CERTIFICATE_ISSUER = os.environ.get("CERTIFICATE_ISSUER", "Human Security Academy")
CERTIFICATE_ISSUER_EMAIL = os.environ.get("CERTIFICATE_ISSUER_EMAIL", "")

# Report exports up to this many rows download at once; bigger ones are built by a worker
# and the owner gets an email with a private link.
REPORT_EXPORT_SYNC_MAX_ROWS = int(os.environ.get("REPORT_EXPORT_SYNC_MAX_ROWS", "10000"))

# Sessions live in the database so a Redis outage never logs anybody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Accounts: learners.User logs in with an email address through django-allauth
# https://docs.allauth.org/en/latest/account/configuration.html
AUTH_USER_MODEL = "learners.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "learners:dashboard"  # reversed in the active language
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_ADAPTER = "learners.adapters.AccountAdapter"
# Signup also asks for a display name (may be a pseudonym), a country and consent to the
# privacy policy (recorded with its version).
ACCOUNT_SIGNUP_FORM_CLASS = "learners.forms.SignupDetailsForm"
# allauth's default rate limits stay on; they count in the cache configured above.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}

# The version of the privacy policy learners consent to at signup; bump it when it changes.
PRIVACY_POLICY_VERSION = os.environ.get("PRIVACY_POLICY_VERSION", "2026-11")

# Email: printed to the console unless EMAIL_URL-style settings are given
# https://docs.djangoproject.com/en/5.2/topics/email/
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Human Security Academy <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Internationalisation: the interface in the network's languages (locale/<lang>/), URLs
# carrying the language (/sq/courses/…; English has no prefix), and courses translated with
# Wagtail's i18n and wagtail-localize: one page tree per locale, translations sharing a
# translation key. Names are each language's own name for itself.
# https://docs.djangoproject.com/en/5.2/topics/i18n/
# https://docs.wagtail.org/en/stable/advanced_topics/i18n.html
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("sq", "Shqip"),
    ("bs", "Bosanski"),
    ("bg", "Български"),
    ("hr", "Hrvatski"),
    ("mk", "Македонски"),
    ("cnr", "Crnogorski"),
    ("sr-latn", "Srpski (latinica)"),
    ("sr", "Српски (ћирилица)"),
    ("tr", "Türkçe"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Montenegrin is not among Django's languages: its name and direction here, and Serbian
# (Latin) date and number formats (cms/formats/cnr/).
EXTRA_LANG_INFO = {
    "cnr": {
        "bidi": False,
        "code": "cnr",
        "name": "Montenegrin",
        "name_local": "Crnogorski",
    },
}
django.conf.locale.LANG_INFO.update(EXTRA_LANG_INFO)
FORMAT_MODULE_PATH = ["cms.formats"]
WAGTAIL_I18N_ENABLED = True
# Serbian content exists once, in the "sr" locale, whatever script it was written in; it is
# shown in the script of the interface (Wagtail maps sr-latn to the sr locale, and
# cms.middleware transliterates). Every other language has its own locale.
WAGTAIL_CONTENT_LANGUAGES = [(code, name) for code, name in LANGUAGES if code != "sr-latn"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Belgrade")
USE_I18N = True
USE_TZ = True

# Static files and media
# https://docs.djangoproject.com/en/5.2/howto/static-files/
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default 2.5 MB; forms stay small.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000  # Wagtail's page editor posts many fields.

# Celery: Redis broker when REDIS_URL is set, else tasks run eagerly in-process.
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only after it finished, and given back to the queue if its worker
# dies, so every task must be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request must not hang when the broker is down: try briefly, then give up (and log).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
}
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "cms.tasks.heartbeat", "schedule": 60.0},
    # The enrolment email outbox: notices a worker never got (Redis was down) are sent late.
    "enrolment-notices-send-pending": {
        "task": "courses.tasks.notices_send_pending",
        "schedule": 60.0,
    },
    # The course report's per-question figures (quizzes.rollups) of quizzes with new attempts.
    "question-rollups-refresh-stale": {
        "task": "quizzes.tasks.question_rollups_refresh_stale",
        "schedule": 300.0,
    },
}

# Wagtail's own background work (search index updates, reference index) runs in-process.
# https://docs.wagtail.org/en/stable/reference/settings.html#tasks
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail
# https://docs.wagtail.org/en/stable/reference/settings.html
WAGTAIL_SITE_NAME = "Human Security Academy"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
# The admin makes no request to other hosts (the browser tests refuse any): no Gravatar, which
# would send a hash of every trainer's email address to a third party, and no check for new
# Wagtail releases from the dashboard (upgrades are planned, not prompted).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILUSERS_PASSWORD_ENABLED = True

# Logging: everything to stderr, where the process manager collects it.
# https://docs.djangoproject.com/en/5.2/topics/logging/
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django_redis": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
