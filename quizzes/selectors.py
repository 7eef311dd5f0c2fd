"""Reads for the learner's quiz pages: the intro, the attempt form and the review.

Templates never see a question as stored in an attempt's snapshot (which holds the answer
key, the credits and the feedback). They get:

* ``question_for_display``: what a learner may see while answering (text, points, the
  choices and matching options in the attempt's order), built from an allow-list;
* ``attempt_fields_for``: those questions with the learner's current answers filled in;
* ``review_for``: what the quiz's review policy allows after submitting, and nothing more.

All of it is plain Python over the attempt row: no query per question.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.sanitise import sanitise_text

from .models import QuizAttempt, QuizPage
from .questions import Question

Status = QuizAttempt.Status
SCORE = QuizPage.Review.SCORE.value
CORRECTNESS = QuizPage.Review.CORRECTNESS.value
FEEDBACK = QuizPage.Review.FEEDBACK.value
AFTER_LAST = QuizPage.ReviewWhen.AFTER_LAST_ATTEMPT.value


def format_number(value: float | None) -> str:
    """1.0 → "1", 2.5 → "2.5", 0.333333 → "0.33"."""
    if value is None:
        return ""
    return f"{round(float(value), 2):g}"


def points_label(points: float) -> str:
    count = int(points) if float(points).is_integer() else 2
    return ngettext("%(points)s point", "%(points)s points", count) % {
        "points": format_number(points)
    }


def question_for_display(question: Question) -> dict[str, Any]:
    """What a learner may see of a question while answering it.

    Built from an allow-list, so a key added to the question format later stays hidden
    until someone decides to show it: no credits, no accepted answers, no matching key, no
    feedback, and no title (Moodle never shows question names to students either).
    """
    kind = question["type"]
    shown: dict[str, Any] = {
        "id": question["id"],
        "type": kind,
        "text": question.get("text", ""),
        "points": float(question.get("points", 0)),
        "points_label": points_label(float(question.get("points", 0))),
    }
    if kind in {"single_choice", "multiple_response"}:
        shown["choices"] = [{"id": c["id"], "text": c["text"]} for c in question["choices"]]
    elif kind == "matching":
        shown["pairs"] = [{"id": p["id"], "prompt": p["prompt"]} for p in question["pairs"]]
        # The attempt fixed (and shuffled) the options when it started.
        shown["options"] = [str(option) for option in question.get("options", [])]
    return shown


# --- The attempt form ------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionField:
    """One question of the attempt form, with the learner's current answer filled in."""

    number: int
    question: dict[str, Any]  # question_for_display
    choices: list[dict[str, Any]] = field(default_factory=list)  # + "checked"
    pairs: list[dict[str, Any]] = field(default_factory=list)  # + "selected"
    value: Any = None  # text answers: the text; true/false: True, False or None
    error: str = ""

    @property
    def name(self) -> str:
        """The form field name: ``q-<question id>`` (matching adds ``-<pair id>``)."""
        return f"q-{self.question['id']}"

    @property
    def dom_id(self) -> str:
        return f"question-{self.number}"

    @property
    def answered(self) -> bool:
        if self.question["type"] in {"single_choice", "multiple_response"}:
            return any(choice["checked"] for choice in self.choices)
        if self.question["type"] == "matching":
            return any(pair["selected"] for pair in self.pairs)
        return self.value not in (None, "")


def attempt_fields_for(
    *,
    attempt: QuizAttempt,
    responses: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
) -> list[QuestionField]:
    """The attempt's questions in its own order, from its snapshot (never from the page).

    ``responses`` (cleaned answers, as the services store them) default to the saved ones;
    ``errors`` maps question ids to a message shown with that question.
    """
    responses = attempt.responses if responses is None else responses
    errors = errors or {}
    fields = []
    for number, question in enumerate(attempt.snapshot, start=1):
        shown = question_for_display(question)
        response = responses.get(question["id"])
        kind = question["type"]
        extra: dict[str, Any] = {}
        if kind == "single_choice":
            extra["choices"] = [{**c, "checked": c["id"] == response} for c in shown["choices"]]
        elif kind == "multiple_response":
            chosen = set(response) if isinstance(response, list) else set()
            extra["choices"] = [{**c, "checked": c["id"] in chosen} for c in shown["choices"]]
        elif kind == "matching":
            given = response if isinstance(response, dict) else {}
            extra["pairs"] = [{**p, "selected": given.get(p["id"], "")} for p in shown["pairs"]]
        elif kind == "true_false":
            extra["value"] = response if isinstance(response, bool) else None
        elif kind == "essay":
            # Stored as sanitised HTML; the learner edits plain text in a textarea, so give
            # back the text (entities decoded once, so saving again never double-escapes).
            extra["value"] = sanitise_text(response) if isinstance(response, str) else ""
        else:
            extra["value"] = response if isinstance(response, str) else ""
        fields.append(
            QuestionField(
                number=number, question=shown, error=errors.get(question["id"], ""), **extra
            )
        )
    return fields


def minutes_left(attempt: QuizAttempt, *, now) -> int | None:
    """Whole minutes until the deadline, rounded up (None without a time limit)."""
    if attempt.deadline is None:
        return None
    return max(0, math.ceil((attempt.deadline - now).total_seconds() / 60))


# --- The review ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    number: int
    question: dict[str, Any]  # question_for_display
    state: str  # "correct" | "partial" | "incorrect" | "awaiting"
    score: float | None
    answered: bool
    answer_text: str = ""  # the learner's own text answer (short answer, numerical)
    essay_html: str = ""  # the learner's essay, sanitised when it was saved
    true_false: bool | None = None  # the learner's true/false answer
    choices: list[dict[str, Any]] = field(default_factory=list)  # text, chosen, right
    pairs: list[dict[str, Any]] = field(default_factory=list)  # prompt, chosen, right
    right_answers: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    general_feedback: str = ""
    comment: str = ""  # the trainer's comment on an essay (sanitised)

    @property
    def awaiting_grading(self) -> bool:
        return self.state == "awaiting"

    @property
    def score_label(self) -> str:
        return _("%(score)s of %(points)s") % {
            "score": format_number(self.score),
            "points": points_label(self.question["points"]),
        }


@dataclass(frozen=True)
class Review:
    """What a learner sees of a submitted attempt, as the quiz's review policy allows."""

    attempt: QuizAttempt
    detail: str  # what is shown now: "score", "correctness" or "feedback"
    allowed_detail: str  # what the quiz shows once nothing holds it back
    held_back: str  # "" | "after_last" (attempts left) | "in_progress" (another attempt open)
    items: list[ReviewItem] = field(default_factory=list)  # empty when only the score shows

    @property
    def awaiting_grading(self) -> bool:
        return self.attempt.status == Status.AWAITING_GRADING

    @property
    def show_correctness(self) -> bool:
        return self.detail in {CORRECTNESS, FEEDBACK}

    @property
    def show_feedback(self) -> bool:
        return self.detail == FEEDBACK

    # No final score or pass while an essay awaits grading.
    @property
    def score(self) -> str:
        return "" if self.awaiting_grading else format_number(self.attempt.score)

    @property
    def max_score(self) -> str:
        return format_number(self.attempt.max_score)

    @property
    def percent(self) -> str:
        return "" if self.awaiting_grading else format_number(self.attempt.percent)

    @property
    def passed(self) -> bool | None:
        return None if self.awaiting_grading else self.attempt.passed


def review_detail_for(
    *, policy: dict[str, Any], attempts_used: int, in_progress: bool = False
) -> tuple[str, str, str]:
    """(detail shown, detail the quiz allows, why less is shown) for an attempt's policy."""
    allowed = policy.get("review_detail")
    if allowed not in {SCORE, CORRECTNESS, FEEDBACK}:
        allowed = SCORE
    if allowed == SCORE:
        return SCORE, SCORE, ""
    if policy.get("review_when") == AFTER_LAST:
        max_attempts = int(policy.get("max_attempts") or 0)
        # With unlimited attempts there is no last one: the score only, always.
        if not (max_attempts > 0 and attempts_used >= max_attempts):
            return SCORE, allowed, "after_last"
    if in_progress:
        return SCORE, allowed, "in_progress"
    return allowed, allowed, ""


def review_for(*, attempt: QuizAttempt, attempts_used: int, in_progress: bool = False) -> Review:
    """The review of a submitted attempt under the rules it started with (``attempt.policy``).

    * ``review_detail`` "score": score, percent and pass; "correctness" adds, per question,
      whether it was right and the right answers; "feedback" adds the feedback on the chosen
      answers and the general feedback.
    * ``review_when`` "after_last": more than the score only once ``max_attempts`` > 0 and
      ``attempts_used`` (the learner's submitted attempts at the quiz) reaches it.
    * ``in_progress``: the learner has another attempt open; its questions are the same, so
      until it is submitted only the score of this one is shown.

    An attempt awaiting grading has no final score or pass yet; its essays say so.
    """
    if attempt.status == Status.OPEN:
        raise ValueError("An open attempt has no review.")
    detail, allowed, held_back = review_detail_for(
        policy=attempt.policy or {}, attempts_used=attempts_used, in_progress=in_progress
    )
    items = []
    if detail != SCORE:
        show_feedback = detail == FEEDBACK
        for number, question in enumerate(attempt.snapshot, start=1):
            items.append(
                _review_item(
                    number,
                    question,
                    attempt.responses.get(question["id"]),
                    attempt.results.get(question["id"]) or {},
                    show_feedback=show_feedback,
                )
            )
    return Review(
        attempt=attempt, detail=detail, allowed_detail=allowed, held_back=held_back, items=items
    )


def _state(result: dict[str, Any], points: float) -> str:
    score = result.get("score")
    if score is None:
        return "awaiting"
    if math.isclose(score, points) or result.get("correct"):
        return "correct"
    return "partial" if score > 0 else "incorrect"


def _best(answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    top = max((a["credit"] for a in answers), default=0)
    return [a for a in answers if top > 0 and math.isclose(a["credit"], top)]


def _numerical_text(answer: dict[str, Any]) -> str:
    if answer.get("min") is not None and answer.get("max") is not None:
        return _("from %(min)s to %(max)s") % {
            "min": format_number(answer["min"]),
            "max": format_number(answer["max"]),
        }
    if answer.get("tolerance"):
        return f"{format_number(answer['value'])} ± {format_number(answer['tolerance'])}"
    return format_number(answer.get("value"))


def _review_item(
    number: int, question: Question, response: Any, result: dict[str, Any], *, show_feedback: bool
) -> ReviewItem:
    kind = question["type"]
    shown = question_for_display(question)
    data: dict[str, Any] = {}
    if kind in {"single_choice", "multiple_response"}:
        chosen = set(response) if isinstance(response, list) else {response}
        if kind == "single_choice":
            right = {c["id"] for c in _best(question["choices"])}
        else:
            right = {c["id"] for c in question["choices"] if c["credit"] > 0}
        data["choices"] = [
            {"text": c["text"], "chosen": c["id"] in chosen, "right": c["id"] in right}
            for c in question["choices"]
        ]
        data["right_answers"] = [c["text"] for c in question["choices"] if c["id"] in right]
    elif kind == "true_false":
        data["true_false"] = response if isinstance(response, bool) else None
        data["right_answers"] = [_("True") if question["answer"] else _("False")]
    elif kind == "short_answer":
        data["answer_text"] = response if isinstance(response, str) else ""
        data["right_answers"] = [a["text"] for a in _best(question["answers"])]
    elif kind == "numerical":
        data["answer_text"] = response if isinstance(response, str) else ""
        data["right_answers"] = [_numerical_text(a) for a in _best(question["answers"])]
    elif kind == "matching":
        given = response if isinstance(response, dict) else {}
        data["pairs"] = [
            {"prompt": p["prompt"], "chosen": given.get(p["id"], ""), "right": p["answer"]}
            for p in question["pairs"]
        ]
    elif kind == "essay":
        data["essay_html"] = response if isinstance(response, str) else ""
    if show_feedback:
        data["feedback"] = [str(text) for text in result.get("feedback", []) if text]
        data["general_feedback"] = question.get("general_feedback", "")
        data["comment"] = result.get("comment", "")
    return ReviewItem(
        number=number,
        question=shown,
        state=_state(result, shown["points"]),
        score=result.get("score"),
        answered=response not in (None, "", [], {}),
        **data,
    )


# --- The intro page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizOverview:
    """A learner's attempts at a quiz and what they may do next."""

    attempts: list[QuizAttempt]
    open_attempt: QuizAttempt | None
    used: int  # every attempt started, the open one included (as the limit counts them)
    max_attempts: int
    counted: QuizAttempt | None  # the graded attempt that counts (highest or latest)

    @property
    def submitted(self) -> int:
        return sum(1 for attempt in self.attempts if attempt.status != Status.OPEN)

    @property
    def can_start(self) -> bool:
        return self.open_attempt is None and (
            not self.max_attempts or self.used < self.max_attempts
        )

    @property
    def attempts_left(self) -> int | None:
        return max(0, self.max_attempts - self.used) if self.max_attempts else None


def learner_attempts_for(*, quiz: QuizPage, learner) -> list[QuizAttempt]:
    """The learner's attempts at ``quiz`` (any language version), oldest first: one query.

    The snapshot and answers are left out: the list needs neither.
    """
    return list(
        QuizAttempt.objects.filter(learner=learner, quiz_key=quiz.translation_key)
        .defer("snapshot", "responses", "results")
        .order_by("number")
    )


def counted_attempt(attempts: list[QuizAttempt], *, method: str) -> QuizAttempt | None:
    graded = [attempt for attempt in attempts if attempt.status == Status.GRADED]
    if not graded:
        return None
    if method == QuizPage.Grading.LATEST:
        return max(graded, key=lambda attempt: attempt.number)
    return max(graded, key=lambda attempt: (attempt.percent or 0, -attempt.number))


def quiz_overview_for(*, quiz: QuizPage, attempts: list[QuizAttempt]) -> QuizOverview:
    return QuizOverview(
        attempts=attempts,
        open_attempt=next((a for a in attempts if a.status == Status.OPEN), None),
        used=len(attempts),
        max_attempts=quiz.max_attempts,
        counted=counted_attempt(attempts, method=quiz.grading_method),
    )
