"""The plain-data form of a quiz question, shared by authoring, attempts, grading and GIFT.

A question is a JSON-serialisable dict. The quiz page's StreamField blocks are turned into
this form when an attempt starts (the attempt keeps the snapshot, so later edits never
change past attempts), the grading functions read it, and GIFT import/export write and read
it. Credits are fractions of the question's points: 1.0 is full credit, -0.5 takes half away.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

QuestionType = Literal[
    "single_choice",
    "multiple_response",
    "true_false",
    "short_answer",
    "numerical",
    "matching",
    "essay",
]
QUESTION_TYPES: tuple[str, ...] = QuestionType.__args__


class Choice(TypedDict):
    id: str
    text: str
    credit: float
    feedback: str


class ShortAnswer(TypedDict):
    text: str
    credit: float
    feedback: str


class NumericalAnswer(TypedDict):
    """Either ``value`` ± ``tolerance``, or the closed range ``min``..``max``."""

    value: float | None
    tolerance: float
    min: float | None
    max: float | None
    credit: float
    feedback: str


class MatchPair(TypedDict):
    id: str
    prompt: str
    answer: str


class Question(TypedDict):
    id: str
    type: QuestionType
    title: str
    text: str  # HTML written by trainers (rich text)
    points: float
    general_feedback: str
    # single_choice, multiple_response
    choices: NotRequired[list[Choice]]
    # true_false
    answer: NotRequired[bool]
    feedback_true: NotRequired[str]
    feedback_false: NotRequired[str]
    # short_answer
    answers: NotRequired[list[ShortAnswer] | list[NumericalAnswer]]
    case_sensitive: NotRequired[bool]
    # matching
    pairs: NotRequired[list[MatchPair]]
    distractors: NotRequired[list[str]]


# What a learner's response to each type looks like (after parsing the form):
#   single_choice      -> choice id (str)
#   multiple_response  -> list of choice ids
#   true_false         -> bool
#   short_answer       -> str
#   numerical          -> str as typed (parsed by the grader: "3.5", "3,5")
#   matching           -> {pair id: chosen answer text}
#   essay              -> str (sanitised HTML), graded by hand
