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


def with_answer_key(translated: list[Question], source: list[Question]) -> list[Question]:
    """A translated quiz's questions, graded by its source's answer key.

    Matched by question id (translations keep block ids): points, choice credits (by choice
    id), the true/false answer, numerical answers and case sensitivity come from the source,
    so every language grades alike. Accepted short answers are the translation's plus the
    source's: an answer right in the source language is right in every language. Texts,
    feedback and matching pairs stay translated. Questions only in one of the two are kept
    as the translation has them.
    """
    by_id = {question["id"]: question for question in source}
    keyed = []
    for question in translated:
        original = by_id.get(question["id"])
        if original is None or original["type"] != question["type"]:
            keyed.append(question)
            continue
        question = {**question, "points": original["points"]}
        if "choices" in question:
            credits = {c["id"]: c["credit"] for c in original.get("choices", [])}
            question["choices"] = [
                {**c, "credit": credits.get(c["id"], c["credit"])} for c in question["choices"]
            ]
        if question["type"] == "true_false":
            question["answer"] = original["answer"]
        elif question["type"] == "numerical":
            question["answers"] = original.get("answers", [])
        elif question["type"] == "short_answer":
            own = {a["text"].strip().casefold() for a in question.get("answers", [])}
            question["answers"] = list(question.get("answers", [])) + [
                a for a in original.get("answers", []) if a["text"].strip().casefold() not in own
            ]
        if "case_sensitive" in original:
            question["case_sensitive"] = original["case_sensitive"]
        keyed.append(question)
    return keyed
