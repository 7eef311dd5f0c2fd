"""Settings for the load benchmark only (``bench/load.py``): production, served over plain HTTP.

Everything is ``cms.settings.production`` (DEBUG off, compressed manifest static files,
every secret from the environment) except what plain ``http://127.0.0.1`` needs: no redirect
to HTTPS, no HSTS, and session and CSRF cookies that a client sends over HTTP. And one more:
every simulated learner logs in from 127.0.0.1, so allauth's per-IP limit on logins (30 a
minute), meant for many people behind many addresses, is raised; the per-account limits on
failed logins stay. Never use it for anything reachable from outside the machine.
"""

from cms.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_PROXY_SSL_HEADER = None
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
DEBUG = False
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": "10000/m/ip"}  # noqa: F405
