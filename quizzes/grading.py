"""Grading as pure functions, one per question type: no database, no Django.

Each grader takes a question (quizzes.questions.Question) and a learner's response, and returns
a ``Grade``: the score, always within 0..points, and which feedback applies. Essays return no
score: a trainer grades them by hand. Grading 50 questions is pure CPU.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from .questions import Question


@dataclass(frozen=True)
class Grade:
    score: float | None  # None: awaiting grading by hand
    points: float
    correct: bool | None = None  # full marks (None while awaiting grading)
    feedback: list[str] = field(default_factory=list)

    @property
    def awaiting_grading(self) -> bool:
        return self.score is None


def _clamp(score: float, points: float) -> float:
    return round(min(max(score, 0.0), points), 6)


def _grade(question: Question, credit: float, feedback: list[str]) -> Grade:
    points = float(question["points"])
    score = _clamp(credit * points, points)
    return Grade(
        score=score,
        points=points,
        correct=math.isclose(score, points),
        feedback=[text for text in feedback if text],
    )


def grade_single_choice(question: Question, response) -> Grade:
    choice = next((c for c in question["choices"] if c["id"] == response), None)
    if choice is None:
        return _grade(question, 0.0, [])
    return _grade(question, choice["credit"], [choice["feedback"]])


def grade_multiple_response(question: Question, response) -> Grade:
    chosen = set(response) if isinstance(response, list | tuple | set) else set()
    picked = [c for c in question["choices"] if c["id"] in chosen]
    # Credit per choice, negatives allowed; the total is clamped to 0..points.
    return _grade(question, sum(c["credit"] for c in picked), [c["feedback"] for c in picked])


def grade_true_false(question: Question, response) -> Grade:
    if not isinstance(response, bool):
        return _grade(question, 0.0, [])
    feedback = question.get("feedback_true" if response else "feedback_false", "")
    return _grade(question, 1.0 if response == question["answer"] else 0.0, [feedback])


def normalise_text(text: str, *, case_sensitive: bool = False) -> str:
    text = unicodedata.normalize("NFC", " ".join(str(text).split()))
    return text if case_sensitive else text.casefold()


def grade_short_answer(question: Question, response) -> Grade:
    if not isinstance(response, str) or not response.strip():
        return _grade(question, 0.0, [])
    case_sensitive = question.get("case_sensitive", False)
    given = normalise_text(response, case_sensitive=case_sensitive)
    matches = [
        answer
        for answer in question["answers"]
        if normalise_text(answer["text"], case_sensitive=case_sensitive) == given
    ]
    best = max(matches, key=lambda answer: answer["credit"], default=None)
    if best is None:
        return _grade(question, 0.0, [])
    return _grade(question, best["credit"], [best["feedback"]])


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def parse_number(text) -> float | None:
    """A number as people type it: "3.5", "3,5", " -2 "; None if it is not one."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text) if math.isfinite(text) else None
    if not isinstance(text, str):
        return None
    text = text.strip().replace(" ", "")
    if not _NUMBER.match(text):
        return None
    value = float(text.replace(",", "."))
    return value if math.isfinite(value) else None


def _numerical_match(answer, value: float) -> bool:
    if answer.get("min") is not None and answer.get("max") is not None:
        return answer["min"] <= value <= answer["max"]
    return abs(value - answer["value"]) <= abs(answer.get("tolerance") or 0.0) + 1e-9


def grade_numerical(question: Question, response) -> Grade:
    value = parse_number(response)
    if value is None:
        return _grade(question, 0.0, [])
    matches = [answer for answer in question["answers"] if _numerical_match(answer, value)]
    best = max(matches, key=lambda answer: answer["credit"], default=None)
    if best is None:
        return _grade(question, 0.0, [])
    return _grade(question, best["credit"], [best["feedback"]])


def grade_matching(question: Question, response) -> Grade:
    given = response if isinstance(response, dict) else {}
    pairs = question["pairs"]
    if not pairs:
        return _grade(question, 0.0, [])
    right = sum(
        1
        for pair in pairs
        if normalise_text(given.get(pair["id"], ""), case_sensitive=True)
        == normalise_text(pair["answer"], case_sensitive=True)
    )
    return _grade(question, right / len(pairs), [])


def grade_essay(question: Question, response) -> Grade:
    return Grade(score=None, points=float(question["points"]))


GRADERS: dict[str, Callable[[Question, object], Grade]] = {
    "single_choice": grade_single_choice,
    "multiple_response": grade_multiple_response,
    "true_false": grade_true_false,
    "short_answer": grade_short_answer,
    "numerical": grade_numerical,
    "matching": grade_matching,
    "essay": grade_essay,
}


def grade_question(question: Question, response) -> Grade:
    """Grade one response; an empty or malformed response scores nothing (never raises).

    An empty essay is graded at once (zero): there is nothing for a trainer to read.
    """
    if response is None or (isinstance(response, str | list | dict) and not response):
        return Grade(score=0.0, points=float(question["points"]), correct=False)
    if isinstance(response, str) and not response.strip():
        return Grade(score=0.0, points=float(question["points"]), correct=False)
    return GRADERS[question["type"]](question, response)
