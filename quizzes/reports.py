"""Read-only reports on quiz attempts, shared by the trainers' admin tools and the statistics.

``question_summary_for`` is a selector: keyword-only, one query, plain data out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .grading import normalise_text, parse_number
from .models import QuizAttempt, QuizPage
from .questions import Question

__all__ = ["QuestionSummary", "question_summary_for"]


@dataclass(frozen=True)
class QuestionSummary:
    """How one question went, over the submitted attempts that had it."""

    question_id: str
    position: int | None  # 1-based place in the quiz now; None if it was removed since
    type: str
    title: str
    text: str  # HTML, as the trainer wrote it
    points: float
    attempts: int  # submitted attempts that had the question
    answered: int  # ... with an answer (not left empty)
    graded: int  # ... with a score (essays awaiting grading have none yet)
    correct: int  # ... with full marks
    total_score: float  # sum of the scores of the graded ones
    wrong_answer: str  # the most chosen wrong answer, "" if none
    wrong_answer_count: int

    @property
    def percent_correct(self) -> float | None:
        return round(100 * self.correct / self.graded, 1) if self.graded else None

    @property
    def average_score(self) -> float | None:
        return round(self.total_score / self.graded, 2) if self.graded else None

    @property
    def average_percent(self) -> float | None:
        """The average score as a percentage of the points (Moodle's facility index)."""
        if not self.graded or not self.points:
            return None
        return round(100 * self.total_score / (self.graded * self.points), 1)

    @property
    def in_quiz(self) -> bool:
        return self.position is not None


def _is_empty(response: Any) -> bool:
    return (
        response is None
        or response in ("", [], {})
        or (isinstance(response, str) and not response.strip())
    )


def _typed(text: str) -> str:
    return " ".join(str(text).split())


def _wrong_answers(question: Question, response: Any, result: dict) -> list[tuple[Any, str]]:
    """The wrong answers in one response, as (grouping key, text to show)."""
    kind = question["type"]
    if kind in ("single_choice", "multiple_response"):
        chosen = [response] if kind == "single_choice" else list(response or [])
        # A choice is wrong when it is not fully right (single choice) or earns nothing
        # (multiple response, where each right choice carries only part of the credit).
        wrong = [
            choice
            for choice in question.get("choices", [])
            if choice["id"] in chosen
            and (choice["credit"] < 1 if kind == "single_choice" else choice["credit"] <= 0)
        ]
        return [(("choice", c["text"]), c["text"]) for c in wrong]
    if kind == "true_false":
        if isinstance(response, bool) and response != question.get("answer"):
            return [(("bool", response), _("True") if response else _("False"))]
        return []
    if kind in ("short_answer", "numerical"):
        if result.get("correct") is True or not isinstance(response, str):
            return []
        typed = _typed(response)
        number = parse_number(typed) if kind == "numerical" else None
        if number is not None:
            return [(("number", number), typed)]
        case_sensitive = bool(question.get("case_sensitive", False))
        return [(("text", normalise_text(typed, case_sensitive=case_sensitive)), typed)]
    if kind == "matching":
        given = response if isinstance(response, dict) else {}
        wrong = []
        for pair in question.get("pairs", []):
            answer = given.get(pair["id"])
            if answer and _typed(answer) != _typed(pair["answer"]):
                wrong.append((("pair", pair["prompt"], answer), f"{pair['prompt']} → {answer}"))
        return wrong
    return []  # essays have no wrong answer to count


class _Tally:
    __slots__ = (
        "answered",
        "attempts",
        "correct",
        "graded",
        "question",
        "shown",
        "total_score",
        "wrong",
    )

    def __init__(self, question: Question):
        self.question = question  # the latest version seen in an attempt
        self.attempts = self.answered = self.graded = self.correct = 0
        self.total_score = 0.0
        self.wrong: Counter = Counter()
        self.shown: dict[Any, str] = {}  # grouping key -> the first way it was written

    def add(self, question: Question, response: Any, result: dict) -> None:
        self.attempts += 1
        if _is_empty(response):
            response = None
        else:
            self.answered += 1
        score = result.get("score")
        if score is not None:
            self.graded += 1
            self.total_score += float(score)
            self.correct += result.get("correct") is True
        if response is not None:
            for key, text in _wrong_answers(question, response, result):
                self.wrong[key] += 1
                self.shown.setdefault(key, text)

    def summary(self, position: int | None, current: Question | None) -> QuestionSummary:
        question = current or self.question
        most = self.wrong.most_common(1)
        return QuestionSummary(
            question_id=question["id"],
            position=position,
            type=question["type"],
            title=question.get("title", ""),
            text=question.get("text", ""),
            points=float(question.get("points", 0)),
            attempts=self.attempts,
            answered=self.answered,
            graded=self.graded,
            correct=self.correct,
            total_score=round(self.total_score, 6),
            wrong_answer=self.shown[most[0][0]] if most else "",
            wrong_answer_count=most[0][1] if most else 0,
        )


def question_summary_for(*, quiz: QuizPage) -> list[QuestionSummary]:
    """Per question of ``quiz``: answered, % correct, average score, most chosen wrong answer.

    Counts the submitted attempts (awaiting grading or graded) of the quiz in any language
    (attempts keep the quiz's translation key). Questions are matched across attempts by id
    (stable block ids), and read from each attempt's snapshot, so an attempt is judged by the
    question as it took it. The quiz's current questions come first, in order; questions only
    found in older attempts (removed from the quiz since) follow, with ``position=None``.

    One query: the snapshots, responses and results of the submitted attempts, aggregated in
    Python. That is linear in the number of attempts and fine for a course's quizzes; the
    statistics issue will move the aggregation into SQL (jsonb on PostgreSQL) at scale, and
    should keep this signature and result.
    """
    current = quiz.question_list()
    rows = (
        QuizAttempt.objects.filter(quiz_key=quiz.translation_key)
        .exclude(status=QuizAttempt.Status.OPEN)
        .order_by("submitted_at", "pk")
        .values_list("snapshot", "responses", "results")
    )
    tallies: dict[str, _Tally] = {}
    for snapshot, responses, results in rows:
        responses = responses or {}
        results = results or {}
        for question in snapshot or []:
            qid = question.get("id")
            if not qid:
                continue
            tally = tallies.get(qid)
            if tally is None:
                tally = tallies[qid] = _Tally(question)
            else:
                tally.question = question
            tally.add(question, responses.get(qid), results.get(qid) or {})

    summaries = []
    for position, question in enumerate(current, start=1):
        tally = tallies.pop(question["id"], None) or _Tally(question)
        summaries.append(tally.summary(position, question))
    summaries += [tally.summary(None, None) for tally in tallies.values()]
    return summaries
