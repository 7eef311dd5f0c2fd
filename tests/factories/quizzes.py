"""Quiz pages with questions of every type, as StreamField raw data."""

import uuid

import factory
import wagtail_factories

from quizzes.models import QuizPage


def _id() -> str:
    return str(uuid.uuid4())


def choice(text: str, credit: float, feedback: str = "") -> dict:
    return {
        "type": "item",
        "id": _id(),
        "value": {"text": text, "credit": credit, "feedback": feedback},
    }


def single_choice(text="Which report introduced human security?", points=1.0, **extra):
    return {
        "type": "single_choice",
        "id": _id(),
        "value": {
            "title": "",
            "text": f"<p>{text}</p>",
            "points": points,
            "general_feedback": "The 1994 Human Development Report.",
            "choices": [
                choice("UNDP Human Development Report 1994", 100, "RIGHT-FEEDBACK-1994"),
                choice("Helsinki Final Act", 0, "WRONG-FEEDBACK-HELSINKI"),
                choice("Treaty of Lisbon", 0, "WRONG-FEEDBACK-LISBON"),
            ],
            **extra,
        },
    }


def true_false(answer=False, points=1.0):
    return {
        "type": "true_false",
        "id": _id(),
        "value": {
            "title": "",
            "text": "<p>Human security concerns only states.</p>",
            "points": points,
            "general_feedback": "",
            "answer": answer,
            "feedback_true": "FEEDBACK-TRUE",
            "feedback_false": "FEEDBACK-FALSE",
        },
    }


def short_answer(accepted="UNDP", points=1.0):
    return {
        "type": "short_answer",
        "id": _id(),
        "value": {
            "title": "",
            "text": "<p>Which UN agency published the 1994 report?</p>",
            "points": points,
            "general_feedback": "",
            "case_sensitive": False,
            "answers": [
                {
                    "type": "item",
                    "id": _id(),
                    "value": {"text": accepted, "credit": 100.0, "feedback": ""},
                }
            ],
        },
    }


def essay(points=5.0):
    return {
        "type": "essay",
        "id": _id(),
        "value": {
            "title": "",
            "text": "<p>Describe an everyday insecurity.</p>",
            "points": points,
            "general_feedback": "",
        },
    }


class QuizPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = QuizPage

    title = factory.Sequence(lambda n: f"Quiz {n}")
    pass_mark = 50
    shuffle_choices = True
    questions = factory.LazyFunction(lambda: [single_choice(), true_false()])
