"""Trainers' quiz tools in the admin: attempts, the essay grading queue, the per-question summary.

Attempts are made the way learners make them (enrolment, then attempt_start/attempt_submit),
and everything is asked through real admin requests. Scope follows the enrolments: a trainer
sees the courses they are linked to, reviewers and superusers everything, and anything else
is a 404.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage, CourseTrainer, Enrolment, ModulePage
from courses.permissions import REVIEWERS, TRAINERS, catalogue_permissions_apply
from courses.services import application_decide, enrolment_request
from learners.models import User
from quizzes.gift_import import gift_export, gift_import
from quizzes.models import QuestionRollup, QuizAttempt, QuizPage
from quizzes.reports import question_summary_for
from quizzes.rollups import (
    QuizRollup,
    question_rollup_refresh,
    question_rollups_for,
    question_rollups_request,
    stale_quiz_keys,
)
from quizzes.services import attempt_start, attempt_submit, essay_grade
from quizzes.tasks import question_rollups_refresh_stale
from tests.factories.learners import UserFactory
from tests.factories.pages import CoursePageFactory, ModulePageFactory, make_site
from tests.factories.quizzes import QuizPageFactory

pytestmark = pytest.mark.django_db

Status = QuizAttempt.Status

QUIZ_GIFT = """
::SC:: Which report introduced human security? {=UNDP 1994 ~Helsinki ~Lisbon}

::TF:: Human security concerns only states. {F}

::SA:: Which agency published it? {=UNDP}

::NUM:: In which year? {#1994}

::MR:: Which are freedoms of human security? {~%50%fear ~%50%want ~%-100%taxes}

::MA:: Match each threat. {=Famine -> Food =Epidemic -> Health =-> Military}

// points: 5
::ES:: Describe an everyday insecurity. {}
"""


# Data ------------------------------------------------------------------------------------


def member_of(group_name: str, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def catalogue(db):
    _home, catalogue = make_site()
    catalogue_permissions_apply(catalogue=catalogue)
    return catalogue


@pytest.fixture
def trainer(db):
    return member_of(TRAINERS, email="trainer-a@example.org")


@pytest.fixture
def other_trainer(db):
    return member_of(TRAINERS, email="trainer-b@example.org")


def course_with_quiz(catalogue, trainer, title):
    course = CoursePageFactory(parent=catalogue, title=title)
    CourseTrainer.objects.create(course=course, user=trainer)
    quiz = QuizPageFactory(parent=ModulePageFactory(parent=course), questions=[], pass_mark=50)
    gift_import(quiz=quiz, text=QUIZ_GIFT, publish=True)
    quiz.refresh_from_db()
    return course, quiz


@pytest.fixture
def quiz_a(catalogue, trainer):
    return course_with_quiz(catalogue, trainer, "Course A")[1]


@pytest.fixture
def quiz_b(catalogue, other_trainer):
    return course_with_quiz(catalogue, other_trainer, "Course B")[1]


def learner_in(quiz, **fields):
    learner = UserFactory(**fields)
    enrolment_request(learner=learner, course=quiz.get_parent().get_parent().specific)
    return learner


def answers_for(attempt, **given) -> dict:
    """Answers by question title, in the learner's terms (texts), as form values (ids)."""
    by_title = {q["title"]: q for q in attempt.snapshot}
    answers = {}
    for title, value in given.items():
        question = by_title[title]
        kind = question["type"]
        if kind == "single_choice":
            value = next(c["id"] for c in question["choices"] if c["text"] == value)
        elif kind == "multiple_response":
            value = [c["id"] for c in question["choices"] if c["text"] in value]
        elif kind == "matching":
            value = {p["id"]: value[p["prompt"]] for p in question["pairs"] if p["prompt"] in value}
        answers[question["id"]] = value
    return answers


def take(quiz, learner=None, **given) -> QuizAttempt:
    learner = learner or learner_in(quiz)
    attempt = attempt_start(learner=learner, quiz=quiz)
    return attempt_submit(attempt=attempt, answers=answers_for(attempt, **given))


ALL_RIGHT = {
    "SC": "UNDP 1994",
    "TF": "false",
    "SA": "undp",
    "NUM": "1994",
    "MR": ["fear", "want"],
    "MA": {"Famine": "Food", "Epidemic": "Health"},
}


def essay_id(attempt) -> str:
    return next(q["id"] for q in attempt.snapshot if q["type"] == "essay")


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def attempts_url(quiz) -> str:
    return reverse("quizzes_admin:attempts", args=(quiz.pk,))


def summary_url(quiz) -> str:
    return reverse("quizzes_admin:summary", args=(quiz.pk,))


def attempt_url(attempt) -> str:
    return reverse("quizzes_admin:attempt", args=(attempt.pk,))


def essays_url() -> str:
    return reverse("quizzes_admin:essays")


# The attempts of a quiz -------------------------------------------------------------------


def test_the_trainer_sees_who_attempted_the_quiz_when_and_how_it_went(client, quiz_a, trainer):
    passed = take(quiz_a, learner_in(quiz_a, display_name="Drita (pseudonym)"), **ALL_RIGHT, ES="")
    awaiting = take(quiz_a, learner_in(quiz_a, display_name="Arben"), SC="Helsinki", ES="Text")
    client.force_login(trainer)
    response = client.get(attempts_url(quiz_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Drita (pseudonym)" in html
    assert passed.learner.email in html
    assert "6 / 11" in html  # 6 of 11 points: the essay (5) was left empty
    assert "54.55 %" in html
    assert "Yes" in html
    assert "Arben" in html
    assert "Awaiting grading" in html
    assert attempt_url(awaiting) in html


def test_the_attempts_are_scoped_to_the_trainers_courses(
    client, quiz_a, quiz_b, trainer, other_trainer
):
    mine = take(quiz_a, SC="Helsinki")
    theirs = take(quiz_b, SC="Helsinki")
    client.force_login(trainer)
    assert client.get(attempts_url(quiz_b)).status_code == 404
    assert client.get(summary_url(quiz_b)).status_code == 404
    assert client.get(attempt_url(theirs)).status_code == 404
    html = client.get(attempts_url(quiz_a)).content.decode()
    assert mine.learner.email in html
    assert theirs.learner.email not in html

    for user in (member_of(REVIEWERS), UserFactory(is_superuser=True, is_staff=True)):
        client.force_login(user)
        for quiz in (quiz_a, quiz_b):
            assert client.get(attempts_url(quiz)).status_code == 200
            assert client.get(summary_url(quiz)).status_code == 200
        assert client.get(attempt_url(theirs)).status_code == 200


def test_a_trainer_linked_to_no_course_and_a_learner_get_nothing(client, quiz_a):
    attempt = take(quiz_a, SC="Helsinki", ES="Some text")
    client.force_login(member_of(TRAINERS))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert essays_url() not in home
    assert client.get(attempts_url(quiz_a)).status_code == 404
    assert client.get(attempt_url(attempt)).status_code == 404
    assert client.get(essays_url()).status_code == 302  # Wagtail: refused, back home

    client.force_login(attempt.learner)
    login = reverse("wagtailadmin_login")
    for url in (attempts_url(quiz_a), summary_url(quiz_a), attempt_url(attempt), essays_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(login)


def test_the_attempts_list_and_essay_queue_take_a_fixed_number_of_queries(client, quiz_a, trainer):
    superuser = UserFactory(is_superuser=True, is_staff=True)

    def add_attempts(count: int) -> None:
        for _ in range(count):
            take(quiz_a, SC="Helsinki", ES="An essay")

    def queries(user) -> dict[str, int]:
        client.force_login(user)
        counts = {}
        for name, url in (("attempts", attempts_url(quiz_a)), ("essays", essays_url())):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200
            html = response.content.decode()
            assert all(attempt_url(a) in html for a in QuizAttempt.objects.all())
            counts[name] = len(captured)
        return counts

    add_attempts(2)
    few = {"trainer": queries(trainer), "admin": queries(superuser)}
    add_attempts(28)
    assert QuizAttempt.objects.count() == 30
    many = {"trainer": queries(trainer), "admin": queries(superuser)}
    assert many == few
    print(f"attempts list and essay queue queries (2 and 30 attempts): {few}")


# The essay grading queue ------------------------------------------------------------------


def test_the_queue_lists_awaiting_attempts_of_the_trainers_courses_oldest_first(
    client, quiz_a, quiz_b, trainer
):
    first = take(quiz_a, learner_in(quiz_a, display_name="First learner"), ES="One")
    second = take(quiz_a, learner_in(quiz_a, display_name="Second learner"), ES="Two")
    take(quiz_a, ES="")  # nothing to grade: an empty essay scores 0 at once
    other = take(quiz_b, ES="Elsewhere")
    client.force_login(trainer)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert essays_url() in home
    assert "Essays to grade" in home

    html = client.get(essays_url()).content.decode()
    assert html.index(attempt_url(first)) < html.index(attempt_url(second))
    assert attempt_url(other) not in html
    assert QuizAttempt.objects.filter(status=Status.AWAITING_GRADING).count() == 3
    assert html.count('href="/admin/quizzes/attempts/') == 2


def test_the_grading_page_shows_the_question_and_the_sanitised_answer(client, quiz_a, trainer):
    attempt = take(
        quiz_a,
        ES='<p>My town <b>at night</b></p><script>alert("x")</script><a href="javascript:x">l</a>',
    )
    client.force_login(trainer)
    response = client.get(attempt_url(attempt))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Describe an everyday insecurity." in html
    assert "<b>at night</b>" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert f'name="question_id" value="{essay_id(attempt)}"' in html
    assert 'name="score"' in html
    assert 'max="5.0"' in html


def test_grading_the_essay_grades_the_attempt(
    client, quiz_a, trainer, django_capture_on_commit_callbacks
):
    attempt = take(quiz_a, **ALL_RIGHT, ES="<p>The bus stop at night.</p>")
    assert attempt.status == Status.AWAITING_GRADING
    assert attempt.score is None
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            attempt_url(attempt),
            {"question_id": essay_id(attempt), "score": "4", "comment": "Good <b>point</b>."},
        )
    assert response.status_code == 302
    assert response.url == essays_url()
    assert any("is graded: 10 / 11" in message for message in messages_of(response))
    attempt.refresh_from_db()
    assert attempt.status == Status.GRADED
    assert attempt.score == 10
    assert attempt.passed is True
    result = attempt.results[essay_id(attempt)]
    assert result["score"] == 4
    assert result["comment"] == "Good <b>point</b>."
    assert result["graded_by"] == trainer.pk
    # Off the queue.
    assert attempt_url(attempt) not in client.get(essays_url()).content.decode()


@pytest.mark.parametrize(
    ("score", "message"),
    [
        ("6", "The score must be between 0 and 5"),
        ("-1", "The score must be between 0 and 5"),
        ("abc", "could not be saved"),
        ("nan", "could not be saved"),
        ("", "could not be saved"),
    ],
)
def test_a_score_out_of_range_is_refused_and_changes_nothing(
    client, quiz_a, trainer, score, message
):
    attempt = take(quiz_a, ES="An essay")
    before = (attempt.status, attempt.results, attempt.score)
    client.force_login(trainer)
    response = client.post(attempt_url(attempt), {"question_id": essay_id(attempt), "score": score})
    assert response.status_code in (200, 302)
    assert any(message in shown for shown in messages_of(response))
    attempt.refresh_from_db()
    assert (attempt.status, attempt.results, attempt.score) == before


def test_grading_a_question_that_is_no_essay_is_refused(client, quiz_a, trainer):
    attempt = take(quiz_a, ES="An essay")
    other_question = next(q["id"] for q in attempt.snapshot if q["type"] == "single_choice")
    client.force_login(trainer)
    response = client.post(attempt_url(attempt), {"question_id": other_question, "score": "1"})
    assert response.status_code == 302
    assert any("no essay question" in message for message in messages_of(response))
    attempt.refresh_from_db()
    assert attempt.status == Status.AWAITING_GRADING


def test_a_trainer_of_another_course_cannot_grade(client, quiz_a, other_trainer):
    attempt = take(quiz_a, ES="An essay")
    client.force_login(other_trainer)
    response = client.post(attempt_url(attempt), {"question_id": essay_id(attempt), "score": "5"})
    assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == Status.AWAITING_GRADING
    assert attempt.results[essay_id(attempt)]["score"] is None


def test_an_open_attempt_cannot_be_graded(client, quiz_a, trainer):
    attempt = attempt_start(learner=learner_in(quiz_a), quiz=quiz_a)
    client.force_login(trainer)
    html = client.get(attempt_url(attempt)).content.decode()
    assert "has not submitted this attempt yet" in html
    assert 'name="score"' not in html
    response = client.post(attempt_url(attempt), {"question_id": essay_id(attempt), "score": "5"})
    assert any("not submitted" in message for message in messages_of(response))
    attempt.refresh_from_db()
    assert attempt.status == Status.OPEN


# The per-question summary -----------------------------------------------------------------


@pytest.fixture
def attempts(quiz_a, quiz_b):
    """Three submitted attempts, one still open, and one at another quiz."""
    one = take(quiz_a, **ALL_RIGHT, ES="<p>Dark streets.</p>")
    two = take(
        quiz_a,
        SC="Helsinki",
        TF="true",
        SA="UNESCO",
        NUM="1990",
        MR=["fear", "taxes"],
        MA={"Famine": "Health", "Epidemic": "Food"},
        ES="",
    )
    three = take(
        quiz_a,
        SC="Helsinki",
        TF="false",
        SA=" unesco ",
        NUM="1990.0",
        MR=["taxes"],
        MA={"Famine": "Military", "Epidemic": "Health"},
    )
    attempt_start(learner=learner_in(quiz_a), quiz=quiz_a)  # open: not counted
    take(quiz_b, SC="Lisbon", ES="Elsewhere")  # another quiz: not counted
    return one, two, three


def by_title(summaries) -> dict:
    return {row.title: row for row in summaries}


def test_the_summary_counts_answers_correctness_scores_and_wrong_answers(quiz_a, attempts):
    with CaptureQueriesContext(connection) as captured:
        summaries = question_summary_for(quiz=quiz_a)
    assert len(captured) == 1
    assert [row.title for row in summaries] == ["SC", "TF", "SA", "NUM", "MR", "MA", "ES"]
    assert [row.position for row in summaries] == [1, 2, 3, 4, 5, 6, 7]
    rows = by_title(summaries)

    def numbers(title):
        row = rows[title]
        return (
            row.attempts,
            row.answered,
            row.graded,
            row.correct,
            row.percent_correct,
            row.average_score,
            row.wrong_answer,
            row.wrong_answer_count,
        )

    assert numbers("SC") == (3, 3, 3, 1, 33.3, 0.33, "Helsinki", 2)
    assert numbers("TF") == (3, 3, 3, 2, 66.7, 0.67, "True", 1)
    # Short answers are grouped as they are graded (case-insensitive, spaces trimmed), shown
    # as first typed; numbers by value.
    assert numbers("SA") == (3, 3, 3, 1, 33.3, 0.33, "UNESCO", 2)
    assert numbers("NUM") == (3, 3, 3, 1, 33.3, 0.33, "1990", 2)
    # fear+taxes = 0.5 - 1 -> 0; taxes -> 0. The wrong choice is the one earning nothing.
    assert numbers("MR") == (3, 3, 3, 1, 33.3, 0.33, "taxes", 2)
    # 1 + 0 + 0.5: three different wrong matches once each; the first seen is shown.
    assert numbers("MA") == (3, 3, 3, 1, 33.3, 0.5, "Famine → Health", 1)
    # One essay awaits grading; the empty and the unanswered one scored 0 at once.
    assert numbers("ES") == (3, 1, 2, 0, 0.0, 0.0, "", 0)
    assert rows["MA"].average_percent == 50.0
    assert rows["ES"].points == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the jsonb path is PostgreSQL's")
def test_the_database_and_python_paths_of_the_summary_agree(quiz_a, attempts, trainer):
    from quizzes.reports import _summary_in_database, _summary_in_python

    assert _summary_in_database(quiz_a) == _summary_in_python(quiz_a)
    one = attempts[0]
    essay_grade(attempt=one, question_id=essay_id(one), score=5, comment="", grader=trainer)
    draft = quiz_a.get_latest_revision_as_object()
    draft.questions = [child for child in draft.questions.raw_data if child["type"] != "matching"]
    draft.save_revision().publish()
    quiz_a.refresh_from_db()
    assert _summary_in_database(quiz_a) == _summary_in_python(quiz_a)


def test_a_graded_essay_counts_in_the_summary(quiz_a, attempts, trainer):
    one = attempts[0]
    essay_grade(attempt=one, question_id=essay_id(one), score=5, comment="", grader=trainer)
    row = by_title(question_summary_for(quiz=quiz_a))["ES"]
    assert (row.graded, row.correct, row.percent_correct, row.average_score) == (3, 1, 33.3, 1.67)


def test_questions_removed_since_are_listed_after_the_current_ones(quiz_a, attempts):
    draft = quiz_a.get_latest_revision_as_object()
    draft.questions = [child for child in draft.questions.raw_data if child["type"] != "matching"]
    draft.save_revision().publish()
    quiz_a.refresh_from_db()
    summaries = question_summary_for(quiz=quiz_a)
    assert [(row.title, row.position) for row in summaries][-2:] == [("ES", 6), ("MA", None)]
    assert not summaries[-1].in_quiz
    assert summaries[-1].attempts == 3


def test_a_quiz_without_attempts_has_empty_rows(quiz_a):
    summaries = question_summary_for(quiz=quiz_a)
    assert len(summaries) == 7
    assert all(row.attempts == 0 and row.percent_correct is None for row in summaries)


def test_the_summary_page_shows_the_numbers(client, quiz_a, attempts, trainer):
    client.force_login(trainer)
    response = client.get(summary_url(quiz_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Which report introduced human security?" in html
    assert "33.3 %" in html
    assert "Helsinki (2×)" in html
    assert "Famine → Health (1×)" in html


# Done when (the trainer's half) -----------------------------------------------------------


def test_the_demo_trainer_imports_every_type_into_a_new_quiz_grades_an_essay_and_exports(
    client, seeded, django_capture_on_commit_callbacks
):
    trainer = User.objects.get(email="trainer@example.org")
    course = CoursePage.objects.filter(trainers__user=trainer).first()
    module = ModulePage.objects.child_of(course).first()
    # "Add child page" → "Save draft": a new, unpublished quiz.
    quiz = module.add_child(instance=QuizPage(title="Imported from Moodle", live=False))
    quiz.save_revision(user=trainer)
    client.force_login(trainer)

    gift = (Path(__file__).parent / "gift_corpus" / "all_types.gift").read_bytes()
    response = client.post(
        reverse("quizzes_admin:gift_import", args=(quiz.pk,)),
        {"file": SimpleUploadedFile("all_types.gift", gift, content_type="text/plain")},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert messages_of(response)[0].startswith("Added 2 single choice, 1 multiple response")
    draft = QuizPage.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    kinds = {q["type"] for q in draft.question_list()}
    assert len(kinds) == 7

    # A reviewer publishes it; a learner takes it and writes the essay.
    QuizPage.objects.get(pk=quiz.pk).get_latest_revision().publish()
    quiz = QuizPage.objects.get(pk=quiz.pk)
    learner = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_request(learner=learner, course=course)
        if enrolment.status != Enrolment.Status.ACTIVE:
            application_decide(enrolment=enrolment, decision="accept", decided_by=trainer)
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt = attempt_submit(
        attempt=attempt, answers={essay_id(attempt): "<p>The road to school floods.</p>"}
    )
    assert attempt.status == Status.AWAITING_GRADING

    # The trainer finds it in the queue and grades it.
    assert (
        reverse("quizzes_admin:attempt", args=(attempt.pk,))
        in client.get(essays_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            attempt_url(attempt), {"question_id": essay_id(attempt), "score": "1", "comment": ""}
        )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == Status.GRADED

    # And exports the quiz back to GIFT.
    response = client.get(reverse("quizzes_admin:gift_export", args=(quiz.pk,)))
    assert response.status_code == 200
    assert response.content.decode() == gift_export(quiz=quiz)
    assert "::Matching:: Match each threat to its dimension. {" in response.content.decode()


# The question roll-ups of the course report -------------------------------------------------


def rolled_up(quiz):
    return question_rollups_for(quizzes=[quiz])[quiz.translation_key]


def settle():
    """Move every attempt out of the in-flight margin, as if taken minutes ago."""
    minutes_ago = timezone.now() - datetime.timedelta(minutes=5)
    QuizAttempt.objects.exclude(submitted_at=None).update(submitted_at=minutes_ago)
    QuizAttempt.objects.exclude(graded_at=None).update(graded_at=minutes_ago)


def test_a_rollup_holds_what_the_live_summary_computes(quiz_a, attempts):
    assert rolled_up(quiz_a) == QuizRollup(None, None, True)  # never computed
    settle()
    question_rollup_refresh(quiz_key=quiz_a.translation_key)
    rollup = rolled_up(quiz_a)
    assert not rollup.stale
    assert rollup.summaries == question_summary_for(quiz=quiz_a)
    assert stale_quiz_keys() == [quiz_b_key(quiz_a)]  # quiz B was never rolled up


def quiz_b_key(quiz_a):
    return QuizPage.objects.exclude(pk=quiz_a.pk).get().translation_key


def test_a_new_or_graded_attempt_makes_the_rollup_stale(quiz_a, attempts, trainer):
    settle()
    question_rollup_refresh(quiz_key=quiz_a.translation_key)
    assert not rolled_up(quiz_a).stale

    take(quiz_a, **ALL_RIGHT)
    assert rolled_up(quiz_a).stale
    settle()
    question_rollup_refresh(quiz_key=quiz_a.translation_key)
    assert not rolled_up(quiz_a).stale
    assert by_title(rolled_up(quiz_a).summaries)["SC"].attempts == 4

    one = attempts[0]
    essay_grade(attempt=one, question_id=essay_id(one), score=5, comment="", grader=trainer)
    assert rolled_up(quiz_a).stale


def test_a_rollup_shows_the_questions_as_they_are_now(quiz_a, attempts):
    question_rollup_refresh(quiz_key=quiz_a.translation_key)
    draft = quiz_a.get_latest_revision_as_object()
    for child in draft.questions.raw_data:
        if child["type"] == "single_choice":
            child["value"]["title"] = "SC renamed"
    draft.questions = [child for child in draft.questions.raw_data if child["type"] != "matching"]
    draft.save_revision().publish()
    quiz_a.refresh_from_db()
    summaries = rolled_up(quiz_a).summaries  # not recomputed: the figures of before
    assert summaries == question_summary_for(quiz=quiz_a)
    assert summaries[0].title == "SC renamed"
    assert [(row.title, row.position) for row in summaries][-2:] == [("ES", 6), ("MA", None)]


def test_an_older_refresh_never_replaces_a_newer_rollup(quiz_a, attempts):
    question_rollup_refresh(quiz_key=quiz_a.translation_key)
    later = timezone.now() + datetime.timedelta(hours=1)
    QuestionRollup.objects.update(covers_until=later, summaries=[])
    question_rollup_refresh(quiz_key=quiz_a.translation_key)  # started before `later`
    kept = QuestionRollup.objects.get()
    assert (kept.covers_until, kept.summaries) == (later, [])
    assert QuestionRollup.objects.count() == 1


def test_a_deleted_quiz_is_not_rolled_up(quiz_a, attempts):
    key = quiz_a.translation_key
    quiz_a.delete()
    assert question_rollup_refresh(quiz_key=key) is None
    assert not QuestionRollup.objects.exists()


def test_beat_refreshes_every_stale_rollup(quiz_a, quiz_b, attempts):
    settle()
    assert question_rollups_refresh_stale.apply().get() == 2  # eager: refreshed at once
    assert stale_quiz_keys() == []
    assert question_rollups_refresh_stale.apply().get() == 0


@pytest.mark.redis
def test_without_a_broker_a_report_keeps_its_figures_and_nothing_fails(
    quiz_a, attempts, redis_down
):
    from cms.celery import app

    question_rollup_refresh(quiz_key=quiz_a.translation_key)
    before = rolled_up(quiz_a).summaries
    QuestionRollup.objects.update(covers_until=timezone.now())
    take(quiz_a, **ALL_RIGHT)
    assert not app.conf.task_always_eager
    assert question_rollups_request(quiz_keys=[quiz_a.translation_key]) is False
    after = rolled_up(quiz_a)
    assert after.stale
    assert after.summaries == before
