"""Per-question roll-ups of quizzes: the course report's per-question figures, precomputed.

Computing a quiz's per-question summary reads every submitted attempt's answers (about 0.3 s
per quiz at 25,000 attempts), too slow to run for every quiz of a course on each view of the
report. ``QuestionRollup`` keeps the result per quiz key:

* ``question_rollups_for`` (selector, one query) returns the stored figures, re-mapped onto
  the quiz's questions as they are now, and says which roll-ups are stale: an attempt was
  submitted or graded since, or the quiz was never rolled up.
* ``question_rollups_request`` queues a refresh of stale ones (deduplicated for a minute);
  where tasks run in-process (development, tests) the refresh happens at once.
* ``question_rollup_refresh`` (service) recomputes one quiz with
  ``quizzes.reports.question_summary_for``; beat runs ``question_rollups_refresh_stale``
  every few minutes, so reports usually find them fresh.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import asdict, dataclass, replace

from django.core.cache import cache
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone

from .models import QuestionRollup, QuizAttempt, QuizPage
from .reports import QuestionSummary, empty_summary, question_summary_for

logger = logging.getLogger(__name__)

# Attempts are stamped by the web process before their transaction commits (a submit takes
# milliseconds); a refresh counts as covering only what was stamped this long before it
# started, so an attempt that commits during a refresh still makes the roll-up stale.
IN_FLIGHT = datetime.timedelta(seconds=10)
REQUEST_DEDUP_SECONDS = 60


@dataclass(frozen=True)
class QuizRollup:
    summaries: list[QuestionSummary] | None  # None: never computed yet
    computed_at: datetime.datetime | None
    stale: bool


def _changed_since_rollup() -> Q:
    """An attempt of the outer roll-up's quiz was submitted or graded since it was computed:
    two EXISTS, each a range scan of its index (``attempt_quiz_submitted``,
    ``attempt_quiz_graded``), where one EXISTS with an OR would read every attempt."""
    attempts = QuizAttempt.objects.filter(quiz_key=OuterRef("quiz_key"))
    since = OuterRef("covers_until")
    return Q(Exists(attempts.filter(submitted_at__gte=since))) | Q(
        Exists(attempts.filter(graded_at__gte=since))
    )


def _remap(stored: list[dict], quiz: QuizPage) -> list[QuestionSummary]:
    """Stored figures in the quiz's current order, with its current wording and points;
    questions removed since follow, as ``question_summary_for`` orders them."""
    by_id = {row["question_id"]: QuestionSummary(**row) for row in stored}
    summaries = []
    for position, question in enumerate(quiz.question_list(), start=1):
        found = by_id.pop(question["id"], None)
        summaries.append(
            replace(
                found,
                position=position,
                type=question["type"],
                title=question.get("title", ""),
                text=question.get("text", ""),
                points=float(question.get("points", 0)),
            )
            if found
            else empty_summary(position, question)
        )
    summaries += [replace(summary, position=None) for summary in by_id.values()]
    return summaries


def question_rollups_for(*, quizzes: list[QuizPage]) -> dict[uuid.UUID, QuizRollup]:
    """The roll-up of each quiz (by translation key), stale or not. One query."""
    keys = {quiz.translation_key for quiz in quizzes}
    stored = {
        rollup.quiz_key: rollup
        for rollup in QuestionRollup.objects.filter(quiz_key__in=keys).annotate(
            changed=ExpressionWrapper(_changed_since_rollup(), output_field=BooleanField())
        )
    }
    result = {}
    for quiz in quizzes:
        rollup = stored.get(quiz.translation_key)
        result[quiz.translation_key] = (
            QuizRollup(_remap(rollup.summaries, quiz), rollup.computed_at, rollup.changed)
            if rollup
            else QuizRollup(None, None, True)
        )
    return result


def question_rollup_refresh(*, quiz_key: uuid.UUID | str) -> QuestionRollup | None:
    """Recompute the roll-up of one quiz from its attempts; None if no live page has the
    key (a deleted quiz: nothing shows its figures). Safe to run twice or concurrently:
    a refresh never replaces one that covers more."""
    quiz = QuizPage.objects.live().filter(translation_key=quiz_key).order_by("pk").first()
    if quiz is None:
        return None
    started = timezone.now()
    summaries = [asdict(summary) for summary in question_summary_for(quiz=quiz)]
    with transaction.atomic():
        rollup = QuestionRollup.objects.select_for_update().filter(quiz_key=quiz_key).first()
        covers_until = started - IN_FLIGHT
        if rollup is None:
            rollup = QuestionRollup(quiz_key=quiz_key)
        elif rollup.covers_until > covers_until:
            return rollup
        rollup.covers_until = covers_until
        rollup.computed_at = started
        rollup.summaries = summaries
        rollup.save()
    return rollup


def stale_quiz_keys() -> list[uuid.UUID]:
    """Keys of live quizzes whose roll-up is missing or stale (the beat task's work list)."""
    keys = set(QuizPage.objects.live().values_list("translation_key", flat=True))
    fresh = set(
        QuestionRollup.objects.filter(quiz_key__in=keys)
        .exclude(_changed_since_rollup())
        .values_list("quiz_key", flat=True)
    )
    return sorted(keys - fresh)


def question_rollups_request(*, quiz_keys: list[uuid.UUID]) -> bool:
    """Refresh these roll-ups soon: queued for a worker, each at most once a minute, or at
    once where tasks run in-process (development, tests). True if they were refreshed
    in-process, so the caller reads them again."""
    from celery import current_app

    from .tasks import question_rollup_refresh_task

    if current_app.conf.task_always_eager:
        for key in quiz_keys:
            question_rollup_refresh(quiz_key=key)
        return bool(quiz_keys)
    for key in quiz_keys:
        # add() is False when a refresh was requested less than a minute ago, or when the
        # cache is down (beat refreshes it then).
        if not cache.add(f"quizzes:rollup-requested:{key}", 1, REQUEST_DEDUP_SECONDS):
            continue
        try:
            question_rollup_refresh_task.apply_async(kwargs={"quiz_key": str(key)})
        except Exception:
            logger.warning("Could not queue the question roll-up of quiz %s", key, exc_info=True)
    return False
