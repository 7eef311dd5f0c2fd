"""The project shell: settings, URLs, the Celery app, site pages and shared helpers.

It imports nothing from courses, quizzes or learners except to wire URLs and settings.
"""

from .celery import app as celery_app

__all__ = ["celery_app"]
