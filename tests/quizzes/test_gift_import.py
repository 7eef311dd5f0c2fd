"""GIFT files into quizzes and back: the service, and the trainer's upload in the admin.

A file is imported whole or not at all: a GIFT error, a question the quiz blocks reject, a
file that is not UTF-8 or too large change nothing (no revision, no question). Imported
questions go into a new draft revision of the quiz; the trainer submits it for review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import CourseTrainer
from courses.permissions import REVIEWERS, TRAINERS, catalogue_permissions_apply
from quizzes.gift import GiftError, parse_gift
from quizzes.gift_import import (
    MAX_GIFT_BYTES,
    GiftImportError,
    decode_gift_bytes,
    gift_export,
    gift_import,
    questions_to_stream_data,
)
from quizzes.models import QuizPage
from tests.factories.learners import UserFactory
from tests.factories.pages import CoursePageFactory, ModulePageFactory, make_site
from tests.factories.quizzes import QuizPageFactory, essay, single_choice, true_false

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "gift_corpus"
ALL_TYPES = (CORPUS / "all_types.gift").read_text(encoding="utf-8")


# Helpers ---------------------------------------------------------------------------------


def without_ids(question: dict) -> dict:
    """A plain question minus everything an import assigns or does not keep."""
    question = {k: v for k, v in question.items() if k not in ("id", "category", "format")}
    for key in ("choices", "pairs"):
        if key in question:
            question[key] = [{k: v for k, v in item.items() if k != "id"} for item in question[key]]
    return question


def draft_of(quiz: QuizPage) -> QuizPage:
    return QuizPage.objects.get(pk=quiz.pk).get_latest_revision_as_object()


def draft_questions(quiz: QuizPage) -> list[dict]:
    return draft_of(quiz).question_list()


def state_of(quiz: QuizPage) -> tuple:
    """Revisions, draft questions and live questions: what an import must not touch on error."""
    page = QuizPage.objects.get(pk=quiz.pk)
    return (
        page.revisions.count(),
        [q["id"] for q in draft_questions(quiz)],
        [q["id"] for q in page.question_list()],
    )


def member_of(group_name: str, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


# Data ------------------------------------------------------------------------------------


@pytest.fixture
def catalogue(db):
    _home, catalogue = make_site()
    catalogue_permissions_apply(catalogue=catalogue)
    return catalogue


@pytest.fixture
def trainer(db):
    return member_of(TRAINERS, email="trainer-a@example.org")


@pytest.fixture
def course(catalogue, trainer):
    course = CoursePageFactory(parent=catalogue, title="Course A")
    CourseTrainer.objects.create(course=course, user=trainer)
    return course


@pytest.fixture
def module(course):
    return ModulePageFactory(parent=course)


@pytest.fixture
def quiz(module):
    """A new quiz with no questions yet, as a trainer creates it (a draft)."""
    quiz = QuizPageFactory(parent=module, questions=[], slug="first-quiz")
    quiz.save_revision()
    return quiz


@pytest.fixture
def other_trainer(catalogue):
    user = member_of(TRAINERS, email="trainer-b@example.org")
    other = CoursePageFactory(parent=catalogue, title="Course B")
    CourseTrainer.objects.create(course=other, user=user)
    return user


# The service -----------------------------------------------------------------------------


def test_a_file_with_every_question_type_becomes_the_quizs_blocks(quiz, trainer):
    parsed = parse_gift(ALL_TYPES)
    report = gift_import(quiz=quiz, text=ALL_TYPES, user=trainer)

    draft = draft_of(quiz)
    assert [child.block_type for child in draft.questions] == [q["type"] for q in parsed.questions]
    assert {q["type"] for q in parsed.questions} == {
        "single_choice",
        "multiple_response",
        "true_false",
        "short_answer",
        "numerical",
        "matching",
        "essay",
    }
    imported = draft.question_list()
    assert [without_ids(q) for q in imported] == [without_ids(q) for q in parsed.questions]
    # Every id is a new block id: questions, choices and pairs.
    ids = [q["id"] for q in imported]
    ids += [c["id"] for q in imported for c in q.get("choices", []) + q.get("pairs", [])]
    assert all(len(i) == 36 for i in ids)
    assert len(set(ids)) == len(ids)

    assert report.added == {
        "single_choice": 2,
        "multiple_response": 1,
        "true_false": 1,
        "short_answer": 1,
        "numerical": 1,
        "matching": 1,
        "essay": 1,
    }
    assert report.summary().startswith(
        "Added 2 single choice, 1 multiple response, 1 true or false, 1 short answer, "
        "1 numerical, 1 matching, 1 essay (8 questions)"
    )
    assert [item.line for item in report.skipped] == [32]
    assert report.skipped_lines()[0].startswith("Skipped line 32: no answer block")


def test_the_import_is_a_new_draft_revision_not_published(quiz, trainer):
    revisions = quiz.revisions.count()
    report = gift_import(quiz=quiz, text=ALL_TYPES, user=trainer)
    page = QuizPage.objects.get(pk=quiz.pk)
    assert page.revisions.count() == revisions + 1
    assert page.latest_revision_id == report.revision.pk
    assert report.revision.user == trainer
    assert page.has_unpublished_changes
    assert page.question_list() == []  # the live version is untouched
    assert len(draft_questions(quiz)) == 8


def test_publish_makes_the_imported_questions_live(quiz):
    gift_import(quiz=quiz, text=ALL_TYPES, publish=True)
    page = QuizPage.objects.get(pk=quiz.pk)
    assert page.live
    assert len(page.question_list()) == 8


def test_questions_are_appended_to_the_latest_draft(module, trainer):
    quiz = QuizPageFactory(parent=module, questions=[single_choice(), true_false()])
    quiz.save_revision().publish()
    # A draft edit not yet published: the import must build on it, not on the live page.
    draft = draft_of(quiz)
    draft.questions = [*draft.questions.raw_data, essay()]
    draft.save_revision(user=trainer)
    before = draft_questions(quiz)

    gift_import(quiz=quiz, text="::New:: Is it new? {TRUE}", user=trainer)

    after = draft_questions(quiz)
    assert after[:3] == before
    assert [q["type"] for q in after] == ["single_choice", "true_false", "essay", "true_false"]
    assert after[3]["title"] == "New"
    assert len(QuizPage.objects.get(pk=quiz.pk).question_list()) == 2  # live: unchanged


@pytest.mark.parametrize(
    "name", ["error_bad_weight.gift", "error_unclosed_brace.gift", "error_two_answer_blocks.gift"]
)
def test_a_file_with_an_error_changes_nothing(quiz, trainer, name):
    gift_import(quiz=quiz, text="Existing? {T}", user=trainer)
    before = state_of(quiz)
    text = (CORPUS / name).read_text(encoding="utf-8")
    with pytest.raises(GiftError) as raised:
        gift_import(quiz=quiz, text=text, user=trainer)
    assert raised.value.line > 0
    assert str(raised.value).startswith(f"line {raised.value.line}: expected ")
    assert state_of(quiz) == before


def test_an_error_late_in_the_file_reports_its_line_and_imports_nothing(quiz, trainer):
    text = ALL_TYPES + "\n::Broken:: What? {=yes ~%150%no}\n"
    line = text.splitlines().index("::Broken:: What? {=yes ~%150%no}") + 1
    before = state_of(quiz)
    with pytest.raises(GiftError) as raised:
        gift_import(quiz=quiz, text=text, user=trainer)
    assert raised.value.line == line
    assert "weight" in raised.value.expected
    assert state_of(quiz) == before


def test_a_question_the_blocks_reject_rejects_the_whole_file(quiz, trainer):
    # Valid GIFT, but a multiple-response question whose positive credits add up to 50%:
    # the block's own clean refuses it, so the valid question before it is not added either.
    text = (
        "::Fine:: Is this fine? {TRUE}\n\n"
        "::Half right:: Which are freedoms? {~%50%from fear ~%0%from taxes ~%-50%from want}\n"
    )
    before = state_of(quiz)
    with pytest.raises(GiftImportError) as raised:
        gift_import(quiz=quiz, text=text, user=trainer)
    message = str(raised.value)
    assert message.startswith("Nothing was imported")
    assert "question 2 (“Half right”)" in message
    assert "add up to at least 100" in message
    assert state_of(quiz) == before


def test_a_title_too_long_for_the_block_is_named(quiz, trainer):
    text = "::" + "T" * 201 + ":: Too long a title? {TRUE}\n"
    with pytest.raises(GiftImportError) as raised:
        gift_import(quiz=quiz, text=text, user=trainer)
    assert "question 1" in str(raised.value)
    assert "Title: Ensure this value has at most 200 characters" in str(raised.value)


def test_a_file_without_questions_is_refused(quiz, trainer):
    before = state_of(quiz)
    with pytest.raises(GiftImportError, match="no questions"):
        gift_import(quiz=quiz, text="// only a comment\n", user=trainer)
    with pytest.raises(GiftImportError, match="only descriptions"):
        gift_import(quiz=quiz, text="Just a description.\n", user=trainer)
    assert state_of(quiz) == before


def test_html_question_text_is_cleaned_of_scripts_and_handlers(quiz, trainer):
    text = (
        '[html]<p onclick="steal()">Which is <b>right</b>?</p>'
        "<script>alert(1)</script><img src=x onerror=alert(2)>{=this ~that}\n\n"
        "[html]<p>Already <i>clean</i> &amp; kept as written</p>{T}\n"
    )
    gift_import(quiz=quiz, text=text, user=trainer)
    dirty, clean = draft_questions(quiz)
    assert "<script" not in dirty["text"]
    assert "onclick" not in dirty["text"]
    assert "onerror" not in dirty["text"]
    assert "<img" not in dirty["text"]
    assert "<p>Which is <b>right</b>?</p>" in dirty["text"]
    assert clean["text"] == "<p>Already <i>clean</i> &amp; kept as written</p>"


def test_plain_text_is_escaped_by_the_parser_and_kept(quiz, trainer):
    gift_import(quiz=quiz, text="Is 2 < 3 & <b>bold</b> shown as text? {T}", user=trainer)
    (question,) = draft_questions(quiz)
    assert question["text"] == "Is 2 &lt; 3 &amp; &lt;b&gt;bold&lt;/b&gt; shown as text?"


def test_a_user_who_may_not_edit_the_quiz_is_refused(quiz):
    learner = UserFactory()
    before = state_of(quiz)
    with pytest.raises(PermissionDenied):
        gift_import(quiz=quiz, text=ALL_TYPES, user=learner)
    assert state_of(quiz) == before


def test_a_page_locked_by_someone_else_is_refused(quiz, trainer):
    page = QuizPage.objects.get(pk=quiz.pk)
    page.locked, page.locked_by = True, member_of(REVIEWERS)
    page.save()
    before = state_of(quiz)
    with pytest.raises(GiftImportError, match="locked"):
        gift_import(quiz=quiz, text=ALL_TYPES, user=trainer)
    assert state_of(quiz) == before


def test_credits_survive_as_percentages_exactly():
    (raw,) = questions_to_stream_data(
        parse_gift("Pick? {~%7%a ~%33.33333%b ~%59.66667%c ~%-100%d}").questions
    )
    assert [item["value"]["credit"] for item in raw["value"]["choices"]] == [
        7.0,
        33.33333,
        59.66667,
        -100.0,
    ]
    assert all(item["type"] == "item" for item in raw["value"]["choices"])


def test_numerical_answers_become_a_value_with_tolerance_or_a_range():
    (raw,) = questions_to_stream_data(parse_gift("Year? {#=1994:1 =%50%1990..1999}").questions)
    exact, span = (item["value"] for item in raw["value"]["answers"])
    assert exact == {
        "value": 1994.0,
        "tolerance": 1.0,
        "minimum": None,
        "maximum": None,
        "credit": 100.0,
        "feedback": "",
    }
    assert span["value"] is None
    assert (span["minimum"], span["maximum"], span["credit"]) == (1990.0, 1999.0, 50.0)


# Export and round trips ------------------------------------------------------------------


def test_export_then_import_into_an_empty_quiz_gives_the_same_questions(module, quiz, trainer):
    gift_import(quiz=quiz, text=ALL_TYPES + "\n// points: 2.5\nWeighted? {T}\n", user=trainer)
    exported = gift_export(quiz=quiz)

    empty = QuizPageFactory(parent=module, questions=[])
    gift_import(quiz=empty, text=exported, user=trainer)

    original, copy = draft_questions(quiz), draft_questions(empty)
    assert [without_ids(q) for q in copy] == [without_ids(q) for q in original]
    assert gift_export(quiz=empty) == exported


def test_questions_written_in_the_editor_survive_a_round_trip(module, trainer):
    # Rich text from the editor (<p>…</p>) is exported as [html] and read back as it was.
    quiz = QuizPageFactory(
        parent=module,
        questions=[single_choice("Which report? It’s “the” one & only"), true_false(), essay()],
    )
    empty = QuizPageFactory(parent=module, questions=[])
    gift_import(quiz=empty, text=gift_export(quiz=quiz), user=trainer)
    assert [without_ids(q) for q in draft_questions(empty)] == [
        without_ids(q) for q in quiz.question_list()
    ]


def test_export_reads_the_latest_draft_unless_asked_for_the_live_version(module, quiz):
    gift_import(quiz=quiz, text="Draft only? {T}")
    assert "Draft only?" in gift_export(quiz=quiz)
    assert gift_export(quiz=quiz, draft=False) == ""


# Decoding files --------------------------------------------------------------------------


def test_utf8_with_or_without_a_byte_order_mark_is_read():
    text = "::Ç:: Ünïcödé — Kosovë? {T}\n"
    assert decode_gift_bytes(text.encode("utf-8")) == text
    assert decode_gift_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


@pytest.mark.parametrize(
    "data",
    [
        "Café? {T}".encode("latin-1"),
        "Kosovë? {T}".encode("utf-16"),
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"text\x00with a NUL",
    ],
)
def test_other_encodings_and_binary_files_are_refused(data):
    with pytest.raises(GiftImportError, match=r"not (UTF-8 text|a text file)"):
        decode_gift_bytes(data)


# Through the admin -----------------------------------------------------------------------


def import_url(quiz) -> str:
    return reverse("quizzes_admin:gift_import", args=(quiz.pk,))


def export_url(quiz) -> str:
    return reverse("quizzes_admin:gift_export", args=(quiz.pk,))


def upload(client, quiz, data: bytes, name: str = "questions.gift"):
    return client.post(
        import_url(quiz), {"file": SimpleUploadedFile(name, data, content_type="text/plain")}
    )


def test_the_trainer_of_the_course_imports_a_file_through_the_admin(client, quiz, trainer):
    client.force_login(trainer)
    page = client.get(import_url(quiz))
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()

    response = upload(client, quiz, ALL_TYPES.encode("utf-8"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(quiz.pk,))
    shown = messages_of(response)
    assert shown[0].startswith("Added 2 single choice, 1 multiple response")
    assert "submit the quiz for review" in shown[0]
    assert any(line.startswith("Skipped line 32") for line in shown)
    assert len(draft_questions(quiz)) == 8
    assert QuizPage.objects.get(pk=quiz.pk).latest_revision.user == trainer


def test_an_upload_with_a_byte_order_mark_is_imported(client, quiz, trainer):
    client.force_login(trainer)
    response = upload(client, quiz, b"\xef\xbb\xbf" + "Kosovë? {T}\n".encode(), "bank.txt")
    assert response.status_code == 302
    assert draft_questions(quiz)[0]["text"] == "Kosovë?"


def test_an_upload_with_an_error_shows_the_line_and_changes_nothing(client, quiz, trainer):
    client.force_login(trainer)
    before = state_of(quiz)
    text = "Fine? {T}\n\n\n::Bad:: Weighted? {\n=yes\n~%150%no\n}\n"
    response = upload(client, quiz, text.encode())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Line 6: expected a weight between %-100% and %100%" in html
    assert any("not imported" in message for message in messages_of(response))
    assert state_of(quiz) == before


def test_an_upload_the_blocks_reject_names_the_question(client, quiz, trainer):
    client.force_login(trainer)
    before = state_of(quiz)
    response = upload(client, quiz, b"Fine? {T}\n\n::Low:: Which? {~%40%a ~%40%b ~c}\n")
    assert response.status_code == 200
    assert "question 2 (“Low”)" in response.content.decode()
    assert state_of(quiz) == before


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        ("Café? {T}".encode("latin-1"), "latin1.gift", "is not UTF-8 text"),
        (b"A? {T}\n" + b"// " + b"x" * MAX_GIFT_BYTES, "big.gift", "too large"),
        (b"A? {T}\n", "questions.pdf", "Upload a .gift or .txt file"),
        (b"", "empty.gift", "The submitted file is empty"),
    ],
)
def test_bad_uploads_are_refused_with_a_message(client, quiz, trainer, data, name, error):
    client.force_login(trainer)
    before = state_of(quiz)
    response = upload(client, quiz, data, name)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert state_of(quiz) == before


def test_the_trainer_exports_the_quiz_as_a_gift_file(client, quiz, trainer):
    gift_import(quiz=quiz, text=ALL_TYPES, user=trainer)
    client.force_login(trainer)
    response = client.get(export_url(quiz))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="first-quiz.gift"'
    assert response.content.decode("utf-8") == gift_export(quiz=quiz)
    essay_line = "::Essay:: Describe one everyday insecurity in your town. {}"
    assert essay_line in response.content.decode()


def test_a_reviewer_and_an_admin_may_import_and_export(client, quiz):
    for user in (member_of(REVIEWERS), UserFactory(is_superuser=True, is_staff=True)):
        client.force_login(user)
        assert client.get(export_url(quiz)).status_code == 200
        assert upload(client, quiz, b"Q? {T}\n").status_code == 302
    assert len(draft_questions(quiz)) == 2


def test_a_trainer_of_another_course_can_neither_import_nor_export(client, quiz, other_trainer):
    before = state_of(quiz)
    client.force_login(other_trainer)
    assert client.get(import_url(quiz)).status_code == 404
    assert upload(client, quiz, ALL_TYPES.encode()).status_code == 404
    assert client.get(export_url(quiz)).status_code == 404
    assert state_of(quiz) == before


def test_a_linked_trainer_without_edit_permission_is_refused(client, catalogue, quiz):
    # Linked to the course, with admin access, but not in a group that may edit pages.
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    CourseTrainer.objects.create(course=quiz.get_parent().get_parent().specific, user=user)
    client.force_login(user)
    before = state_of(quiz)
    # Wagtail turns a refusal in the admin into a redirect home with a message.
    for response in (
        client.get(import_url(quiz)),
        upload(client, quiz, ALL_TYPES.encode()),
        client.get(export_url(quiz)),
    ):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        assert any("permission" in message for message in messages_of(response))
    assert state_of(quiz) == before


def test_a_learner_is_sent_to_the_admin_login(client, quiz):
    client.force_login(UserFactory())
    before = state_of(quiz)
    login = reverse("wagtailadmin_login")
    for response in (
        client.get(import_url(quiz)),
        upload(client, quiz, ALL_TYPES.encode()),
        client.get(export_url(quiz)),
    ):
        assert response.status_code == 302
        assert response.url.startswith(login)
    assert state_of(quiz) == before


def test_an_unknown_or_non_quiz_page_is_a_404(client, quiz, trainer):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("quizzes_admin:gift_import", args=(987654,))).status_code == 404
    module = quiz.get_parent()
    assert client.get(reverse("quizzes_admin:gift_export", args=(module.pk,))).status_code == 404


def test_the_quiz_editor_offers_import_and_export_to_its_trainer_only(
    client, quiz, trainer, other_trainer
):
    edit = reverse("wagtailadmin_pages:edit", args=(quiz.pk,))
    client.force_login(trainer)
    html = client.get(edit).content.decode()
    assert import_url(quiz) in html
    assert export_url(quiz) in html
    assert reverse("quizzes_admin:attempts", args=(quiz.pk,)) in html

    client.force_login(other_trainer)
    html = client.get(edit).content.decode()
    assert import_url(quiz) not in html
    assert export_url(quiz) not in html

    # And in the "More" menu of the module's page listing.
    client.force_login(trainer)
    listing = client.get(reverse("wagtailadmin_explore", args=(quiz.get_parent().pk,)))
    assert import_url(quiz) in listing.content.decode()
