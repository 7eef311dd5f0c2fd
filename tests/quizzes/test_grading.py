"""Grading functions: properties that must hold for any question and any response."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from quizzes.grading import grade_question, parse_number

points = st.floats(min_value=0.5, max_value=100, allow_nan=False).map(lambda p: round(p, 2))
credit = st.sampled_from([-1.0, -0.5, -0.25, 0.0, 0.25, 1 / 3, 0.5, 1.0])
text = st.text(alphabet="abcšđčćžığşëçЂж 123", min_size=1, max_size=12).filter(str.strip)


@st.composite
def choice_questions(draw, kind):
    n = draw(st.integers(min_value=2, max_value=6))
    credits = [draw(credit) for _ in range(n)]
    if kind == "single_choice":
        credits[draw(st.integers(0, n - 1))] = 1.0
    else:
        assume(sum(c for c in credits if c > 0) >= 1 - 1e-9)
    return {
        "id": "q",
        "type": kind,
        "title": "",
        "text": "?",
        "general_feedback": "",
        "points": draw(points),
        "choices": [
            {"id": f"c{i}", "text": f"choice {i}", "credit": c, "feedback": f"fb {i}"}
            for i, c in enumerate(credits)
        ],
    }


@st.composite
def short_answer_questions(draw):
    answers = draw(st.lists(text, min_size=1, max_size=4, unique_by=str.casefold))
    return {
        "id": "q",
        "type": "short_answer",
        "title": "",
        "text": "?",
        "general_feedback": "",
        "points": draw(points),
        "case_sensitive": False,
        "answers": [
            {"text": a, "credit": 1.0 if i == 0 else draw(credit), "feedback": ""}
            for i, a in enumerate(answers)
        ],
    }


@st.composite
def numerical_questions(draw):
    value = draw(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
    tolerance = draw(st.floats(min_value=0, max_value=100, allow_nan=False))
    return {
        "id": "q",
        "type": "numerical",
        "title": "",
        "text": "?",
        "general_feedback": "",
        "points": draw(points),
        "answers": [
            {
                "value": value,
                "tolerance": tolerance,
                "min": None,
                "max": None,
                "credit": 1.0,
                "feedback": "",
            }
        ],
    }


@st.composite
def matching_questions(draw):
    prompts = draw(st.lists(text, min_size=2, max_size=5, unique=True))
    answers = draw(st.lists(text, min_size=len(prompts), max_size=len(prompts), unique=True))
    return {
        "id": "q",
        "type": "matching",
        "title": "",
        "text": "?",
        "general_feedback": "",
        "points": draw(points),
        "distractors": ["distractor"],
        "pairs": [
            {"id": f"p{i}", "prompt": p, "answer": a}
            for i, (p, a) in enumerate(zip(prompts, answers, strict=True))
        ],
    }


any_response = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    text,
    st.just(""),
    st.lists(st.sampled_from(["c0", "c1", "c2", "c9", "x"]), max_size=6),
    st.dictionaries(st.sampled_from(["p0", "p1", "p9"]), text, max_size=3),
)
questions = st.one_of(
    choice_questions("single_choice"),
    choice_questions("multiple_response"),
    short_answer_questions(),
    numerical_questions(),
    matching_questions(),
    st.builds(
        lambda p, a: {
            "id": "q",
            "type": "true_false",
            "title": "",
            "text": "?",
            "general_feedback": "",
            "points": p,
            "answer": a,
            "feedback_true": "t",
            "feedback_false": "f",
        },
        points,
        st.booleans(),
    ),
)


def key_response(question):
    kind = question["type"]
    if kind == "single_choice":
        return next(c["id"] for c in question["choices"] if c["credit"] == 1.0)
    if kind == "multiple_response":
        return [c["id"] for c in question["choices"] if c["credit"] > 0]
    if kind == "true_false":
        return question["answer"]
    if kind == "short_answer":
        return question["answers"][0]["text"]
    if kind == "numerical":
        return repr(question["answers"][0]["value"])
    return {pair["id"]: pair["answer"] for pair in question["pairs"]}


@given(questions, any_response)
def test_score_is_always_within_zero_and_points(question, response):
    grade = grade_question(question, response)
    assert 0 <= grade.score <= question["points"]


@given(questions)
def test_the_key_gets_full_marks(question):
    grade = grade_question(question, key_response(question))
    assert grade.score == pytest.approx(question["points"])
    assert grade.correct


@given(questions, st.sampled_from([None, "", [], {}]))
def test_an_empty_answer_scores_nothing(question, empty):
    assert grade_question(question, empty).score == 0


@given(choice_questions("multiple_response"), st.data())
def test_multiple_response_is_monotonic_in_positive_choices(question, data):
    chosen = data.draw(
        st.lists(st.sampled_from([c["id"] for c in question["choices"]]), unique=True)
    )
    positive = [c["id"] for c in question["choices"] if c["credit"] > 0 and c["id"] not in chosen]
    assume(positive)
    before = grade_question(question, chosen).score
    after = grade_question(question, [*chosen, positive[0]]).score
    assert after >= before


@given(matching_questions(), st.data())
def test_matching_more_right_pairs_never_scores_less(question, data):
    pairs = question["pairs"]
    k = data.draw(st.integers(0, len(pairs) - 1))
    partial = {p["id"]: p["answer"] for p in pairs[:k]}
    more = {p["id"]: p["answer"] for p in pairs[: k + 1]}
    assert grade_question(question, more).score >= grade_question(question, partial).score


def test_negative_credit_is_clamped_to_zero():
    question = {
        "id": "q",
        "type": "multiple_response",
        "title": "",
        "text": "?",
        "general_feedback": "",
        "points": 2,
        "choices": [
            {"id": "a", "text": "a", "credit": 0.5, "feedback": ""},
            {"id": "b", "text": "b", "credit": 0.5, "feedback": ""},
            {"id": "c", "text": "c", "credit": -1.0, "feedback": "no"},
        ],
    }
    assert grade_question(question, ["a", "c"]).score == 0
    assert grade_question(question, ["a"]).score == 1
    assert grade_question(question, ["a", "b"]).score == 2
    assert grade_question(question, ["a", "c"]).feedback == ["no"]


def test_short_answer_is_case_insensitive_by_default_and_partial_credit():
    question = {
        "id": "q",
        "type": "short_answer",
        "title": "",
        "text": "?",
        "general_feedback": "",
        "points": 4,
        "case_sensitive": False,
        "answers": [
            {"text": "Human Development Report", "credit": 1.0, "feedback": "Yes"},
            {"text": "HDR", "credit": 0.5, "feedback": "Spell it out"},
        ],
    }
    assert grade_question(question, "  human   development report ").score == 4
    assert grade_question(question, "hdr").score == 2
    assert grade_question(question, "UN report").score == 0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3.5", 3.5),
        ("3,5", 3.5),
        (" -2 ", -2.0),
        ("1e3", 1000.0),
        ("abc", None),
        ("nan", None),
        ("inf", None),
        ("", None),
        ("1.2.3", None),
        (True, None),
    ],
)
def test_numbers_are_read_as_people_type_them(typed, expected):
    assert parse_number(typed) == expected


def test_numerical_range_and_tolerance():
    question = {
        "id": "q",
        "type": "numerical",
        "title": "",
        "text": "?",
        "general_feedback": "",
        "points": 1,
        "answers": [
            {
                "value": 1994,
                "tolerance": 0,
                "min": None,
                "max": None,
                "credit": 1.0,
                "feedback": "",
            },
            {
                "value": None,
                "tolerance": 0,
                "min": 1990,
                "max": 1999,
                "credit": 0.5,
                "feedback": "Close",
            },
        ],
    }
    assert grade_question(question, "1994").score == 1
    assert grade_question(question, "1992").score == 0.5
    assert grade_question(question, "2005").score == 0


def test_essays_await_grading_unless_empty():
    question = {
        "id": "q",
        "type": "essay",
        "title": "",
        "text": "?",
        "general_feedback": "",
        "points": 5,
    }
    assert grade_question(question, "<p>My answer</p>").awaiting_grading
    assert grade_question(question, "   ").score == 0
