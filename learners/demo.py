"""Demo accounts for the ``seed_demo`` command (never run in production)."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .models import User

DEMO_PASSWORD = "learn-human-security"  # noqa: S105 - printed by seed_demo on purpose

DEMO_ACCOUNTS = [
    {"email": "admin@example.org", "first_name": "Ana", "last_name": "Admin", "role": "admin"},
    {
        "email": "trainer@example.org",
        "first_name": "Tarik",
        "last_name": "Trainer",
        "role": "trainer",
    },
    {
        "email": "learner@example.org",
        "first_name": "Lejla",
        "last_name": "Learner",
        "role": "learner",
    },
]


@transaction.atomic
def seed_accounts() -> dict[str, User]:
    """Create the three demo accounts, verified, with the demo password (idempotent)."""
    users = {}
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=account["email"],
            defaults={
                "first_name": account["first_name"],
                "last_name": account["last_name"],
                "is_staff": account["role"] == "admin",
                "is_superuser": account["role"] == "admin",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user,
            email=user.email,
            defaults={"verified": True, "primary": True},
        )
        if account["role"] == "trainer":
            # The group is created by a courses migration: it may edit and submit, not publish.
            user.groups.add(Group.objects.get(name="Trainers"))
        users[account["role"]] = user
    return users


COMPLETED_COURSE_SLUG = "dobro-upravljanje-i-odgovornost-policije"


def _best_answers(snapshot: list[dict]) -> dict:
    answers = {}
    for question in snapshot:
        kind = question["type"]
        if kind == "single_choice":
            answers[question["id"]] = max(question["choices"], key=lambda c: c["credit"])["id"]
        elif kind == "multiple_response":
            answers[question["id"]] = [c["id"] for c in question["choices"] if c["credit"] > 0]
        elif kind == "true_false":
            answers[question["id"]] = "true" if question["answer"] else "false"
        elif kind in {"short_answer", "numerical"} and question.get("answers"):
            best = max(question["answers"], key=lambda a: a["credit"])
            answers[question["id"]] = str(best.get("text", best.get("value", "")))
    return answers


def seed_completed_course(*, learner, courses) -> None:
    """The demo learner completes the short Serbian course (every lesson, every quiz passed)
    and holds its certificate (idempotent: services ignore what is already done)."""
    from courses.models import Enrolment, LessonPage
    from courses.services import activity_complete, enrolment_request
    from quizzes.models import QuizAttempt, QuizPage
    from quizzes.services import attempt_start, attempt_submit

    from .certificates import certificate_issue

    course = next((c for c in courses if c.slug == COMPLETED_COURSE_SLUG), None)
    if course is None:
        return
    enrolment_request(learner=learner, course=course)
    for lesson in LessonPage.objects.descendant_of(course).live().order_by("path"):
        activity_complete(learner=learner, activity=lesson)
    for quiz in QuizPage.objects.descendant_of(course).live().order_by("path"):
        attempts = QuizAttempt.objects.filter(learner=learner, quiz_key=quiz.translation_key)
        if not attempts.filter(passed=True).exists():
            attempt = attempt_start(learner=learner, quiz=quiz)
            attempt = attempt_submit(attempt=attempt, answers=_best_answers(attempt.snapshot))
            if not attempt.passed:
                # A question type the demo cannot answer: record the quiz as done instead.
                activity_complete(learner=learner, activity=quiz)
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    if enrolment.completed_at:
        # Normally the worker issues it; the demo must not depend on one running.
        certificate_issue(enrolment=enrolment)
