"""GIFT import and export: a corpus of files, error lines and messages, round trips, fuzzing.

No database: quizzes.gift is pure Python.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quizzes.gift import FORMATS, GiftError, GiftResult, SkippedItem, export_gift, parse_gift
from quizzes.questions import QUESTION_TYPES

CORPUS = Path(__file__).parent / "gift_corpus"
GOOD_FILES = sorted(p.name for p in CORPUS.glob("*.gift") if not p.name.startswith("error_"))
ERROR_FILES = sorted(p.name for p in CORPUS.glob("error_*.gift"))

HS = "$course$/top/Human security"
FROM_MOODLE = {"category": "$course$/top/Default for HS101", "format": "html"}


def parse_file(name: str) -> GiftResult:
    return parse_gift((CORPUS / name).read_text(encoding="utf-8"))


def question(kind: str, title: str, text: str, **extra) -> dict:
    base = {
        "id": "",
        "type": kind,
        "title": title,
        "text": text,
        "points": 1.0,
        "general_feedback": "",
        "category": "",
        "format": "moodle",
    }
    base.update(extra)
    return base


def choices(*specs) -> list[dict]:
    """(text, credit) or (text, credit, feedback) -> choices with ids c1, c2, ..."""
    return [
        {"id": f"c{i}", "text": s[0], "credit": s[1], "feedback": s[2] if len(s) > 2 else ""}
        for i, s in enumerate(specs, start=1)
    ]


def single(title, text, *specs, **extra):
    return question("single_choice", title, text, choices=choices(*specs), **extra)


def multiple(title, text, *specs, **extra):
    return question("multiple_response", title, text, choices=choices(*specs), **extra)


def true_false(title, text, answer, on_true="", on_false="", **extra):
    return question(
        "true_false",
        title,
        text,
        answer=answer,
        feedback_true=on_true,
        feedback_false=on_false,
        **extra,
    )


def short(title, text, *specs, case_sensitive=False, **extra):
    answers = [
        {"text": s[0], "credit": s[1], "feedback": s[2] if len(s) > 2 else ""} for s in specs
    ]
    return question(
        "short_answer", title, text, answers=answers, case_sensitive=case_sensitive, **extra
    )


def number(value=None, tolerance=0.0, low=None, high=None, credit=1.0, feedback=""):
    return {
        "value": value,
        "tolerance": tolerance,
        "min": low,
        "max": high,
        "credit": credit,
        "feedback": feedback,
    }


def numerical(title, text, *answers, **extra):
    return question("numerical", title, text, answers=list(answers), **extra)


def matching(title, text, pairs, distractors=(), **extra):
    return question(
        "matching",
        title,
        text,
        pairs=[
            {"id": f"p{i}", "prompt": prompt, "answer": answer}
            for i, (prompt, answer) in enumerate(pairs, start=1)
        ],
        distractors=list(distractors),
        **extra,
    )


def essay(title, text, **extra):
    return question("essay", title, text, **extra)


def skipped_description(line: int, what: str) -> SkippedItem:
    return SkippedItem(line, f"no answer block: a description, not a question ('{what}')")


# --- The corpus, construct by construct ---------------------------------------------------

EXPECTED: dict[str, GiftResult] = {
    "titles_and_comments.gift": GiftResult(
        questions=[
            single(
                "UNDP 1994",
                "Which report introduced human security to the UN?",
                ("The 1994 Human Development Report", 1.0),
                ("The Brundtland Report", 0.0),
            ),
            true_false("", "Freedom from fear is one of the two freedoms of human security.", True),
            true_false(
                "Title with // slashes and a colon: here",
                "Links such as http://example.org keep their // slashes.",
                True,
            ),
            true_false("Spaces around the title are trimmed", "Text after the title.", False),
        ]
    ),
    "categories.gift": GiftResult(
        questions=[
            true_false(
                "C1",
                "Human security puts people, not states, at the centre.",
                True,
                category=f"{HS}/Concepts",
            ),
            true_false(
                "C2",
                "Freedom from want concerns poverty and hunger.",
                True,
                category=f"{HS}/Concepts",
            ),
            short(
                "T1",
                "Name one threat to personal security.",
                ("violence", 1.0),
                ("crime", 1.0),
                category=f"{HS}/Threats",
            ),
            true_false(
                "C3",
                "Human security is only about the military.",
                False,
                category=f"{HS}/Concepts",
            ),
            essay("N1", "A question outside any category."),
        ],
        categories=[f"{HS}/Concepts", f"{HS}/Threats"],
    ),
    "formats.gift": GiftResult(
        questions=[
            true_false("Default", "Is 2 &lt; 3 &amp; 3 &gt; 2?<br>Answer true or false.", True),
            single(
                "Html",
                "<p>Which is <b>bold</b>?</p>",
                ("this one", 1.0, "Right"),
                ("<b>not</b> this", 0.0),
                format="html",
            ),
            essay("Plain", "Plain text with &lt;tags&gt; shown as typed.", format="plain"),
            single(
                "Markdown",
                "*Markdown* is kept as text.",
                ("yes", 1.0),
                ("no", 0.0),
                format="markdown",
            ),
            true_false("Moodle", "Explicit moodle format.", True),
            single(
                "PerAnswer",
                "Pick the emphasised word.",
                ("here", 1.0, "Feedback & more"),
                ("there", 0.0, "<not html>"),
            ),
        ]
    ),
    "escapes.gift": GiftResult(
        questions=[
            single(
                "Escapes: all of them",
                "Which of these is written with a tilde ~, equals =, hash #, braces { } and a "
                "colon :?",
                ("a~b=c#d", 1.0, "feedback with {braces} and a backslash \\"),
                ("C:\\Windows", 0.0),
                ("line one\nline two", 0.0),
            ),
            short(
                "Others",
                "A backslash before a letter stays: \\d and \\w.",
                ("\\d+ -> digits", 1.0),
                ("two", 1.0),
            ),
        ]
    ),
    "single_choice.gift": GiftResult(
        questions=[
            single(
                "SC1",
                "Who's buried in Grant's tomb?",
                ("Grant", 0.0),
                ("Jefferson", 0.0),
                ("no one", 1.0),
            ),
            single(
                "SC2",
                "Which city hosts the UN Human Rights Council?",
                ("New York", 0.0),
                ("Geneva", 1.0),
                ("Vienna", 0.0),
                ("Nairobi", 0.0),
            ),
            single(
                "SC3",
                "Which best describes human security?",
                ("People-centred security", 1.0),
                ("Security of communities", 0.5),
                ("State security", 0.0),
            ),
        ]
    ),
    "multiple_response_weights.gift": GiftResult(
        questions=[
            multiple(
                "MR1",
                "Which are the two freedoms of human security?",
                ("Freedom from fear", 0.5),
                ("Freedom from want", 0.5),
                ("Freedom of the press", 0.0),
            ),
            multiple(
                "MR2",
                "Pick the three dimensions named first.",
                ("Economic", 0.3333333),
                ("Food", 0.3333333),
                ("Health", 0.3333334),
                ("Military", 0.0),
            ),
        ]
    ),
    "negative_weights.gift": GiftResult(
        questions=[
            multiple(
                "NW1",
                "Which of these are human-security threats?",
                ("Epidemics", 0.5),
                ("Famine", 0.5),
                ("A football match", -1.0),
                ("A rainy day", -0.5),
            ),
            single(
                "NW2",
                "The capital of Kosovo is _____.",
                ("Pristina", 1.0),
                ("Prizren", -0.25),
                ("Peja", -0.25),
            ),
        ]
    ),
    "feedback.gift": GiftResult(
        questions=[
            single(
                "FB1",
                "What's between orange and green in the spectrum?",
                ("yellow", 1.0, "right; good!"),
                ("red", 0.0, "wrong, it's yellow"),
                ("blue", 0.0, "wrong, it's yellow"),
            ),
            short(
                "FB2",
                "Name the UN agency that published the 1994 report.",
                ("UNDP", 1.0, "Correct."),
                ("United Nations Development Programme", 0.5, "Right, but use the acronym."),
                general_feedback="The report was the 1994 Human Development Report.",
            ),
            essay(
                "FB3",
                "Write about your town.",
                general_feedback="A good answer names one concrete insecurity.",
            ),
        ]
    ),
    "true_false.gift": GiftResult(
        questions=[
            true_false("TF1", "Grant is buried in Grant's tomb.", False),
            true_false("TF2", "The sun rises in the east.", True),
            # {FALSE#wrong#right}: answering "true" is wrong, so feedback_true is the first.
            true_false(
                "TF3",
                "Human security concerns only states.",
                False,
                on_true="No: it puts people first.",
                on_false="Right: people come first.",
            ),
            # {TRUE#wrong#right}: answering "false" is wrong, so feedback_false is the first.
            true_false(
                "TF4",
                "Freedom from want is part of human security.",
                True,
                on_true="Yes.",
                on_false="Think of the 1994 report.",
            ),
            true_false("TF5", "Water is wet.", True, on_false="Only wrong-answer feedback"),
            true_false(
                "TF6",
                "Fire is cold.",
                False,
                on_false="Only right-answer feedback",
                general_feedback="General feedback.",
            ),
        ]
    ),
    "short_answer.gift": GiftResult(
        questions=[
            short("SA1", "Who's buried in Grant's tomb?", ("no one", 1.0), ("nobody", 1.0)),
            short("SA2", "Two plus two equals", ("four", 1.0), ("4", 1.0)),
            short(
                "SA3",
                "Name the UN agency that published the 1994 report.",
                ("UNDP", 1.0),
                ("UN Development Programme", 0.5, "Half credit: use the acronym."),
                ("UNHCR", -0.5, "That is the refugee agency."),
            ),
        ]
    ),
    "numerical.gift": GiftResult(
        questions=[
            numerical("N1", "When was Ulysses S. Grant born?", number(1822.0, 5.0)),
            numerical("N2", "What is a number from 1 to 5?", number(low=1.0, high=5.0)),
            numerical(
                "N3",
                "What is the value of pi (to 3 decimal places)?",
                number(3.1415, 0.0005, feedback="Exactly right."),
                number(3.141, 0.0005, credit=0.5, feedback="Close."),
                number(3.14, 0.005, credit=0.25, feedback="Roughly."),
            ),
            numerical("N4", "How many UN member states are there?", number(193.0)),
            numerical(
                "N5",
                "A negative range?",
                number(low=-5.0, high=-1.0, feedback="Within the range."),
                general_feedback="Any number from -5 to -1.",
            ),
        ]
    ),
    "matching.gift": GiftResult(
        questions=[
            matching(
                "M1",
                "Match the countries with their capitals.",
                [("Canada", "Ottawa"), ("Italy", "Rome"), ("Japan", "Tokyo")],
                ["Vienna"],
            ),
            matching(
                "M2",
                "Which animal eats which food?",
                [("cat", "cat food"), ("dog", "dog food")],
            ),
            matching(
                "M3",
                "Match each threat to its dimension.",
                [
                    ("Famine", "Food security"),
                    ("Epidemic", "Health security"),
                    ("Pollution", "Environmental security"),
                ],
                ["Military security", "Space security"],
                general_feedback="Seven dimensions were named in 1994.",
            ),
        ]
    ),
    "essay.gift": GiftResult(
        questions=[
            essay("E1", "Describe one everyday insecurity in your town."),
            essay("E2", "Write a short essay on freedom from fear."),
            essay(
                "E3",
                "Explain the difference between state and human security.",
                general_feedback="Mention who is protected.",
            ),
        ]
    ),
    "missing_word.gift": GiftResult(
        questions=[
            single(
                "MW1",
                "Grant is _____ in Grant's tomb.",
                ("buried", 0.0),
                ("entombed", 1.0),
                ("living", 0.0),
            ),
            single(
                "MW2",
                "Mahatma Gandhi's birthday is a _____ holiday in India.",
                ("local", 0.0),
                ("national", 1.0),
                ("international", 0.0),
            ),
            short("MW3", "Two plus _____ equals four.", ("two", 1.0), ("2", 1.0)),
            single(
                "MW4",
                "The American holiday of Thanksgiving is celebrated on the _____ Thursday of "
                "November.",
                ("second", 0.0),
                ("third", 0.0),
                ("fourth", 1.0),
            ),
            true_false("MW5", "_____ is the answer to this statement.", True),
        ]
    ),
    "description_only.gift": GiftResult(
        questions=[
            true_false("Q1", "Human security is people-centred.", True),
            true_false("Q2", "Freedom from fear is part of human security.", True),
        ],
        skipped=[
            skipped_description(2, "Intro"),
            skipped_description(6, "Read the following questions carefully.…"),
        ],
    ),
    "points_and_case.gift": GiftResult(
        questions=[
            short("Worth more", "Name the 1994 report's publisher.", ("UNDP", 1.0), points=2.5),
            short(
                "Exact case",
                "Type the acronym of the UN Development Programme.",
                ("UNDP", 1.0),
                case_sensitive=True,
                points=3.0,
            ),
            essay("Malformed points comment is only a comment", "Anything."),
        ]
    ),
    "moodle_export.gift": GiftResult(
        questions=[
            single(
                "Capital",
                "<p>The capital of Albania is?</p>",
                ("Tirana", 1.0, "Yes."),
                ("Durrës", 0.0),
                general_feedback="Tirana has been the capital since 1920.",
                **FROM_MOODLE,
            ),
            short(
                "Acronym",
                "<p>UNDP stands for?</p>",
                ("United Nations Development Programme", 1.0),
                ("UN Development Programme", 0.5),
                **FROM_MOODLE,
            ),
            numerical(
                "Year",
                "<p>In which year?</p>",
                number(1994.0),
                number(1994.0, 1.0, credit=0.5, feedback="Close."),
                **FROM_MOODLE,
            ),
            true_false(
                "Statement",
                "<p>Human security is people-centred.</p>",
                True,
                on_true="Indeed.",
                on_false="Think again.",
                **FROM_MOODLE,
            ),
        ],
        categories=["$course$/top/Default for HS101"],
    ),
    "all_types.gift": GiftResult(
        questions=[
            single(
                "Single choice",
                "Which report introduced human security?",
                ("The 1994 Human Development Report", 1.0, "Right."),
                (
                    "The 1987 Brundtland Report",
                    0.0,
                    "No, that one is about sustainable development.",
                ),
                general_feedback="UNDP published it in 1994.",
                category=HS,
            ),
            multiple(
                "Multiple response",
                "Which are the two freedoms of human security?",
                ("Freedom from fear", 0.5),
                ("Freedom from want", 0.5),
                ("Freedom from taxes", -1.0, "No such freedom."),
                category=HS,
            ),
            true_false(
                "True or false",
                "Human security concerns only states.",
                False,
                on_true="States are not the focus.",
                on_false="Right.",
                category=HS,
            ),
            short(
                "Short answer",
                "Which UN agency published the 1994 report?",
                ("UNDP", 1.0),
                ("United Nations Development Programme", 0.5),
                category=HS,
            ),
            numerical(
                "Numerical", "In which year was the report published?", number(1994.0), category=HS
            ),
            matching(
                "Matching",
                "Match each threat to its dimension.",
                [("Famine", "Food security"), ("Epidemic", "Health security")],
                ["Military security"],
                category=HS,
            ),
            essay("Essay", "Describe one everyday insecurity in your town.", category=HS),
            single(
                "Missing word",
                "Human security puts _____ at the centre.",
                ("people", 1.0),
                ("states", 0.0),
                ("armies", 0.0),
                category=HS,
            ),
        ],
        skipped=[skipped_description(32, "Welcome")],
        categories=[HS],
    ),
}


def test_every_good_corpus_file_has_expectations():
    assert sorted(EXPECTED) == GOOD_FILES


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_parses_to_exact_structure(name):
    assert parse_file(name) == EXPECTED[name]


def test_all_types_covers_every_question_type():
    kinds = {q["type"] for q in parse_file("all_types.gift").questions}
    assert kinds == set(QUESTION_TYPES)


@pytest.mark.parametrize("name", GOOD_FILES)
def test_corpus_round_trip(name):
    questions = parse_file(name).questions
    exported = export_gift(questions)
    assert parse_gift(exported).questions == questions
    # The export is canonical: exporting again gives the same text.
    assert export_gift(parse_gift(exported).questions) == exported


# --- Errors: the whole file is rejected, with the line and what was expected ---------------

ERRORS = {
    "error_unclosed_brace.gift": (3, "'}' to close the answer block"),
    "error_stray_close_brace.gift": (3, "'{' before '}' (write \\} for a literal brace)"),
    "error_unknown_format.gift": (
        3,
        "a format [html], [moodle], [plain] or [markdown], found [rtf]",
    ),
    "error_bad_weight.gift": (5, "a weight between %-100% and %100% such as %50%, found %abc%"),
    "error_numerical_not_a_number.gift": (
        5,
        "a number (such as 3, 3:0.5 or 1..5, with a dot for decimals), found 'twelve'",
    ),
    "error_matching_without_arrow.gift": (
        5,
        "'->' between the item and its match, found 'Italy Rome'",
    ),
    "error_no_correct_answer.gift": (
        3,
        "a right answer: '=' before it, or a positive weight such as ~%50%",
    ),
    "error_two_answer_blocks.gift": (
        2,
        "a blank line before the next question (one answer block per question)",
    ),
    "error_empty_question_text.gift": (3, "question text before the answer block"),
}


def test_every_error_file_has_expectations():
    assert sorted(ERRORS) == ERROR_FILES


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_file_is_rejected_whole_with_line_and_expectation(name):
    line, expected = ERRORS[name]
    with pytest.raises(GiftError) as caught:
        parse_file(name)  # each file starts with a valid question: nothing is returned
    assert caught.value.line == line
    assert caught.value.expected == expected
    assert str(caught.value) == f"line {line}: expected {expected}"


def test_error_message_format_matches_the_documented_example():
    text = "\n" * 10 + "::Q::Which?\n{=a\n~b\n"
    with pytest.raises(GiftError, match=r"^line 12: expected '\}' to close the answer block$"):
        parse_gift(text)


NUMBER = "a number (such as 3, 3:0.5 or 1..5, with a dot for decimals)"
FORMAT = "a format [html], [moodle], [plain] or [markdown]"
ONE_BLOCK = "a blank line before the next question (one answer block per question)"
NO_TILDE = "numerical answers after '=' ('~', feedback for any other answer, is not supported)"
WHICH_TYPE = "answers starting with '=' or '~', T or F, '#' for a number, or nothing for an essay"


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("::Open title{T}", 1, "'::' to close the question title"),
        ("Q {=a {=b}", 1, "'}' before another '{' (write \\{ for a literal brace)"),
        ("Q {T} and }", 1, "'{' before '}' (write \\} for a literal brace)"),
        ("Q {=a ~b} then {T}", 1, ONE_BLOCK),
        ("Q\n{\n~%150%a\n~b}", 3, "a weight between %-100% and %100% such as %50%, found %150%"),
        ("Q {~%50%a}", 1, "at least two answers in a multiple-choice question"),
        ("Q {~%-50%a ~b}", 1, "a right answer: '=' before it, or a positive weight such as ~%50%"),
        ("Q {=a ~}", 1, "answer text after '~'"),
        ("Q {=a ~#feedback only}", 1, "answer text after '~'"),
        ("Q {foo}", 1, f"{WHICH_TYPE}, found 'foo'"),
        ("Q {no =a}", 1, "'=' before each accepted answer, found 'no'"),
        ("Q {=a =}", 1, "an accepted answer after '='"),
        ("Q {wrong ~a =b}", 1, "'=' or '~' before each answer, found 'wrong'"),
        ("Q {#}", 1, "a number after '#' in a numerical question"),
        ("Q {#3,5}", 1, f"{NUMBER}, found '3,5'"),
        ("Q {#3:abc}", 1, f"{NUMBER}, found '3:abc'"),
        ("Q {#1e999}", 1, f"{NUMBER}, found '1e999'"),
        ("Q {#3:-1}", 1, "a tolerance of zero or more, found '3:-1'"),
        ("Q {#5..1}", 1, "a range from the smaller number to the larger, found '5..1'"),
        ("Q {#\n=3\n~#any other answer}", 3, NO_TILDE),
        ("Q {=a -> b}", 1, "at least two matching pairs (=item -> match)"),
        ("Q {=a -> b =-> c =-> d}", 1, "at least two matching pairs (=item -> match)"),
        ("Q {=a -> b =c ->}", 1, "a match after '->'"),
        ("Q {x =a -> b =c -> d}", 1, "'=' before each matching pair, found 'x'"),
        ("Q {\n=[latex]a\n~b}", 2, f"{FORMAT}, found [latex]"),
        ("Q {T#[tex]no}", 1, f"{FORMAT}, found [tex]"),
        ("::T::[html]{}", 1, "question text before the answer block"),
        ("::T::   {T}", 1, "question text before the answer block"),
    ],
)
def test_errors(text, line, expected):
    with pytest.raises(GiftError) as caught:
        parse_gift("::Fine::A good question first.{T}\n\n" + text)
    assert (caught.value.line - 2, caught.value.expected) == (line, expected)


def test_a_blank_line_inside_an_answer_block_ends_the_question():
    with pytest.raises(GiftError) as caught:
        parse_gift("Q {\n=a\n\n~b\n}")
    assert (caught.value.line, caught.value.expected) == (1, "'}' to close the answer block")


# --- Details of the syntax ---------------------------------------------------------------


def only(text: str) -> dict:
    result = parse_gift(text)
    assert len(result.questions) == 1, result
    return result.questions[0]


def test_crlf_line_endings_and_byte_order_mark():
    assert only("\ufeff// c\r\n::T::Q?\r\n{=a\r\n~b}\r\n")["choices"] == choices(
        ("a", 1.0), ("b", 0.0)
    )


@pytest.mark.parametrize(
    ("block", "answer"),
    [("T", True), ("TRUE", True), ("F", False), ("FALSE", False), ("true", True), (" F ", False)],
)
def test_true_false_words(block, answer):
    assert only(f"Q {{{block}}}")["answer"] is answer


def test_multiple_choice_needs_no_equals_when_a_weight_is_positive():
    assert only("Q {~%100%a ~b}")["type"] == "multiple_response"
    assert only("Q {=a ~%100%b}")["type"] == "single_choice"


def test_after_equals_a_choice_has_full_credit_and_no_weight():
    # As in Moodle: weights follow '~' in multiple choice; after '=' the text is taken as is.
    assert only("Q {=%50%a ~b}")["choices"][0] == {
        "id": "c1",
        "text": "%50%a",
        "credit": 1.0,
        "feedback": "",
    }


def test_percent_sign_without_closing_percent_is_text():
    assert only("Q {=a ~%age}")["choices"][1]["text"] == "%age"


def test_decimal_weights():
    credits = [c["credit"] for c in only("Q {~%12.5%a ~%87.5%b ~%-0.5%c}")["choices"]]
    assert credits == [0.125, 0.875, -0.005]


def test_general_feedback_can_use_a_format_and_html_becomes_plain_text():
    q = only("Q {T####[html]<p>See <b>page 3</b> &amp; 4.</p>}")
    assert q["general_feedback"] == "See page 3 & 4."


def test_html_question_parts_default_to_html():
    q = only("[html]<p>Pick</p>{=A &amp; B<br>C#<i>yes</i> ~[moodle]D &amp; E}")
    assert [(c["text"], c["feedback"]) for c in q["choices"]] == [
        ("A & B\nC", "yes"),
        ("D &amp; E", ""),
    ]


def test_short_answers_and_matching_answers_are_literal():
    q = only("[html]<p>Type it</p>{=[html]<b>x</b> =a &amp; b}")
    assert [a["text"] for a in q["answers"]] == ["<b>x</b>", "a &amp; b"]
    q = only("[html]Match{=<b>1</b> -> <i>one</i> =2 -> two}")
    assert q["pairs"][0] == {"id": "p1", "prompt": "1", "answer": "<i>one</i>"}


def test_brackets_at_the_start_of_a_text_after_a_format():
    assert only("[moodle][A] Paris {T}")["text"] == "[A] Paris"
    assert only("[1] Paris {T}")["text"] == "[1] Paris"


def test_matching_hash_is_literal_and_arrow_splits_once():
    q = only("Q {=a#1 -> b -> c =d -> e}")
    assert q["pairs"][0] == {"id": "p1", "prompt": "a#1", "answer": "b -> c"}


def test_comment_lines_do_not_split_questions_and_need_line_start():
    q = only("Q\n// comment\n{=a // not a comment\n  // comment\n~b}")
    assert [c["text"] for c in q["choices"]] == ["a // not a comment", "b"]


def test_category_line_alone_or_heading_a_question():
    result = parse_gift("$CATEGORY: A\n::1::Q {T}\n\n$CATEGORY:   B  \n\n::2::Q {T}")
    assert [q["category"] for q in result.questions] == ["A", "B"]
    assert result.categories == ["A", "B"]


def test_comment_only_items_and_empty_file():
    assert parse_gift("") == GiftResult()
    assert parse_gift("// only\n// comments\n\n\n") == GiftResult()


def test_skipped_items_do_not_stop_the_import():
    result = parse_gift("::About::Read this.\n\nQ {T}")
    assert [q["type"] for q in result.questions] == ["true_false"]
    assert result.skipped == [skipped_description(1, "About")]


def test_numerical_forms():
    assert only("Q {#3}")["answers"] == [number(3.0)]
    assert only("Q {#-2.5:0.5#close}")["answers"] == [number(-2.5, 0.5, feedback="close")]
    assert only("Q {#1.5..2.5}")["answers"] == [number(low=1.5, high=2.5)]
    assert only("Q {#1e3:1E1}")["answers"] == [number(1000.0, 10.0)]
    assert only("Q {#=%50%3 =4}")["answers"] == [number(3.0, credit=0.5), number(4.0)]


# --- Export -------------------------------------------------------------------------------


def test_export_canonical_text():
    questions = [
        single(
            "Capital",
            "Which is the capital of Albania?",
            ("Tirana", 1.0, "Yes."),
            ("Durrës", 0.5),
            ("Vlorë", -0.25),
            general_feedback="Since 1920.",
            category="Geo/Balkans",
        ),
        multiple("Two", "Pick two.", ("a", 0.5), ("b", 0.5), ("c", 0.0), category="Geo/Balkans"),
        true_false("TF", "True?", False, on_true="No.", on_false="Yes."),
        short("SA", "Acronym?", ("UNDP", 1.0), ("UN DP", 0.5, "Close."), case_sensitive=True),
        numerical(
            "Num",
            "Year?",
            number(1994.0),
            number(1994.0, 1.5, credit=0.5),
            number(low=-1.0, high=2.0, credit=0.1, feedback="Range."),
            points=2.0,
        ),
        matching("Match", "Match.", [("a", "1"), ("b", "2")], ["3"]),
        essay("Essay", "<p>Write.</p>", format="html", general_feedback="Be brief."),
    ]
    exported = export_gift(questions)
    assert exported == (
        "$CATEGORY: Geo/Balkans\n"
        "\n"
        "::Capital:: Which is the capital of Albania? {\n"
        "\t=Tirana#Yes.\n"
        "\t~%50%Durrës\n"
        "\t~%-25%Vlorë\n"
        "\t####Since 1920.\n"
        "}\n"
        "\n"
        "::Two:: Pick two. {\n"
        "\t~%50%a\n"
        "\t~%50%b\n"
        "\t~c\n"
        "}\n"
        "\n"
        "$CATEGORY:\n"
        "\n"
        "::TF:: True? {FALSE#No.#Yes.}\n"
        "\n"
        "// case sensitive: yes\n"
        "::SA:: Acronym? {\n"
        "\t=UNDP\n"
        "\t=%50%UN DP#Close.\n"
        "}\n"
        "\n"
        "// points: 2\n"
        "::Num:: Year? {#\n"
        "\t=1994\n"
        "\t=%50%1994:1.5\n"
        "\t=%10%-1..2#Range.\n"
        "}\n"
        "\n"
        "::Match:: Match. {\n"
        "\t=a -> 1\n"
        "\t=b -> 2\n"
        "\t=-> 3\n"
        "}\n"
        "\n"
        "::Essay:: [html]<p>Write.</p> {####Be brief.}\n"
    )
    assert parse_gift(exported).questions == questions


def test_export_escapes_special_characters():
    q = single("a::b", "1 + {1} = 2 ~ #1: \\o/<br>next", ("x=y", 1.0, "#1"), ("~z", 0.0))
    exported = export_gift([q])
    assert exported == (
        "::a\\:\\:b:: 1 + \\{1\\} \\= 2 \\~ \\#1\\: \\\\o/\\nnext {\n\t=x\\=y#\\#1\n\t~\\~z\n}\n"
    )
    assert parse_gift(exported).questions == [q]


def test_export_of_questions_from_the_quiz_blocks():
    """Questions from the StreamField: block ids, no category or format, rich-text HTML."""
    from_blocks = {
        "id": "7c0a-block-id",
        "type": "single_choice",
        "title": "",
        "text": '<p>Which <a href="https://hdr.undp.org">report</a>?</p>',
        "points": 2.0,
        "general_feedback": "",
        "choices": [
            {"id": "uuid-1", "text": "1994 HDR", "credit": 1.0, "feedback": ""},
            {"id": "uuid-2", "text": "Brundtland", "credit": 0.0, "feedback": "No."},
        ],
    }
    exported = export_gift([from_blocks])
    assert exported.startswith(
        '// points: 2\n[html]<p>Which <a href\\="https\\://hdr.undp.org">report</a>?</p> {'
    )
    (back,) = parse_gift(exported).questions
    assert back == {
        **from_blocks,
        "id": "",
        "choices": choices(("1994 HDR", 1.0), ("Brundtland", 0.0, "No.")),
        "category": "",
        "format": "html",
    }


def test_export_plain_text_without_format_key_is_moodle_text():
    q = essay("", "A &amp; B<br>C")
    del q["format"]
    assert export_gift([q]) == "A & B\\nC {}\n"


def test_export_protects_what_would_read_differently():
    questions = [
        essay("", "[x] starts with brackets"),
        essay("", "// starts like a comment"),
        single("", "Q", ("%5% text", 1.0), ("%6%", 0.0), ("[y]", 0.0)),
        # All choices right: '=' everywhere would read as a short answer.
        single("", "Q", ("a", 1.0), ("b", 1.0)),
        short("", "Q", ("a->b", 1.0, "c -> d"), ("[z]", 1.0), ("%7%", 1.0)),
        matching("", "Q", [("x->y", "1->2"), ("p", "q")]),
        matching("", "<p>Q</p>", [("x->y", "1->2"), ("<p>", "q")], format="html"),
    ]
    exported = export_gift(questions)
    assert "[moodle][x] starts" in exported
    assert "[moodle]// starts" in exported
    assert "\t=%5% text\n\t~%0%%6%\n\t~[moodle][y]\n" in exported
    assert "\t=a\n\t~%100%b\n" in exported
    assert "\t=a-\\>b#c -\\> d\n\t=[plain][z]\n\t=%100%%7%\n" in exported
    assert "\t=x-\\>y -> 1->2\n" in exported
    assert "\t=x-&gt;y -> 1->2\n\t=&lt;p&gt; -> q\n" in exported
    assert parse_gift(exported).questions == questions


def test_export_true_false_feedback_positions():
    both = true_false("", "Q", True, on_true="right", on_false="wrong")
    right_only = true_false("", "Q", True, on_true="right")
    wrong_only = true_false("", "Q", False, on_true="wrong")
    assert export_gift([both]) == "Q {TRUE#wrong#right}\n"
    assert export_gift([right_only]) == "Q {TRUE##right}\n"
    assert export_gift([wrong_only]) == "Q {FALSE#wrong}\n"
    assert parse_gift(export_gift([both, right_only, wrong_only])).questions == [
        both,
        right_only,
        wrong_only,
    ]


def test_export_empty_list():
    assert export_gift([]) == ""


# --- Properties ---------------------------------------------------------------------------

ALPHABET = "abc XYZ 09~=#{}:\\%[]-></_.,'\"&*\t\nşğıëçЂ"
FRAGMENTS = [
    "->",
    "//",
    "[html]",
    "[x]",
    "%",
    "%50%",
    "####",
    "#",
    "\\n",
    "\\",
    "::",
    "{",
    "}",
    "=",
    "~",
    ":",
    "..",
    "<b>",
    "&amp;",
    "$CATEGORY:",
    "_____",
    " ",
    "\n",
    "ş",
    "Ђ",
    "ı",
    "T",
    "a",
]
raw_text = st.one_of(
    st.text(ALPHABET, max_size=24), st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join)
)
optional_text = raw_text.map(str.strip)
required_text = optional_text.filter(bool)
one_line = st.text(ALPHABET.replace("\n", ""), max_size=16).map(str.strip)
credits = st.one_of(
    st.sampled_from([-1.0, -0.5, 0.0, 0.25, 1 / 3, 0.5, 1.0]),
    st.floats(min_value=-1, max_value=1, allow_nan=False),
)
finite = st.floats(allow_nan=False, allow_infinity=False)
points = st.one_of(st.just(1.0), st.floats(min_value=0.01, max_value=1000))


def plain_to_html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


@st.composite
def question_base(draw, kind: str) -> dict:
    fmt = draw(st.sampled_from(FORMATS))
    text = draw(required_text)
    return {
        "id": "",
        "type": kind,
        "title": draw(optional_text),
        "text": text if fmt == "html" else plain_to_html(text),
        "points": draw(points),
        "general_feedback": draw(optional_text),
        "category": draw(st.one_of(st.just(""), one_line)),
        "format": fmt,
    }


@st.composite
def choice_question(draw, kind: str) -> dict:
    q = draw(question_base(kind))
    n = draw(st.integers(min_value=2, max_value=5))
    credit_list = [draw(credits) for _ in range(n)]
    k = draw(st.integers(min_value=0, max_value=n - 1))
    if kind == "single_choice":
        credit_list[k] = 1.0
    elif credit_list[k] <= 0:
        credit_list[k] = draw(st.floats(min_value=0.001, max_value=1))
    q["choices"] = [
        {"id": f"c{i}", "text": draw(required_text), "credit": c, "feedback": draw(optional_text)}
        for i, c in enumerate(credit_list, start=1)
    ]
    return q


@st.composite
def true_false_question(draw) -> dict:
    q = draw(question_base("true_false"))
    q.update(
        answer=draw(st.booleans()),
        feedback_true=draw(optional_text),
        feedback_false=draw(optional_text),
    )
    return q


@st.composite
def short_answer_question(draw) -> dict:
    q = draw(question_base("short_answer"))
    q["answers"] = draw(
        st.lists(
            st.fixed_dictionaries(
                {"text": required_text, "credit": credits, "feedback": optional_text}
            ),
            min_size=1,
            max_size=4,
        )
    )
    q["case_sensitive"] = draw(st.booleans())
    return q


@st.composite
def numerical_answer(draw) -> dict:
    if draw(st.booleans()):
        value, tolerance, low, high = (
            draw(finite),
            draw(st.floats(min_value=0, allow_infinity=False)),
            None,
            None,
        )
    else:
        low, high = sorted([draw(finite), draw(finite)])
        value, tolerance = None, 0.0
    return {
        "value": value,
        "tolerance": tolerance,
        "min": low,
        "max": high,
        "credit": draw(credits),
        "feedback": draw(optional_text),
    }


@st.composite
def numerical_question(draw) -> dict:
    q = draw(question_base("numerical"))
    q["answers"] = draw(st.lists(numerical_answer(), min_size=1, max_size=3))
    return q


@st.composite
def matching_question(draw) -> dict:
    q = draw(question_base("matching"))
    pairs = draw(st.lists(st.tuples(required_text, required_text), min_size=2, max_size=4))
    q["pairs"] = [
        {"id": f"p{i}", "prompt": prompt, "answer": answer}
        for i, (prompt, answer) in enumerate(pairs, start=1)
    ]
    q["distractors"] = draw(st.lists(required_text, max_size=2))
    return q


questions = st.lists(
    st.one_of(
        choice_question("single_choice"),
        choice_question("multiple_response"),
        true_false_question(),
        short_answer_question(),
        numerical_question(),
        matching_question(),
        question_base("essay"),
    ),
    max_size=6,
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(questions)
def test_round_trip_of_random_questions(qs):
    assert parse_gift(export_gift(qs)).questions == qs


@settings(max_examples=500)
@given(st.one_of(st.text(), raw_text, st.lists(raw_text, max_size=6).map("\n".join)))
@example("{")
@example("}")
@example("::")
@example("Q {#1e99999}")
@example("Q {~%1e5%a ~b}")
@example("[html]<!x{T}")
@example("Q {=<![ -> b =c -> d}")
def test_arbitrary_text_parses_or_raises_gift_error(text):
    try:
        result = parse_gift(text)
    except GiftError as error:
        caught = error
    else:
        caught = None
    if caught is not None:
        assert caught.line >= 1
        assert str(caught) == f"line {caught.line}: expected {caught.expected}"
        return
    assert isinstance(result, GiftResult)
    # Whatever parses is canonical: it survives a round trip.
    assert parse_gift(export_gift(result.questions)).questions == result.questions
