"""The attempt form: turning what a browser POSTs into the answers the services take.

Field names (rendered by ``templates/quizzes/includes/question_field.html``):

* ``q-<question id>``: single choice (radio, a choice id), true/false (radio, "true" or
  "false"), short answer and numerical (text), essay (textarea);
* ``q-<question id>`` several times: multiple response (checkboxes, choice ids);
* ``q-<question id>-<pair id>``: matching (one select per pair, the chosen option's text).

The form shows every question of the attempt, so a question missing from the POST has no
answer (an unticked checkbox or radio sends nothing). Nothing is validated here: a field naming
a question or a pair that is not in the attempt is passed on as such, and the services refuse
the whole save (``quizzes.services.clean_responses``). ``check_answers`` then says, question by
question, what was wrong, for the page to show next to each question.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from .questions import Question
from .services import AttemptRefused, clean_responses

PREFIX = "q-"


def _values(post: Mapping, key: str) -> list[str]:
    if hasattr(post, "getlist"):
        values = post.getlist(key)
    else:
        value = post[key]
        values = list(value) if isinstance(value, list | tuple) else [value]
    # Browsers send a textarea's line breaks as CRLF but count them as one character for
    # ``maxlength``; NUL cannot be stored in PostgreSQL text or JSON and is never typed.
    return [str(value).replace("\r\n", "\n").replace("\x00", "") for value in values]


def _one(values: list[str]) -> str | list[str]:
    """A single-valued field sent once is its value; sent several times it stays a list,
    which no single-valued question accepts."""
    return values[0] if len(values) == 1 else values


def answers_from_post(snapshot: list[Question], post: Mapping) -> dict[str, Any]:
    """The answers dict for ``attempt_save`` / ``attempt_submit``, from ``request.POST``."""
    questions = {question["id"]: question for question in snapshot}
    matching = [question["id"] for question in snapshot if question["type"] == "matching"]
    answers: dict[str, Any] = dict.fromkeys(questions)
    pairs: dict[str, dict[str, Any]] = {}
    for key in post:
        if not isinstance(key, str) or not key.startswith(PREFIX):
            continue  # csrfmiddlewaretoken, action
        name = key[len(PREFIX) :]
        values = _values(post, key)
        question = questions.get(name)
        if question is not None:
            answers[name] = values if question["type"] == "multiple_response" else _one(values)
            continue
        owner = next((qid for qid in matching if name.startswith(f"{qid}-")), None)
        if owner is not None:
            pairs.setdefault(owner, {})[name[len(owner) + 1 :]] = _one(values)
            continue
        # Not a question of this attempt: kept, so that the service refuses the answers.
        answers[name] = _one(values)
    for owner, chosen in pairs.items():
        if answers[owner] is None:
            answers[owner] = chosen
        # else ``q-<matching id>`` came as a plain field too: that value is refused.
    return answers


def check_answers(
    snapshot: list[Question], answers: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """Check each answer on its own, to say which questions were refused and why.

    Returns (the answers that are fine, cleaned; an error per question id; errors about
    fields that belong to no question). Pure CPU: used after the service refused a save.
    """
    holder = _Snapshot(snapshot)
    known = {question["id"] for question in snapshot}
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    general: list[str] = []
    for qid, raw in answers.items():
        if qid not in known:
            message = _("The form had answers for questions that are not in this attempt.")
            if message not in general:
                general.append(message)
            continue
        try:
            cleaned.update(clean_responses(holder, {qid: raw}))
        except AttemptRefused as refusal:
            errors[qid] = str(refusal)
    return cleaned, errors, general


class _Snapshot:
    """Just enough of an attempt for ``clean_responses``, which reads only the snapshot."""

    def __init__(self, snapshot: list[Question]):
        self.snapshot = snapshot
