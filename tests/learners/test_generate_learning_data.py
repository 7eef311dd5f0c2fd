"""The load-data generator: counts, constraints, consistent progress, determinism, refusal."""

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count

from courses.activities import course_activities_for
from courses.models import ActivityCompletion, CoursePage, Enrolment, LessonPage, ModulePage
from learners.management.commands.generate_learning_data import COURSE_SLUG_PREFIX, EMAIL_DOMAIN
from learners.models import User
from quizzes.models import QuizAttempt, QuizPage

pytestmark = pytest.mark.django_db


def generate(**options):
    out = io.StringIO()
    call_command("generate_learning_data", stdout=out, **options)
    return out.getvalue()


def fingerprint() -> dict:
    """Everything the generator decides, without database ids (sequences differ per run)."""
    return {
        "users": sorted(
            User.objects.filter(email__endswith=EMAIL_DOMAIN).values_list(
                "email", "display_name", "country__slug", "organisation", "date_joined"
            )
        ),
        "courses": sorted(
            CoursePage.objects.filter(slug__startswith=COURSE_SLUG_PREFIX).values_list(
                "slug", "title", "language", "translation_key"
            )
        ),
        "enrolments": sorted(
            Enrolment.objects.values_list(
                "learner__email",
                "course__translation_key",
                "status",
                "requested_at",
                "enrolled_at",
                "completed_at",
                "withdrawn_at",
            ),
            key=str,
        ),
        "completions": sorted(
            ActivityCompletion.objects.values_list(
                "enrolment__learner__email", "activity_key", "completed_at"
            )
        ),
        "attempts": sorted(
            QuizAttempt.objects.values_list("learner__email", "quiz_key", "number", "percent")
        ),
    }


def test_counts_constraints_and_consistent_progress():
    output = generate(learners=30, courses=2, seed=1)

    learners = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    assert learners.count() == 30
    assert "Generated 30 learners and 2 courses" in output
    assert not any(user.has_usable_password() for user in learners)
    assert learners.exclude(country=None).exists()
    assert learners.exclude(organisation="").exists()

    courses = list(CoursePage.objects.filter(slug__startswith=COURSE_SLUG_PREFIX))
    assert len(courses) == 2
    for course in courses:
        modules = ModulePage.objects.child_of(course)
        assert 3 <= modules.count() <= 4
        for module in modules:
            assert 3 <= LessonPage.objects.child_of(module).count() <= 5
            assert QuizPage.objects.child_of(module).count() == 1

    # Every learner has 1–4 enrolments (at most one per course: the unique constraint).
    per_learner = Counter(Enrolment.objects.values_list("learner_id", flat=True))
    assert set(per_learner) == set(learners.values_list("pk", flat=True))
    assert all(1 <= n <= 2 for n in per_learner.values())
    assert not Enrolment.objects.values("learner", "course").annotate(n=Count("id")).filter(n__gt=1)
    assert not (
        ActivityCompletion.objects.values("enrolment", "activity_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not (
        QuizAttempt.objects.values("learner", "quiz_key", "number")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert set(QuizAttempt.objects.values_list("status", flat=True)) == {"graded"}

    # Progress matches the enrolment: completed ones have every required activity done,
    # the others do not; only enrolled (or since withdrawn) learners have progress.
    activities = course_activities_for(courses)
    enrolments = Enrolment.objects.prefetch_related("completions")
    statuses = Counter()
    completed = 0
    for enrolment in enrolments:
        statuses[enrolment.status] += 1
        keys = {c.activity_key for c in enrolment.completions.all()}
        required = activities[enrolment.course_id].required
        assert keys <= activities[enrolment.course_id].all
        if enrolment.completed_at:
            completed += 1
            assert enrolment.status == Enrolment.Status.ACTIVE
            assert keys >= required
            assert enrolment.completed_at == max(
                c.completed_at for c in enrolment.completions.all()
            )
        else:
            assert not keys >= required
        if keys:
            assert enrolment.status in (Enrolment.Status.ACTIVE, Enrolment.Status.WITHDRAWN)
            assert all(c.completed_at >= enrolment.enrolled_at for c in enrolment.completions.all())
            assert enrolment.last_active_at == max(
                c.completed_at for c in enrolment.completions.all()
            )
    assert statuses[Enrolment.Status.ACTIVE] > len(enrolments) / 2
    assert completed > 0
    assert ActivityCompletion.objects.exists()

    # A completed quiz has a passed attempt; activity rows point at their pages.
    quiz_keys = set(QuizPage.objects.values_list("translation_key", flat=True))
    passed = set(QuizAttempt.objects.filter(passed=True).values_list("enrolment_id", "quiz_key"))
    for enrolment_id, key, page_key in ActivityCompletion.objects.values_list(
        "enrolment_id", "activity_key", "activity__translation_key"
    ):
        assert key == page_key
        if key in quiz_keys:
            assert (enrolment_id, key) in passed
    for attempt in QuizAttempt.objects.all()[:50]:
        assert attempt.passed == (attempt.percent >= attempt.pass_mark)
        assert attempt.snapshot
        assert attempt.results


def test_same_seed_same_data():
    class Rollback(Exception):
        pass

    runs = []
    for _ in range(2):
        try:
            with transaction.atomic():
                generate(learners=30, courses=2, seed=1)
                runs.append(fingerprint())
                raise Rollback
        except Rollback:
            pass
    assert runs[0]["users"]
    assert runs[0]["enrolments"]
    assert runs[0]["completions"]
    assert runs[0] == runs[1]

    generate(learners=30, courses=2, seed=2)
    assert fingerprint()["users"] != runs[0]["users"]


def test_refuses_without_demo_data_allowed(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="DEMO_DATA_ALLOWED"):
        generate(learners=1, courses=1)
    assert not User.objects.filter(email__endswith=EMAIL_DOMAIN).exists()
    assert not CoursePage.objects.filter(slug__startswith=COURSE_SLUG_PREFIX).exists()
