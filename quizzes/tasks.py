"""Celery tasks of the quizzes app: the question roll-ups of the course report.

``question_rollups_refresh_stale`` runs every few minutes (``CELERY_BEAT_SCHEDULE``) and
queues one ``question_rollup_refresh_task`` per quiz with new submitted or graded attempts.
"""

import logging

from celery import shared_task

from .rollups import question_rollup_refresh, stale_quiz_keys

logger = logging.getLogger(__name__)


@shared_task
def question_rollup_refresh_task(*, quiz_key: str) -> bool:
    """Recompute one quiz's per-question figures; False if the quiz no longer exists."""
    return question_rollup_refresh(quiz_key=quiz_key) is not None


@shared_task
def question_rollups_refresh_stale() -> int:
    """Queue a refresh of every stale roll-up; returns how many were queued."""
    queued = 0
    for key in stale_quiz_keys():
        try:
            question_rollup_refresh_task.apply_async(kwargs={"quiz_key": str(key)})
        except Exception:
            logger.exception("Could not queue the question roll-up of quiz %s", key)
            break
        queued += 1
    return queued
