"""The beat schedule names tasks that exist: a renamed task must not silently stop running."""

from django.conf import settings

from cms.celery import app


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "quizzes.tasks.question_rollups_refresh_stale" in scheduled
    assert scheduled <= set(app.tasks), scheduled - set(app.tasks)
