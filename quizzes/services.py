"""Writes for quiz attempts: start, save answers, submit, grade essays.

Attempts are started on the server, which fixes the question order, the answer order and the
deadline. Saving and submitting lock the attempt row, so a double click, a second tab or a
replayed request grades once. Past the deadline (plus ``QUIZ_GRACE_SECONDS``) answers are no
longer accepted and the attempt is graded as it stood. A passing attempt completes the quiz
as a course activity through ``courses.services.activity_complete``.
"""

from __future__ import annotations

import contextlib
import datetime
import random
import secrets
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.sanitise import sanitise_html
from courses.services import NotEnrolled, active_enrolment_for, activity_complete, course_of

from .grading import grade_question
from .models import QuizAttempt, QuizPage
from .questions import Question, with_answer_key

Status = QuizAttempt.Status
MAX_TEXT_ANSWER = 500
MAX_ESSAY_ANSWER = 20_000


class AttemptRefused(Exception):
    """The attempt cannot be started or changed; the message says why."""


def grace_period() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "QUIZ_GRACE_SECONDS", 30))


def _shuffled(items: list, rng: random.Random) -> list:
    items = list(items)
    rng.shuffle(items)
    return items


def _prepare(questions: list[Question], quiz: QuizPage) -> list[Question]:
    """The learner's own copy: question and answer order fixed now, for this attempt."""
    rng = random.Random(secrets.randbits(64))  # noqa: S311 - order, not a secret
    prepared = []
    for question in _shuffled(questions, rng) if quiz.shuffle_questions else questions:
        question = dict(question)
        if "choices" in question and quiz.shuffle_choices:
            question["choices"] = _shuffled(question["choices"], rng)
        if question["type"] == "matching":
            options = [pair["answer"] for pair in question["pairs"]] + question["distractors"]
            question["options"] = _shuffled(list(dict.fromkeys(options)), rng)
        prepared.append(question)
    return prepared


def is_expired(attempt: QuizAttempt, *, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return attempt.deadline is not None and now > attempt.deadline + grace_period()


def _questions_to_grade(quiz: QuizPage) -> list[Question]:
    """The quiz's questions; for a translation, with the answer key of the original (the
    first page created with its translation key, as for courses). Aliases are the original."""
    questions = quiz.question_list()
    if quiz.alias_of_id:
        return questions
    original = (
        QuizPage.objects.filter(translation_key=quiz.translation_key, alias_of__isnull=True)
        .order_by("pk")
        .first()
    )
    if original is None or original.pk == quiz.pk:
        return questions
    return with_answer_key(questions, original.question_list())


@transaction.atomic
def attempt_start(*, learner, quiz: QuizPage) -> QuizAttempt:
    """Start an attempt, or return the open one to resume."""
    enrolment = active_enrolment_for(learner=learner, course=course_of(quiz))
    if enrolment is None:
        raise NotEnrolled(_("You are not enrolled in this course."))
    # One learner starting twice at once (two tabs) must end with one attempt.
    type(enrolment).objects.select_for_update().filter(pk=enrolment.pk).exists()
    attempts = QuizAttempt.objects.filter(learner=learner, quiz_key=quiz.translation_key)
    current = attempts.filter(status=Status.OPEN).first()
    if current and not is_expired(current):
        return current
    if current:
        _finalise(current)
    used = attempts.count()
    if quiz.max_attempts and used >= quiz.max_attempts:
        raise AttemptRefused(
            _("You have used all %(count)d attempts at this quiz.") % {"count": quiz.max_attempts}
        )
    questions = _questions_to_grade(quiz)
    if not questions:
        raise AttemptRefused(_("This quiz has no questions yet."))
    now = timezone.now()
    attempt = QuizAttempt(
        learner=learner,
        enrolment=enrolment,
        quiz=quiz,
        quiz_key=quiz.translation_key,
        quiz_title=quiz.title[:255],
        language=get_language() or "",
        number=used + 1,
        deadline=now + datetime.timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None,
        snapshot=_prepare(questions, quiz),
        pass_mark=quiz.pass_mark,
        policy={
            "review_detail": quiz.review_detail,
            "review_when": quiz.review_when,
            "max_attempts": quiz.max_attempts,
            "grading_method": quiz.grading_method,
        },
        max_score=sum(q["points"] for q in questions),
    )
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        return attempts.get(status=Status.OPEN)
    return attempt


def _clean_response(question: Question, raw: Any) -> Any:
    """Check one answer against the question; raise AttemptRefused if it cannot be right."""
    kind = question["type"]
    if raw in (None, "", []):
        return None
    if kind == "single_choice":
        if not isinstance(raw, str) or raw not in {c["id"] for c in question["choices"]}:
            raise AttemptRefused(_("That answer is not one of the choices."))
        return raw
    if kind == "multiple_response":
        chosen = raw if isinstance(raw, list) else [raw]
        ids = {c["id"] for c in question["choices"]}
        if not all(isinstance(item, str) for item in chosen) or not set(chosen) <= ids:
            raise AttemptRefused(_("That answer is not one of the choices."))
        return sorted(set(chosen))
    if kind == "true_false":
        if raw not in ("true", "false", True, False):
            raise AttemptRefused(_("Answer true or false."))
        return raw in ("true", True)
    if kind in {"short_answer", "numerical"}:
        if not isinstance(raw, str) or len(raw) > MAX_TEXT_ANSWER:
            raise AttemptRefused(_("That answer is too long."))
        return raw.replace("\x00", "").strip()
    if kind == "matching":
        if not isinstance(raw, dict):
            raise AttemptRefused(_("Match each item with one answer."))
        pair_ids = {pair["id"] for pair in question["pairs"]}
        options = set(question.get("options", []))
        cleaned = {}
        for pair_id, answer in raw.items():
            if pair_id not in pair_ids or (
                answer and (not isinstance(answer, str) or answer not in options)
            ):
                raise AttemptRefused(_("That match is not one of the options."))
            if answer:
                cleaned[pair_id] = answer
        return cleaned or None
    if kind == "essay":
        if not isinstance(raw, str) or len(raw) > MAX_ESSAY_ANSWER:
            raise AttemptRefused(
                _("Your answer is too long (at most %(max)d characters).")
                % {"max": MAX_ESSAY_ANSWER}
            )
        return sanitise_html(raw.replace("\x00", ""))
    raise AttemptRefused(_("Unknown question."))


def clean_responses(attempt: QuizAttempt, answers: dict[str, Any]) -> dict[str, Any]:
    """Validate all answers at once: one bad answer refuses the whole save."""
    questions = {q["id"]: q for q in attempt.snapshot}
    unknown = set(answers) - set(questions)
    if unknown:
        raise AttemptRefused(_("Some answers were for questions that are not in this attempt."))
    return {qid: _clean_response(questions[qid], raw) for qid, raw in answers.items()}


def _locked(attempt: QuizAttempt) -> QuizAttempt:
    return QuizAttempt.objects.select_for_update().get(pk=attempt.pk)


def attempt_save(*, attempt: QuizAttempt, answers: dict[str, Any]) -> QuizAttempt:
    """Save answers of an open attempt (the learner may leave and come back)."""
    attempt, expired = _save_unless_expired(attempt, answers)
    if expired:
        # Raised after the commit, so the grading of the expired attempt is kept.
        raise AttemptRefused(
            _("Time is up: your attempt was graded with the answers saved before the deadline.")
        )
    return attempt


@transaction.atomic
def _save_unless_expired(attempt: QuizAttempt, answers: dict[str, Any]) -> tuple[QuizAttempt, bool]:
    attempt = _locked(attempt)
    if attempt.status != Status.OPEN:
        raise AttemptRefused(_("This attempt has already been submitted."))
    if is_expired(attempt):
        _finalise(attempt)
        return attempt, True
    attempt.responses = {**attempt.responses, **clean_responses(attempt, answers)}
    attempt.save(update_fields=["responses"])
    return attempt, False


@transaction.atomic
def attempt_submit(*, attempt: QuizAttempt, answers: dict[str, Any] | None = None) -> QuizAttempt:
    """Submit and grade, once. A repeated submit returns the graded attempt unchanged."""
    attempt = _locked(attempt)
    if attempt.status != Status.OPEN:
        return attempt
    if answers and not is_expired(attempt):
        attempt.responses = {**attempt.responses, **clean_responses(attempt, answers)}
    _finalise(attempt)
    return attempt


def _finalise(attempt: QuizAttempt) -> None:
    """Grade every question from the saved answers and close the attempt."""
    results = {}
    for question in attempt.snapshot:
        grade = grade_question(question, attempt.responses.get(question["id"]))
        results[question["id"]] = {
            "score": grade.score,
            "correct": grade.correct,
            "feedback": grade.feedback,
            "comment": "",
        }
    attempt.results = results
    attempt.submitted_at = attempt.submitted_at or timezone.now()
    _total(attempt)
    attempt.save()
    _complete_if_passed(attempt)


def _total(attempt: QuizAttempt) -> None:
    scores = [result["score"] for result in attempt.results.values()]
    if any(score is None for score in scores):
        attempt.status = Status.AWAITING_GRADING
        attempt.score = attempt.percent = attempt.passed = None
        return
    attempt.status = Status.GRADED
    attempt.graded_at = timezone.now()
    attempt.score = round(sum(scores), 6)
    attempt.percent = round(100 * attempt.score / attempt.max_score, 2) if attempt.max_score else 0
    attempt.passed = attempt.percent >= attempt.pass_mark


def _complete_if_passed(attempt: QuizAttempt) -> None:
    if not attempt.passed or attempt.quiz_id is None:
        return
    quiz = QuizPage.objects.filter(pk=attempt.quiz_id).first()
    if quiz is None or not quiz.live:
        return
    # Withdrawn meanwhile: the graded attempt stands, the course is not touched.
    with contextlib.suppress(NotEnrolled):
        activity_complete(learner=attempt.learner, activity=quiz)


@transaction.atomic
def essay_grade(
    *, attempt: QuizAttempt, question_id: str, score: float, comment: str, grader
) -> QuizAttempt:
    """A trainer scores an essay answer; the attempt is graded once no essay is left."""
    attempt = _locked(attempt)
    question = next((q for q in attempt.snapshot if q["id"] == question_id), None)
    if question is None or question["type"] != "essay":
        raise AttemptRefused(_("There is no essay question with that id in this attempt."))
    if attempt.status == Status.OPEN:
        raise AttemptRefused(_("The learner has not submitted this attempt yet."))
    if not 0 <= score <= question["points"]:
        raise AttemptRefused(
            _("The score must be between 0 and %(points)s.") % {"points": question["points"]}
        )
    attempt.results[question_id] = {
        **attempt.results.get(question_id, {}),
        "score": float(score),
        "correct": score == question["points"],
        "comment": sanitise_html(comment),
        "graded_by": grader.pk,
    }
    _total(attempt)
    attempt.save()
    _complete_if_passed(attempt)
    return attempt
