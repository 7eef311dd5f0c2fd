"""GIFT files into quizzes and quizzes back to GIFT (services over the pure ``quizzes.gift``).

``gift_import`` parses a file, turns its questions into the quiz's StreamField blocks, checks
every new block with the block's own ``clean`` (the rules the page editor applies), appends
them to the quiz's latest draft and saves a new revision, all inside one transaction: a file
with any error changes nothing. The revision is not published: a trainer submits the quiz
for review through the normal workflow (``publish=True`` is for the command line).

``gift_export`` writes the quiz's questions (the latest draft, as the editor shows them, by
default) as GIFT.

Question texts of ``[html]`` items go through the rich-text editor's whitelist for the
question field, so markup from another system (scripts, styles, event handlers) never reaches
learners; texts that are already clean are kept exactly as written. Plain-text formats are
escaped by the parser.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Revision

from .blocks import QUESTION_TEXT_FEATURES, QuestionStreamBlock
from .gift import GiftResult, SkippedItem, export_gift, parse_gift
from .models import QuizPage
from .questions import QUESTION_TYPES, Question

__all__ = [
    "MAX_GIFT_BYTES",
    "GiftImportError",
    "ImportReport",
    "decode_gift_bytes",
    "describe_added",
    "gift_export",
    "gift_import",
    "question_stream_block",
    "questions_to_stream_data",
]

#: The largest file the admin accepts (1 MB: thousands of questions).
MAX_GIFT_BYTES = 1024 * 1024


class GiftImportError(Exception):
    """The file cannot be imported (not UTF-8, no questions, a question the blocks reject)."""


@dataclass(frozen=True)
class ImportReport:
    quiz: QuizPage
    added: dict[str, int]  # question type -> how many were added, in QUESTION_TYPES order
    skipped: list[SkippedItem] = field(default_factory=list)
    revision: Revision | None = None
    published: bool = False

    @property
    def total(self) -> int:
        return sum(self.added.values())

    def summary(self) -> str:
        """ "Added 3 single choice, 1 essay (4 questions) to “Quiz”." """
        return ngettext(
            "Added %(counts)s (%(total)d question) to “%(quiz)s”.",
            "Added %(counts)s (%(total)d questions) to “%(quiz)s”.",
            self.total,
        ) % {"counts": describe_added(self.added), "total": self.total, "quiz": self.quiz.title}

    def skipped_lines(self) -> list[str]:
        return [
            _("Skipped line %(line)d: %(reason)s") % {"line": item.line, "reason": item.reason}
            for item in self.skipped
        ]


def question_stream_block() -> QuestionStreamBlock:
    """The quiz page's own stream block (the one the editor validates with)."""
    return QuizPage._meta.get_field("questions").stream_block


def type_label(kind: str) -> str:
    return str(question_stream_block().child_blocks[kind].label)


def describe_added(added: dict[str, int]) -> str:
    """ "3 single choice, 1 essay": the counts by type, in the order of the types."""
    return ", ".join(
        f"{count} {type_label(kind).lower()}"
        for kind, count in sorted(added.items(), key=lambda item: QUESTION_TYPES.index(item[0]))
        if count
    )


# Decoding files ---------------------------------------------------------------------------


def decode_gift_bytes(data: bytes) -> str:
    """The text of an uploaded file: UTF-8, with or without a byte-order mark.

    Moodle writes GIFT as UTF-8; anything else (Latin-1, UTF-16, binary) is refused with a
    message rather than guessed, so no question is imported with broken letters.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GiftImportError(
            _(
                "The file is not UTF-8 text (byte %(position)d cannot be read). Save it as "
                "UTF-8 (in Moodle's export or your text editor) and upload it again."
            )
            % {"position": error.start + 1}
        ) from None
    if "\x00" in text:
        raise GiftImportError(_("The file is not a text file: it contains NUL bytes."))
    return text


# Plain questions -> StreamField raw data ---------------------------------------------------


def _block_id() -> str:
    return str(uuid.uuid4())


def _item(value) -> dict:
    return {"type": "item", "value": value, "id": _block_id()}


def _percent(credit: float) -> float:
    """A credit as the blocks store it: 0.5 -> 50.0, exactly (no 7.000000000000001)."""
    return float(Decimal(repr(float(credit))) * 100)


class _Tokens(HTMLParser):
    """Markup as a comparable list of tags, attributes and (unescaped) text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        kept = sorted((name, value or "") for name, value in attrs if name != "data-block-key")
        self.tokens.append(("start", tag, tuple(kept)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "data":
            self.tokens[-1] = ("data", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("data", data))

    def handle_comment(self, data):
        self.tokens.append(("comment", data))

    @classmethod
    def of(cls, markup: str) -> list[tuple]:
        parser = cls()
        parser.feed(markup)
        parser.close()
        return parser.tokens


def _safe_question_html(markup: str) -> str:
    """``markup`` if the question editor would keep it as it is, else its whitelisted form."""
    cleaned = EditorHTMLConverter(features=QUESTION_TEXT_FEATURES).to_database_format(markup)
    try:
        if _Tokens.of(cleaned) == _Tokens.of(markup):
            return markup
    except Exception:  # noqa: S110 - broken markup: keep the whitelisted version
        pass
    return cleaned


def _question_text(question: Question) -> str:
    text = question.get("text", "")
    # The parser escapes plain-text formats itself; HTML (from [html] or from elsewhere)
    # goes through the whitelist.
    if question.get("format") in ("moodle", "plain", "markdown"):
        return text
    return _safe_question_html(text)


def _numerical_answer(answer) -> dict:
    is_range = answer.get("value") is None
    return {
        "value": None if is_range else float(answer["value"]),
        "tolerance": None if is_range else float(answer.get("tolerance") or 0.0),
        "minimum": float(answer["min"]) if is_range else None,
        "maximum": float(answer["max"]) if is_range else None,
        "credit": _percent(answer["credit"]),
        "feedback": answer.get("feedback", ""),
    }


def _question_value(question: Question) -> dict:
    kind = question["type"]
    value: dict = {
        "title": question.get("title", ""),
        "text": _question_text(question),
        "points": float(question.get("points", 1.0)),
        "general_feedback": question.get("general_feedback", ""),
    }
    if kind in ("single_choice", "multiple_response"):
        value["choices"] = [
            _item(
                {
                    "text": choice["text"],
                    "credit": _percent(choice["credit"]),
                    "feedback": choice.get("feedback", ""),
                }
            )
            for choice in question["choices"]
        ]
    elif kind == "true_false":
        value["answer"] = bool(question["answer"])
        value["feedback_true"] = question.get("feedback_true", "")
        value["feedback_false"] = question.get("feedback_false", "")
    elif kind == "short_answer":
        value["answers"] = [
            _item(
                {
                    "text": answer["text"],
                    "credit": _percent(answer["credit"]),
                    "feedback": answer.get("feedback", ""),
                }
            )
            for answer in question["answers"]
        ]
        value["case_sensitive"] = bool(question.get("case_sensitive", False))
    elif kind == "numerical":
        value["answers"] = [_item(_numerical_answer(answer)) for answer in question["answers"]]
    elif kind == "matching":
        value["pairs"] = [
            _item({"prompt": pair["prompt"], "answer": pair["answer"]})
            for pair in question["pairs"]
        ]
        value["distractors"] = [_item(text) for text in question.get("distractors", [])]
    elif kind != "essay":
        raise ValueError(f"unknown question type {kind!r}")
    return value


def questions_to_stream_data(questions: list[Question]) -> list[dict]:
    """Plain questions as ``QuestionStreamBlock`` raw data, each block with a new id.

    Ids are always new (question, choice and pair ids alike), so importing a quiz's own
    export into it adds copies rather than clashing with the blocks already there.
    """
    return [
        {"type": question["type"], "value": _question_value(question), "id": _block_id()}
        for question in questions
    ]


# Validation -----------------------------------------------------------------------------


def _error_messages(error: ValidationError, block) -> list[str]:
    """A block's (nested) validation error as "Field, item 2: message" lines."""
    if isinstance(error, StructBlockValidationError):
        messages = [m for e in error.non_block_errors.as_data() for m in e.messages]
        for name, child_error in error.block_errors.items():
            child = block.child_blocks[name]
            messages += [f"{child.label}: {m}" for m in _error_messages(child_error, child)]
        return messages
    if isinstance(error, ListBlockValidationError):
        messages = [m for e in error.non_block_errors.as_data() for m in e.messages]
        for index, child_error in sorted(error.block_errors.items()):
            prefix = _("item %(number)d") % {"number": index + 1}
            messages += [f"{prefix}: {m}" for m in _error_messages(child_error, block.child_block)]
        return messages
    return list(error.messages)


def _question_name(number: int, question: Question) -> str:
    name = _("question %(number)d") % {"number": number}
    if question.get("title"):
        name += f" (“{question['title']}”)"
    return name


def _validate(stream_data: list[dict], questions: list[Question]) -> None:
    """Every new block must pass its own ``clean``; the first failure rejects the file."""
    stream_block = question_stream_block()
    problems = []
    for number, (raw, question) in enumerate(zip(stream_data, questions, strict=True), 1):
        block = stream_block.child_blocks[raw["type"]]
        try:
            block.clean(block.to_python(raw["value"]))
        except ValidationError as error:
            details = "; ".join(_error_messages(error, block)) or _("invalid")
            problems.append(
                _("%(question)s (%(type)s): %(details)s")
                % {
                    "question": _question_name(number, question),
                    "type": type_label(raw["type"]).lower(),
                    "details": details,
                }
            )
    if problems:
        raise GiftImportError(
            ngettext(
                "Nothing was imported: a question cannot be added to the quiz. %(problems)s",
                "Nothing was imported: %(count)d questions cannot be added to the quiz. "
                "%(problems)s",
                len(problems),
            )
            % {"count": len(problems), "problems": " ".join(p + "." for p in problems)}
        )


# Services -------------------------------------------------------------------------------


def _check_user_may_edit(page: QuizPage, user) -> None:
    if user is None:  # the command line: an administrator on the server
        return
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied(_("You may not edit this quiz."))
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        raise GiftImportError(str(lock.get_message(user)))


@transaction.atomic
def gift_import(*, quiz: QuizPage, text: str, user=None, publish: bool = False) -> ImportReport:
    """Add the questions of a GIFT file to ``quiz`` as a new revision of its latest draft.

    Raises ``GiftError`` (a line and what was expected there) for a malformed file,
    ``GiftImportError`` for a file the quiz cannot take, ``PermissionDenied`` if ``user`` may
    not edit the quiz; in every case nothing is saved. ``user=None`` is the command line.
    """
    result: GiftResult = parse_gift(text)
    if not result.questions:
        if result.skipped:
            raise GiftImportError(
                _("The file has no questions, only descriptions (from line %(line)d).")
                % {"line": result.skipped[0].line}
            )
        raise GiftImportError(_("The file has no questions."))
    stream_data = questions_to_stream_data(result.questions)
    _validate(stream_data, result.questions)

    # One import at a time per quiz: the second waits and appends to the first's revision.
    page = QuizPage.objects.select_for_update().get(pk=quiz.pk)
    _check_user_may_edit(page, user)
    draft = page.get_latest_revision_as_object()
    draft.questions = [*draft.questions.raw_data, *stream_data]
    try:
        revision = draft.save_revision(user=user, log_action=True)
    except ValidationError as error:  # the draft itself does not validate (e.g. its slug)
        raise GiftImportError(
            _("The quiz's draft cannot be saved, so nothing was imported: %(errors)s")
            % {"errors": "; ".join(error.messages)}
        ) from None
    if publish:
        revision.publish(user=user)
    counts = Counter(question["type"] for question in result.questions)
    return ImportReport(
        quiz=draft,
        added={kind: counts[kind] for kind in QUESTION_TYPES if counts[kind]},
        skipped=list(result.skipped),
        revision=revision,
        published=publish,
    )


def gift_export(*, quiz: QuizPage, draft: bool = True) -> str:
    """The quiz's questions as GIFT: its latest draft (what the editor shows) by default,
    the published version with ``draft=False``."""
    if draft:
        # Read the page again: the caller's object may predate the latest revision.
        quiz = QuizPage.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    return export_gift(quiz.question_list())
