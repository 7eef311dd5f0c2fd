"""Question types as StreamField blocks authored in the Wagtail admin.

Each block turns its value into the plain question form of ``quizzes.questions`` with
``to_question``; that is what attempts snapshot and graders read. Credits are entered as
percentages (100 = full marks, -50 takes half away) and stored in the question as fractions.
Choice and pair ids are the list items' own block ids, so they stay stable across edits.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .questions import Question

QUESTION_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def _credit_block(default: float = 0.0, **kwargs) -> blocks.FloatBlock:
    return blocks.FloatBlock(
        label=_("Credit (%)"),
        default=default,
        min_value=-100,
        max_value=100,
        help_text=_("100 for a fully correct answer; negative values take marks away."),
        **kwargs,
    )


class QuestionBlock(blocks.StructBlock):
    """Fields every question type has."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Question"), features=QUESTION_TEXT_FEATURES)
    points = blocks.FloatBlock(label=_("Points"), default=1.0, min_value=0.01, max_value=1000)
    general_feedback = blocks.TextBlock(
        label=_("General feedback"),
        required=False,
        help_text=_("Shown with the review, whatever the answer."),
    )

    question_type = ""

    class Meta:
        template = "blocks/quiz_question_admin_preview.html"

    def base_question(self, value, block_id: str) -> Question:
        return {
            "id": block_id,
            "type": self.question_type,
            "title": value["title"],
            "text": value["text"].source,
            "points": float(value["points"]),
            "general_feedback": value["general_feedback"],
        }


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=500)
    credit = _credit_block()
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=500)

    class Meta:
        icon = "radio-full"


def _items_with_ids(list_value):
    return [(child.id, child.value) for child in list_value.bound_blocks]


class SingleChoiceQuestionBlock(QuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Answers"), min_num=2)
    question_type = "single_choice"

    class Meta:
        icon = "radio-empty"
        label = _("Single choice")
        description = _("One answer is right (100%); others may give partial credit.")
        preview_value = {
            "text": "<p>Which report introduced the concept of human security?</p>",
            "points": 1,
        }

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["credit"] == 100 for choice in value["choices"]):
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Give one answer a credit of 100."))}
            )
        return value

    def to_question(self, value, block_id: str) -> Question:
        question = self.base_question(value, block_id)
        question["choices"] = [
            {"id": cid, "text": c["text"], "credit": c["credit"] / 100, "feedback": c["feedback"]}
            for cid, c in _items_with_ids(value["choices"])
        ]
        return question


class MultipleResponseQuestionBlock(SingleChoiceQuestionBlock):
    question_type = "multiple_response"

    class Meta:
        icon = "tasks"
        label = _("Multiple response")
        description = _(
            "Several answers may be right: credits of the chosen answers add up, and the total "
            "is kept between 0 and the points."
        )
        preview_value = {"text": "<p>Which are dimensions of human security?</p>", "points": 2}

    def clean(self, value):
        value = blocks.StructBlock.clean(self, value)
        if sum(c["credit"] for c in value["choices"] if c["credit"] > 0) < 99.99:
            raise StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(
                        _("The positive credits must add up to at least 100.")
                    )
                }
            )
        return value


class TrueFalseQuestionBlock(QuestionBlock):
    answer = blocks.BooleanBlock(label=_("The statement is true"), required=False)
    feedback_true = blocks.CharBlock(label=_("Feedback for “true”"), required=False, max_length=500)
    feedback_false = blocks.CharBlock(
        label=_("Feedback for “false”"), required=False, max_length=500
    )
    question_type = "true_false"

    class Meta:
        icon = "tick"
        label = _("True or false")
        description = _("A statement learners judge true or false, with feedback for each.")
        preview_value = {"text": "<p>Human security concerns only states.</p>", "points": 1}

    def to_question(self, value, block_id: str) -> Question:
        question = self.base_question(value, block_id)
        question.update(
            answer=bool(value["answer"]),
            feedback_true=value["feedback_true"],
            feedback_false=value["feedback_false"],
        )
        return question


class ShortAnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Accepted answer"), max_length=200)
    credit = _credit_block(default=100.0)
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=500)


class ShortAnswerQuestionBlock(QuestionBlock):
    answers = blocks.ListBlock(ShortAnswerBlock(), label=_("Accepted answers"), min_num=1)
    case_sensitive = blocks.BooleanBlock(label=_("Case sensitive"), required=False)
    question_type = "short_answer"

    class Meta:
        icon = "edit"
        label = _("Short answer")
        description = _("A word or phrase; several answers may be accepted, each with a credit.")
        preview_value = {"text": "<p>Name the UN agency that published the 1994 report.</p>"}

    def to_question(self, value, block_id: str) -> Question:
        question = self.base_question(value, block_id)
        question["case_sensitive"] = bool(value["case_sensitive"])
        question["answers"] = [
            {"text": a["text"], "credit": a["credit"] / 100, "feedback": a["feedback"]}
            for a in value["answers"]
        ]
        return question


class NumericalAnswerBlock(blocks.StructBlock):
    value = blocks.FloatBlock(label=_("Value"), required=False)
    tolerance = blocks.FloatBlock(label=_("± tolerance"), required=False, min_value=0)
    minimum = blocks.FloatBlock(label=_("Or from"), required=False)
    maximum = blocks.FloatBlock(label=_("to"), required=False)
    credit = _credit_block(default=100.0)
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=500)

    def clean(self, value):
        value = super().clean(value)
        has_value = value["value"] is not None
        has_range = value["minimum"] is not None and value["maximum"] is not None
        if has_value == has_range:
            raise ValidationError(_("Give either a value (with a tolerance) or a range."))
        if has_range and value["minimum"] > value["maximum"]:
            raise ValidationError(_("The range must start below its end."))
        return value


class NumericalQuestionBlock(QuestionBlock):
    answers = blocks.ListBlock(NumericalAnswerBlock(), label=_("Accepted answers"), min_num=1)
    question_type = "numerical"

    class Meta:
        icon = "order"
        label = _("Numerical")
        description = _("A number, within a tolerance or a range.")
        preview_value = {"text": "<p>In which year was the report published?</p>"}

    def to_question(self, value, block_id: str) -> Question:
        question = self.base_question(value, block_id)
        question["answers"] = [
            {
                "value": a["value"],
                "tolerance": a["tolerance"] or 0.0,
                "min": a["minimum"] if a["value"] is None else None,
                "max": a["maximum"] if a["value"] is None else None,
                "credit": a["credit"] / 100,
                "feedback": a["feedback"],
            }
            for a in value["answers"]
        ]
        return question


class MatchPairBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(label=_("Item"), max_length=300)
    answer = blocks.CharBlock(label=_("Matches"), max_length=300)


class MatchingQuestionBlock(QuestionBlock):
    pairs = blocks.ListBlock(MatchPairBlock(), label=_("Pairs"), min_num=2)
    distractors = blocks.ListBlock(
        blocks.CharBlock(max_length=300), label=_("Extra wrong answers"), required=False
    )
    question_type = "matching"

    class Meta:
        icon = "list-ul"
        label = _("Matching")
        description = _("Learners match each item to its answer; wrong extra answers allowed.")
        preview_value = {"text": "<p>Match each threat to its dimension.</p>", "points": 3}

    def to_question(self, value, block_id: str) -> Question:
        question = self.base_question(value, block_id)
        question["pairs"] = [
            {"id": pid, "prompt": p["prompt"], "answer": p["answer"]}
            for pid, p in _items_with_ids(value["pairs"])
        ]
        question["distractors"] = list(value["distractors"])
        return question


class EssayQuestionBlock(QuestionBlock):
    question_type = "essay"

    class Meta:
        icon = "doc-full"
        label = _("Essay")
        description = _("A written answer, graded by hand by a trainer.")
        preview_value = {"text": "<p>Describe one everyday insecurity in your town.</p>"}

    def to_question(self, value, block_id: str) -> Question:
        return self.base_question(value, block_id)


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_response = MultipleResponseQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    short_answer = ShortAnswerQuestionBlock()
    numerical = NumericalQuestionBlock()
    matching = MatchingQuestionBlock()
    essay = EssayQuestionBlock()


def questions_from_stream(stream_value) -> list[Question]:
    """The quiz's questions in authoring order, as plain data."""
    return [child.block.to_question(child.value, child.id) for child in stream_value]
