"""Read-only reports on quiz attempts, shared by the trainers' admin tools and the statistics.

``question_summary_for`` is a selector: keyword-only, one query, plain data out.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from .grading import normalise_text, parse_number
from .models import QuizAttempt, QuizPage
from .questions import Question

__all__ = ["QuestionSummary", "empty_summary", "question_summary_for"]


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


def empty_summary(position: int | None, question: Question) -> QuestionSummary:
    """The summary of a question no submitted attempt has had yet."""
    return _Tally(question).summary(position, question)


def question_summary_for(*, quiz: QuizPage) -> list[QuestionSummary]:
    """Per question of ``quiz``: answered, % correct, average score, most chosen wrong answer.

    Counts the submitted attempts (awaiting grading or graded) of the quiz in any language
    (attempts keep the quiz's translation key). Questions are matched across attempts by id
    (stable block ids). The quiz's current questions come first, in order; questions only
    found in older attempts (removed from the quiz since) follow, with ``position=None``.
    Titles and texts are those of the quiz now (of the latest attempt for removed questions).

    One query either way. On PostgreSQL the figures are aggregated in the database
    (``_summary_in_database``); elsewhere the attempts are read and aggregated in Python
    (``_summary_in_python``). Both give the same result, with one documented difference in
    how wrong answers are judged (see ``_summary_in_database``).
    """
    if connection.vendor == "postgresql":
        return _summary_in_database(quiz)
    return _summary_in_python(quiz)


def _summary_in_python(quiz: QuizPage) -> list[QuestionSummary]:
    """Read the snapshots, responses and results of the submitted attempts and tally them:
    linear in the number of attempts (the SQLite path, and the reference for the tests).
    Each attempt is judged by the question as it took it (its snapshot)."""
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


# Submitted attempts of one quiz, one row per (attempt, question) from ``results`` (every
# submitted attempt has a result for each question of its snapshot, see
# ``services._finalise``). Per question: the figures, the first and latest attempt that had
# it (ordered like the Python path: submitted_at, pk), and the distinct non-empty answers
# with their counts in the order first given. Answers graded fully correct that are strings
# (single choice, short answer, numerical) are left out: they can hold no wrong answer.
_SUMMARY_SQL = r"""
WITH attempt AS MATERIALIZED (
    SELECT id, submitted_at, responses, results
    FROM quizzes_quizattempt
    WHERE quiz_key = %(quiz_key)s AND status <> %(open)s
),
item AS (
    SELECT
        r.key AS qid,
        ARRAY[EXTRACT(EPOCH FROM a.submitted_at), a.id::numeric] AS seen,
        (r.value ->> 'score')::float8 AS score,
        coalesce(r.value -> 'correct' = 'true'::jsonb, false) AS correct,
        CASE
            WHEN a.responses -> r.key IS NULL
                OR a.responses -> r.key IN ('null', '""', '[]', '{}')
                OR (jsonb_typeof(a.responses -> r.key) = 'string'
                    AND (a.responses ->> r.key) ~ '^\s*$')
            THEN NULL
            ELSE a.responses -> r.key
        END AS answer
    FROM attempt a CROSS JOIN LATERAL jsonb_each(
        CASE WHEN jsonb_typeof(a.results) = 'object' THEN a.results ELSE '{}' END
    ) r
    WHERE r.key <> ''
),
figures AS (
    SELECT
        qid,
        count(*) AS attempts,
        count(answer) AS answered,
        count(score) AS graded,
        count(*) FILTER (WHERE score IS NOT NULL AND correct) AS correct,
        coalesce(sum(score), 0) AS total_score,
        min(seen) AS first_seen,
        max(seen) AS last_seen
    FROM item
    GROUP BY qid
),
answer_count AS (
    SELECT qid, answer, count(*) AS n, min(seen) AS first_seen
    FROM item
    WHERE answer IS NOT NULL AND NOT (correct AND jsonb_typeof(answer) = 'string')
    GROUP BY qid, answer
),
answers AS (
    SELECT qid, jsonb_agg(jsonb_build_array(answer, n) ORDER BY first_seen) AS answers
    FROM answer_count
    GROUP BY qid
)
SELECT
    f.qid, f.attempts, f.answered, f.graded, f.correct, f.total_score,
    coalesce(w.answers, '[]'::jsonb),
    (SELECT q.value
     FROM quizzes_quizattempt x CROSS JOIN LATERAL jsonb_array_elements(x.snapshot) q
     WHERE x.id = f.last_seen[2]::bigint AND q.value ->> 'id' = f.qid
     LIMIT 1) AS question,
    (SELECT q.position
     FROM quizzes_quizattempt x
     CROSS JOIN LATERAL jsonb_array_elements(x.snapshot) WITH ORDINALITY q(value, position)
     WHERE x.id = f.first_seen[2]::bigint AND q.value ->> 'id' = f.qid
     LIMIT 1) AS first_position
FROM figures f LEFT JOIN answers w ON w.qid = f.qid
ORDER BY f.first_seen, first_position
"""


def _json(value: Any) -> Any:
    """jsonb from a raw cursor: Django's psycopg setup returns it as text."""
    return json.loads(value) if isinstance(value, str) else value


def _summary_in_database(quiz: QuizPage) -> list[QuestionSummary]:
    """The PostgreSQL path: one statement aggregates ``results``/``responses`` per question
    (``jsonb_each``) and returns, per question, the figures and its distinct non-empty
    answers with counts (a handful per question: choices, or the distinct typed answers),
    which are then judged in Python with ``_wrong_answers`` exactly as the Python path does
    (grouping short answers as graded, numbers by value, multiple-response arrays choice by
    choice, matching objects pair by pair; ties go to the answer given first).

    Difference from the Python path: the distinct answers to a question are judged against
    the question as it was in the *latest* attempt that had it, not each against its own
    attempt's snapshot. They differ only if a question was edited between attempts so that
    a choice's credit, the right true/false answer or a matching pair changed (a choice or
    pair removed since is then not counted as a wrong answer). Counts, correctness and
    scores come from the stored results and are identical.
    """
    current = quiz.question_list()
    with connection.cursor() as cursor:
        # jsonb_each is estimated at 100 rows per attempt (there are a few), which makes the
        # planner JIT-compile this statement: ~0.4 s of compiling for a ~0.3 s query. Turn
        # JIT off for this statement's transaction: one round trip, one implicit transaction
        # (in a request's atomic block it stays off until that block ends).
        cursor.execute(
            "SET LOCAL jit = off; " + _SUMMARY_SQL,
            {"quiz_key": quiz.translation_key, "open": QuizAttempt.Status.OPEN.value},
        )
        cursor.nextset()
        rows = cursor.fetchall()

    tallies: dict[str, _Tally] = {}
    for qid, attempts, answered, graded, correct, total, answers, question, _pos in rows:
        answers, question = _json(answers), _json(question) or {"id": qid, "type": ""}
        tally = tallies[qid] = _Tally(question)
        tally.attempts, tally.answered, tally.graded = attempts, answered, graded
        tally.correct, tally.total_score = correct, float(total)
        for answer, count in answers:
            # The result only matters for typed answers, and those graded correct were
            # left out above.
            for key, text in _wrong_answers(question, answer, {}):
                tally.wrong[key] += count
                tally.shown.setdefault(key, text)

    summaries = []
    for position, question in enumerate(current, start=1):
        tally = tallies.pop(question["id"], None) or _Tally(question)
        summaries.append(tally.summary(position, question))
    summaries += [tally.summary(None, None) for tally in tallies.values()]
    return summaries
