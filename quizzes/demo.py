"""Demo quizzes for the ``seed_demo`` command (never run in production).

Each demo module gets a quiz whose questions come from a GIFT file in ``demo_gift/`` (written
for this project), imported the way a trainer would import a Moodle question bank.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from courses.models import CoursePage, ModulePage

from .gift import parse_gift
from .gift_import import questions_to_stream_data
from .models import QuizPage

GIFT_DIR = Path(__file__).resolve().parent / "demo_gift"
QUIZ_TITLES = {"en": "Check your understanding", "sr-latn": "Proverite svoje znanje"}
QUIZ_INTROS = {
    "en": "<p>A short quiz on this module. You need 60% to pass; you may try again.</p>",
    "sr-latn": "<p>Kratak test o ovom modulu. Za prolaz je potrebno 60%; možete pokušati "
    "ponovo.</p>",
}


@transaction.atomic
def seed_quizzes(*, courses: list[CoursePage]) -> list[QuizPage]:
    """Add one quiz, from its GIFT file, at the end of every demo module (idempotent)."""
    quizzes = []
    for course in courses:
        language = course.language if course.language in QUIZ_TITLES else "en"
        for module in ModulePage.objects.child_of(course).order_by("path"):
            gift_file = GIFT_DIR / course.slug / f"{module.slug}.gift"
            if not gift_file.exists():
                continue
            quiz = QuizPage.objects.child_of(module).first()
            if quiz is None:
                questions = parse_gift(gift_file.read_text(encoding="utf-8")).questions
                quiz = QuizPage(
                    title=QUIZ_TITLES[language],
                    slug=f"{module.slug}-quiz",
                    intro=QUIZ_INTROS[language],
                    pass_mark=60,
                    max_attempts=0,
                    questions=questions_to_stream_data(questions),
                )
                module.add_child(instance=quiz)
                quiz.save_revision().publish()
            quizzes.append(quiz)
    return quizzes


def seed_attempt(*, learner, quiz: QuizPage) -> None:
    """One submitted attempt by the demo learner (only if they have none yet)."""
    from .models import QuizAttempt
    from .services import attempt_start, attempt_submit

    if QuizAttempt.objects.filter(learner=learner, quiz_key=quiz.translation_key).exists():
        return
    attempt = attempt_start(learner=learner, quiz=quiz)
    answers = {}
    for question in attempt.snapshot:
        if question["type"] == "single_choice":
            answers[question["id"]] = max(question["choices"], key=lambda c: c["credit"])["id"]
        elif question["type"] == "true_false":
            answers[question["id"]] = "true" if question["answer"] else "false"
    attempt_submit(attempt=attempt, answers=answers)
