"""GIFT, Moodle's plain-text question format: parse into the plain question form, export back.

Pure Python, no Django: ``parse_gift(text)`` returns a ``GiftResult`` or raises ``GiftError``
(a file with any error is rejected whole, never half-read); ``export_gift(questions)`` writes
canonical GIFT that ``parse_gift`` reads back to the same questions.

Syntax read (Moodle's documented GIFT):

* items are separated by blank lines; lines starting with ``//`` are comments;
  ``$CATEGORY: path`` at the start of an item switches the category (``$CATEGORY:`` with no
  path goes back to none); ``::title::`` names a question;
* ``[html]``, ``[moodle]``, ``[plain]``, ``[markdown]`` before the question text, and before any
  answer or feedback (those default to the question's format);
* escapes ``\\~ \\= \\# \\{ \\} \\: \\\\`` and ``\\n`` (a newline); other backslashes stay as
  they are. One extension: ``\\>`` is a literal ``>``, so ``-\\>`` writes an arrow that does not
  separate a matching pair (the exporter needs it; Moodle would show the backslash);
* the answer block ``{...}``: nothing (essay); ``T``/``TRUE``/``F``/``FALSE`` with
  ``#wrong-answer feedback#right-answer feedback`` (true/false); ``=right ~wrong`` with
  ``~%50%`` or ``~%-100%`` weights (single choice when there is an ``=``, multiple response
  when all answers use ``~``, as Moodle decides); ``=answer =%50%partial`` (short answer);
  ``#3:2``, ``#1..5``, ``#=3:0 =%50%3:1`` (numerical); ``=item -> match`` and ``=-> distractor``
  (matching); ``#feedback`` after an answer and ``####general feedback`` at the end of the block;
* text after the closing brace makes a missing-word question: the block becomes ``_____``;
* items with no answer block are descriptions: skipped, with a note.

Decisions where GIFT is loose or our question form is narrower:

* The question ``text`` is HTML. ``[html]`` text is kept as written; ``[moodle]`` (the default),
  ``[plain]`` and ``[markdown]`` text is treated as plain text: ``& < >`` are escaped and
  newlines become ``<br>`` (no Markdown rendering). The format read goes in ``"format"``.
* Every other field is plain text, as the quiz blocks store it: choice texts, feedback, general
  feedback and matching items are converted from HTML (tags dropped, entities decoded, ``<br>``
  as a newline) when their format is ``[html]``; accepted short answers and matching answers
  are taken literally (as Moodle does), only a leading ``[format]`` is removed.
* A ``[word]`` of letters at the start of a text must be a known format (else an error); to start
  a text with brackets, put a format first: ``[moodle][A] Paris``.
* A blank line always ends an item, even inside an answer block (as in Moodle).
* Weights are between -100 and 100. After ``=`` in a choice question no weight is read (Moodle:
  ``=`` is full credit). A choice question needs at least two answers and a right one.
* A numerical ``~`` (Moodle's "any other answer" feedback) has no place in our form: an error.
  Numbers use a dot for decimals. A range must go from the smaller to the larger number.
* Matching needs at least two pairs with an item (Moodle's import minimum; distractors extra).
* GIFT has no points and no case-sensitivity: questions get 1 point and case-insensitive short
  answers, unless the item carries the comments ``// points: 2`` or ``// case sensitive: yes``,
  which the exporter writes when needed (Moodle ignores them as comments).
* Question ``id`` is ``""`` (the importer assigns one); choices get ``c1, c2, ...`` and pairs
  ``p1, p2, ...`` in file order, so the ids of a round trip are predictable.

Canonical questions (those ``parse_gift(export_gift(qs)).questions == qs`` holds for) are what
the parser produces: stripped non-empty texts, points > 0, ``case_sensitive`` only on short
answers, a single-choice question with at least one choice of credit 1, a multiple-response
question with a positive credit, ``text`` in the ``format`` given (plain text turned into HTML as
above, unless ``format`` is ``html``), categories on one line.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser

from .questions import Question

__all__ = ["FORMATS", "GiftError", "GiftResult", "SkippedItem", "export_gift", "parse_gift"]

FORMATS: tuple[str, ...] = ("html", "moodle", "plain", "markdown")
BLANK = "_____"
TRUE_WORDS = ("T", "TRUE")
FALSE_WORDS = ("F", "FALSE")

_ESCAPES = {
    "~": "~",
    "=": "=",
    "#": "#",
    "{": "{",
    "}": "}",
    ":": ":",
    "\\": "\\",
    "n": "\n",
    ">": ">",
}
_SPECIAL = "\\~=#{}:"
_FORMAT_PREFIX = re.compile(r"\[([A-Za-z]+)\]")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_WEIGHT = re.compile(r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_POINTS_COMMENT = re.compile(r"//\s*points\s*:\s*(\S+)\s*", re.IGNORECASE)
_CASE_COMMENT = re.compile(r"//\s*case[ -]sensitive\s*:\s*(yes|no|true|false)\s*", re.IGNORECASE)
_CATEGORY = "$CATEGORY:"


class GiftError(Exception):
    """The file is not valid GIFT: ``line`` (1-based) and what was ``expected`` there."""

    def __init__(self, line: int, expected: str):
        self.line = line
        self.expected = expected
        super().__init__(f"line {line}: expected {expected}")


@dataclass(frozen=True)
class SkippedItem:
    """An item that is not a question (a description), with the line it starts on."""

    line: int
    reason: str


@dataclass(frozen=True)
class GiftResult:
    questions: list[Question] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)  # in order of first appearance


# --- Reading ----------------------------------------------------------------------------


class _Src:
    """Text of an item with escapes resolved, remembering escaped characters and lines."""

    __slots__ = ("chars", "escaped", "line", "lines")

    def __init__(self, chars: str, escaped: str, lines: tuple[int, ...], line: int):
        self.chars = chars
        self.escaped = escaped  # "1" where the character was escaped, else "0"
        self.lines = lines  # the line of each character
        self.line = line  # the line where this text starts (also when it is empty)

    @classmethod
    def read(cls, lines: list[tuple[int, str]]) -> _Src:
        chars: list[str] = []
        escaped: list[str] = []
        numbers: list[int] = []
        for index, (number, line) in enumerate(lines):
            if index:
                chars.append("\n")
                escaped.append("0")
                numbers.append(lines[index - 1][0])
            i = 0
            while i < len(line):
                if line[i] == "\\" and i + 1 < len(line) and line[i + 1] in _ESCAPES:
                    chars.append(_ESCAPES[line[i + 1]])
                    escaped.append("1")
                    i += 2
                else:
                    chars.append(line[i])
                    escaped.append("0")
                    i += 1
                numbers.append(number)
        return cls("".join(chars), "".join(escaped), tuple(numbers), lines[0][0])

    @classmethod
    def literal(cls, text: str, line: int) -> _Src:
        return cls(text, "1" * len(text), (line,) * len(text), line)

    def __len__(self) -> int:
        return len(self.chars)

    def __add__(self, other: _Src) -> _Src:
        return _Src(
            self.chars + other.chars,
            self.escaped + other.escaped,
            self.lines + other.lines,
            self.line,
        )

    def cut(self, start: int, stop: int | None = None) -> _Src:
        stop = len(self.chars) if stop is None else stop
        return _Src(
            self.chars[start:stop],
            self.escaped[start:stop],
            self.lines[start:stop],
            self.line_at(start),
        )

    def line_at(self, index: int) -> int:
        if 0 <= index < len(self.lines):
            return self.lines[index]
        return self.lines[-1] if self.lines else self.line

    def _plain_at(self, index: int, length: int) -> bool:
        return "1" not in self.escaped[index : index + length]

    def find(self, sub: str, start: int = 0) -> int:
        """Index of the first unescaped ``sub`` from ``start``, or -1."""
        index = self.chars.find(sub, start)
        while index >= 0 and not self._plain_at(index, len(sub)):
            index = self.chars.find(sub, index + 1)
        return index

    def rfind(self, sub: str) -> int:
        index = self.chars.rfind(sub)
        while index >= 0 and not self._plain_at(index, len(sub)):
            index = self.chars.rfind(sub, 0, index + len(sub) - 1)
        return index

    def startswith(self, sub: str) -> bool:
        return self.chars.startswith(sub) and self._plain_at(0, len(sub))

    def strip(self) -> _Src:
        start, stop = 0, len(self.chars)
        while start < stop and self.chars[start].isspace():
            start += 1
        while stop > start and self.chars[stop - 1].isspace():
            stop -= 1
        return self.cut(start, stop)

    def partition(self, separator: str) -> tuple[_Src, _Src | None]:
        index = self.find(separator)
        if index < 0:
            return self, None
        return self.cut(0, index), self.cut(index + len(separator))

    def split_on(self, markers: str) -> list[tuple[str, _Src]]:
        """Split at each unescaped marker character: [("", lead), (marker, part), ...]."""
        parts: list[tuple[str, _Src]] = []
        marker, start = "", 0
        for index, char in enumerate(self.chars):
            if char in markers and self.escaped[index] == "0":
                parts.append((marker, self.cut(start, index)))
                marker, start = char, index + 1
        parts.append((marker, self.cut(start)))
        return parts


def _snippet(text: str, length: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _plain_to_html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def _html_to_text(markup: str) -> str:
    if "<" not in markup:
        return html.unescape(markup)
    extractor = _TextExtractor()
    try:
        extractor.feed(markup)
        extractor.close()
    except Exception:  # the stdlib parser can trip on broken markup: drop tags crudely
        return html.unescape(re.sub(r"<[^>]*>", "", markup))
    return "".join(extractor.parts)


def _take_format(src: _Src, default: str) -> tuple[str, _Src]:
    """A leading ``[format]``: (format, the text after it), both stripped."""
    src = src.strip()
    match = _FORMAT_PREFIX.match(src.chars)
    if match is None or not src._plain_at(0, match.end()):
        return default, src
    name = match.group(1).lower()
    if name not in FORMATS:
        raise GiftError(
            src.line,
            f"a format [html], [moodle], [plain] or [markdown], found [{match.group(1)}]",
        )
    return name, src.cut(match.end()).strip()


def _plain_field(src: _Src | None, inherited: str) -> str:
    """An answer, feedback or matching item as plain text."""
    if src is None:
        return ""
    form, body = _take_format(src, inherited)
    text = _html_to_text(body.chars) if form == "html" else body.chars
    return text.strip()


def _literal_field(src: _Src, inherited: str) -> str:
    """An accepted short answer: literal, only a leading [format] is removed."""
    return _take_format(src, inherited)[1].chars.strip()


def _weight(src: _Src, default: float) -> tuple[float, _Src]:
    """A leading ``%50%`` weight as a credit (0.5), and the rest of the answer."""
    src = src.strip()
    if not src.chars.startswith("%"):
        return default, src
    end = src.chars.find("%", 1)
    if end < 0:
        return default, src
    raw = src.chars[1:end].strip()
    if not _WEIGHT.fullmatch(raw) or abs(Decimal(raw)) > 100:
        raise GiftError(
            src.line,
            f"a weight between %-100% and %100% such as %50%, found %{src.chars[1:end]}%",
        )
    return float(Decimal(raw) / Decimal(100)), src.cut(end + 1).strip()


def _number(text: str, answer: str, line: int) -> float:
    text = text.strip()
    value = float(text) if _NUMBER.fullmatch(text) else math.nan
    if not math.isfinite(value):
        raise GiftError(
            line, f"a number (such as 3, 3:0.5 or 1..5, with a dot for decimals), found '{answer}'"
        )
    return value


def _numerical_answer(src: _Src, line: int) -> dict:
    src = src.strip()
    text = src.chars
    dots = text.find("..", 1)
    if dots > 0:
        low, high = _number(text[:dots], text, line), _number(text[dots + 2 :], text, line)
        if low > high:
            raise GiftError(line, f"a range from the smaller number to the larger, found '{text}'")
        return {"value": None, "tolerance": 0.0, "min": low, "max": high}
    colon = src.find(":")
    if colon >= 0:
        value = _number(text[:colon], text, line)
        tolerance = _number(text[colon + 1 :], text, line)
        if tolerance < 0:
            raise GiftError(line, f"a tolerance of zero or more, found '{text}'")
    else:
        value, tolerance = _number(text, text, line), 0.0
    return {"value": value, "tolerance": tolerance + 0.0, "min": None, "max": None}


def _answer_parts(block: _Src, what: str) -> list[tuple[str, _Src]]:
    parts = block.split_on("~=" if what == "choice" else "=")
    lead = parts[0][1].strip()
    if lead.chars:
        expected = {
            "choice": "'=' or '~' before each answer",
            "short": "'=' before each accepted answer",
            "matching": "'=' before each matching pair",
        }[what]
        raise GiftError(lead.line, f"{expected}, found '{_snippet(lead.chars)}'")
    return parts[1:]


def _parse_choices(question: dict, block: _Src, fmt: str, block_line: int) -> None:
    parts = _answer_parts(block, "choice")
    choices = []
    for marker, part in parts:
        part = part.strip()
        line = part.line
        if marker == "=":
            credit = 1.0
        else:
            credit, part = _weight(part, 0.0)
        text_src, feedback_src = part.partition("#")
        text = _plain_field(text_src, fmt)
        if not text:
            raise GiftError(line, f"answer text after '{marker}'")
        choices.append(
            {
                "id": f"c{len(choices) + 1}",
                "text": text,
                "credit": credit,
                "feedback": _plain_field(feedback_src, fmt),
            }
        )
    if len(choices) < 2:
        raise GiftError(block_line, "at least two answers in a multiple-choice question")
    single = any(marker == "=" for marker, _ in parts)
    if not single and not any(choice["credit"] > 0 for choice in choices):
        raise GiftError(
            block_line, "a right answer: '=' before it, or a positive weight such as ~%50%"
        )
    question["type"] = "single_choice" if single else "multiple_response"
    question["choices"] = choices


def _parse_short_answer(question: dict, block: _Src, fmt: str, meta: dict) -> None:
    answers = []
    for _, part in _answer_parts(block, "short"):
        part = part.strip()
        line = part.line
        credit, part = _weight(part, 1.0)
        text_src, feedback_src = part.partition("#")
        text = _literal_field(text_src, fmt)
        if not text:
            raise GiftError(line, "an accepted answer after '='")
        answers.append(
            {"text": text, "credit": credit, "feedback": _plain_field(feedback_src, fmt)}
        )
    question["type"] = "short_answer"
    question["answers"] = answers
    question["case_sensitive"] = meta.get("case_sensitive", False)


def _parse_numerical(question: dict, block: _Src, fmt: str, block_line: int) -> None:
    body = block.cut(1)
    tilde = body.find("~")
    if tilde >= 0:
        raise GiftError(
            body.line_at(tilde),
            "numerical answers after '=' ('~', feedback for any other answer, is not supported)",
        )
    parts = body.split_on("=")
    if not parts[0][1].strip().chars:
        parts = parts[1:]
    answers = []
    for _, part in parts:
        part = part.strip()
        line = part.line
        credit, part = _weight(part, 1.0)
        number_src, feedback_src = part.partition("#")
        answer = _numerical_answer(number_src, line)
        answer["credit"] = credit
        answer["feedback"] = _plain_field(feedback_src, fmt)
        answers.append(answer)
    if not answers:
        raise GiftError(block_line, "a number after '#' in a numerical question")
    question["type"] = "numerical"
    question["answers"] = answers


def _parse_matching(question: dict, block: _Src, fmt: str, block_line: int) -> None:
    pairs, distractors = [], []
    for _, part in _answer_parts(block, "matching"):
        part = part.strip()
        line = part.line
        arrow = part.find("->")
        if arrow < 0:
            raise GiftError(
                line, f"'->' between the item and its match, found '{_snippet(part.chars)}'"
            )
        prompt = _plain_field(part.cut(0, arrow), fmt)
        answer = part.cut(arrow + 2).chars.strip()
        if not answer:
            raise GiftError(line, "a match after '->'")
        if prompt:
            pairs.append({"id": f"p{len(pairs) + 1}", "prompt": prompt, "answer": answer})
        else:
            distractors.append(answer)
    if len(pairs) < 2:
        raise GiftError(block_line, "at least two matching pairs (=item -> match)")
    question["type"] = "matching"
    question["pairs"] = pairs
    question["distractors"] = distractors


def _parse_true_false(question: dict, block: _Src, fmt: str) -> None:
    word_src, feedback_src = block.partition("#")
    wrong = right = ""
    if feedback_src is not None:
        wrong_src, right_src = feedback_src.partition("#")
        wrong, right = _plain_field(wrong_src, fmt), _plain_field(right_src, fmt)
    answer = word_src.chars.strip().upper() in TRUE_WORDS
    # Moodle: {TRUE#feedback for a wrong answer#feedback for a right answer}; our feedback_true
    # is shown to whoever answers "true", feedback_false to whoever answers "false".
    question["type"] = "true_false"
    question["answer"] = answer
    question["feedback_true"] = right if answer else wrong
    question["feedback_false"] = wrong if answer else right


def _is_true_false(block: _Src) -> bool:
    word = block.partition("#")[0].chars.strip().upper()
    return word in TRUE_WORDS or word in FALSE_WORDS


def _parse_item(src: _Src, category: str, meta: dict) -> Question | SkippedItem:
    src = src.strip()
    first_line = src.line
    title = ""
    if src.startswith("::"):
        end = src.find("::", 2)
        if end < 0:
            raise GiftError(first_line, "'::' to close the question title")
        title = src.cut(2, end).chars.strip()
        src = src.cut(end + 2).strip()

    opening, closing = src.find("{"), src.find("}")
    if opening < 0 and closing < 0:
        what = _snippet(title or src.chars)
        return SkippedItem(first_line, f"no answer block: a description, not a question ('{what}')")
    if closing >= 0 and (opening < 0 or closing < opening):
        raise GiftError(src.line_at(closing), "'{' before '}' (write \\} for a literal brace)")
    if closing < 0:
        raise GiftError(src.line_at(opening), "'}' to close the answer block")
    nested = src.find("{", opening + 1)
    if 0 <= nested < closing:
        raise GiftError(
            src.line_at(nested), "'}' before another '{' (write \\{ for a literal brace)"
        )
    block_line = src.line_at(opening)
    after = src.cut(closing + 1)
    again, stray = after.find("{"), after.find("}")
    if again >= 0 and (stray < 0 or again < stray):
        raise GiftError(
            after.line_at(again),
            "a blank line before the next question (one answer block per question)",
        )
    if stray >= 0:
        raise GiftError(after.line_at(stray), "'{' before '}' (write \\} for a literal brace)")

    text_src = src.cut(0, opening)
    if after.strip().chars:  # missing word: the block stands for a blank in the sentence
        text_src = text_src + _Src.literal(BLANK, block_line) + after
    fmt, text_src = _take_format(text_src, "moodle")
    if not text_src.chars:
        raise GiftError(first_line, "question text before the answer block")
    text = text_src.chars if fmt == "html" else _plain_to_html(text_src.chars)

    block = src.cut(opening + 1, closing)
    general_feedback = ""
    cut = block.rfind("####")
    if cut >= 0:
        general_feedback = _plain_field(block.cut(cut + 4), fmt)
        block = block.cut(0, cut)
    block = block.strip()

    question: dict = {
        "id": "",
        "type": "essay",
        "title": title,
        "text": text,
        "points": meta.get("points", 1.0),
        "general_feedback": general_feedback,
        "category": category,
        "format": fmt,
    }
    if not block.chars:
        pass  # essay
    elif block.startswith("#"):
        _parse_numerical(question, block, fmt, block_line)
    elif block.find("~") >= 0:
        _parse_choices(question, block, fmt, block_line)
    elif block.find("=") >= 0 and block.find("->") >= 0:
        _parse_matching(question, block, fmt, block_line)
    elif _is_true_false(block):
        _parse_true_false(question, block, fmt)
    elif block.find("=") >= 0:
        _parse_short_answer(question, block, fmt, meta)
    else:
        raise GiftError(
            block.line,
            "answers starting with '=' or '~', T or F, '#' for a number, or nothing for an "
            f"essay, found '{_snippet(block.chars)}'",
        )
    return question  # type: ignore[return-value]


def _meta_from_comment(line: str, meta: dict) -> None:
    """Our own comments, ignored by Moodle: ``// points: 2`` and ``// case sensitive: yes``."""
    if match := _POINTS_COMMENT.fullmatch(line):
        raw = match.group(1)
        if _NUMBER.fullmatch(raw) and math.isfinite(float(raw)) and float(raw) > 0:
            meta["points"] = float(raw)
    elif match := _CASE_COMMENT.fullmatch(line):
        meta["case_sensitive"] = match.group(1).lower() in ("yes", "true")


def _items(text: str):
    """Blank-line separated items, as lists of (line number, line)."""
    item: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            item.append((number, line))
        elif item:
            yield item
            item = []
    if item:
        yield item


def parse_gift(text: str) -> GiftResult:
    """Read a GIFT file. Raises ``GiftError`` (with the line) if anything in it is wrong."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    questions: list[Question] = []
    skipped: list[SkippedItem] = []
    categories: list[str] = []
    category = ""
    for item in _items(text):
        meta: dict = {}
        body: list[tuple[int, str]] = []
        for number, line in item:
            stripped = line.strip()
            if stripped.startswith("//"):
                _meta_from_comment(stripped, meta)
            elif not body and stripped[: len(_CATEGORY)].upper() == _CATEGORY:
                category = stripped[len(_CATEGORY) :].strip()
                if category and category not in categories:
                    categories.append(category)
            else:
                body.append((number, line))
        if not body:
            continue
        parsed = _parse_item(_Src.read(body), category, meta)
        if isinstance(parsed, SkippedItem):
            skipped.append(parsed)
        else:
            questions.append(parsed)
    return GiftResult(questions=questions, skipped=skipped, categories=categories)


# --- Writing ----------------------------------------------------------------------------


def _escape(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        "\\" + char if char in _SPECIAL else "\\n" if char == "\n" else char for char in text
    )


def _no_arrow(gift: str) -> str:
    """Keep '->' inside a short answer or a matching item from reading as a pair separator."""
    return gift.replace("->", "-\\>")


def _number_out(value: float) -> str:
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _weight_out(credit: float) -> str:
    percent = Decimal(repr(float(credit))) * 100
    return f"%{format(percent.normalize(), 'f')}%"


def _plain_out(text: str, fmt: str) -> str:
    """A plain-text field, in the format it inherits from the question text."""
    body = html.escape(text, quote=False) if fmt == "html" else text
    prefix = f"[{fmt}]" if body.startswith("[") else ""
    return prefix + _escape(body)


def _text_out(text: str, fmt: str | None) -> tuple[str, str]:
    """The question text as (format, GIFT body before escaping)."""
    if fmt not in FORMATS:  # e.g. from the quiz blocks: plain text if it reads back the same
        fmt = "moodle"
    if fmt != "html":
        plain = html.unescape(text.replace("<br>", "\n"))
        if _plain_to_html(plain) == text:
            return fmt, plain
    return "html", text


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


def _export_question(question: Question) -> str:
    kind = question["type"]
    fmt, body = _text_out(question.get("text", ""), question.get("format"))  # type: ignore[arg-type]
    lines: list[str] = []
    points = float(question.get("points", 1.0))
    if points != 1.0:
        lines.append(f"// points: {_number_out(points)}")
    if kind == "short_answer" and question.get("case_sensitive"):
        lines.append("// case sensitive: yes")

    head = f"::{_escape(question['title'])}:: " if question.get("title") else ""
    if fmt != "moodle" or body.startswith(("[", "//")):
        head += f"[{fmt}]"
    head += _escape(body)
    general = question.get("general_feedback") or ""
    general = "####" + _plain_out(general, fmt) if general else ""

    if kind == "essay":
        lines.append(head + " {" + general + "}")
    elif kind == "true_false":
        answer = bool(question.get("answer"))
        on_true, on_false = question.get("feedback_true", ""), question.get("feedback_false", "")
        right, wrong = (on_true, on_false) if answer else (on_false, on_true)
        block = "TRUE" if answer else "FALSE"
        if wrong or right:
            block += "#" + _plain_out(wrong, fmt)
        if right:
            block += "#" + _plain_out(right, fmt)
        lines.append(head + " {" + block + general + "}")
    else:
        lines.append(head + (" {#" if kind == "numerical" else " {"))
        lines.extend(_answer_lines(question, fmt))
        if general:
            lines.append("\t" + general)
        lines.append("}")
    return "\n".join(lines)


def _answer_lines(question: Question, fmt: str) -> list[str]:
    kind = question["type"]
    lines = []
    if kind in ("single_choice", "multiple_response"):
        choices = question["choices"]
        single = kind == "single_choice"
        # All '=' would read as a short answer: then only the first right one gets '='.
        all_right = all(float(c["credit"]) == 1.0 for c in choices)
        for index, choice in enumerate(choices):
            credit, text = float(choice["credit"]), choice["text"]
            if single and credit == 1.0 and (index == 0 or not all_right):
                prefix = "="
            elif credit == 0 and not text.startswith("%"):
                prefix = "~"
            else:
                prefix = "~" + _weight_out(credit)
            line = "\t" + prefix + _plain_out(text, fmt)
            if choice.get("feedback"):
                line += "#" + _plain_out(choice["feedback"], fmt)
            lines.append(line)
    elif kind == "short_answer":
        for answer in question["answers"]:
            credit, text = float(answer["credit"]), answer["text"]
            weight = "" if credit == 1.0 and not text.startswith("%") else _weight_out(credit)
            line = "\t=" + weight + ("[plain]" if text.startswith("[") else "") + _escape(text)
            if answer.get("feedback"):
                line += "#" + _plain_out(answer["feedback"], fmt)
            lines.append(_no_arrow(line))
    elif kind == "numerical":
        for answer in question["answers"]:
            credit = float(answer["credit"])
            weight = "" if credit == 1.0 else _weight_out(credit)
            if answer.get("value") is None:
                number = f"{_number_out(answer['min'])}..{_number_out(answer['max'])}"
            else:
                number = _number_out(answer["value"])
                tolerance = abs(float(answer.get("tolerance") or 0.0))
                if tolerance:
                    number += ":" + _number_out(tolerance)
            line = "\t=" + weight + number
            if answer.get("feedback"):
                line += "#" + _plain_out(answer["feedback"], fmt)
            lines.append(line)
    elif kind == "matching":
        for pair in question["pairs"]:
            prompt = _no_arrow(_plain_out(pair["prompt"], fmt))
            lines.append(f"\t={prompt} -> {_escape(pair['answer'])}")
        lines.extend(f"\t=-> {_escape(text)}" for text in question.get("distractors", []))
    else:
        raise ValueError(f"unknown question type {kind!r}")
    return lines


def export_gift(questions: list[Question]) -> str:
    """Write questions as GIFT, with ``$CATEGORY:`` lines where the category changes."""
    chunks = []
    category = ""
    for question in questions:
        wanted = _one_line(question.get("category") or "")  # type: ignore[arg-type]
        if wanted != category:
            chunks.append(f"{_CATEGORY} {wanted}".rstrip())
            category = wanted
        chunks.append(_export_question(question))
    return "\n\n".join(chunks) + "\n" if chunks else ""
