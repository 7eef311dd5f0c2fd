"""``manage.py import_gift FILE --quiz ID`` and ``manage.py export_gift --quiz ID``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from quizzes.gift_import import gift_export
from quizzes.models import QuizPage
from tests.factories.pages import CoursePageFactory, ModulePageFactory, make_site
from tests.factories.quizzes import QuizPageFactory

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "gift_corpus"
ALL_TYPES = CORPUS / "all_types.gift"


@pytest.fixture
def module(db):
    _home, catalogue = make_site()
    return ModulePageFactory(parent=CoursePageFactory(parent=catalogue))


@pytest.fixture
def quiz(module):
    quiz = QuizPageFactory(parent=module, questions=[])
    quiz.save_revision()
    return quiz


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def state_of(quiz) -> tuple[int, int]:
    page = QuizPage.objects.get(pk=quiz.pk)
    return page.revisions.count(), len(page.get_latest_revision_as_object().question_list())


def test_import_prints_what_it_added_and_what_it_skipped(quiz):
    revisions = state_of(quiz)[0]
    out, _ = run("import_gift", str(ALL_TYPES), "--quiz", str(quiz.pk))
    assert (
        "Added 2 single choice, 1 multiple response, 1 true or false, 1 short answer, "
        "1 numerical, 1 matching, 1 essay (8 questions)"
    ) in out
    assert "Skipped line 32: no answer block" in out
    assert "saved as a draft" in out
    assert state_of(quiz) == (revisions + 1, 8)
    page = QuizPage.objects.get(pk=quiz.pk)
    assert page.question_list() == []  # not published


def test_import_with_publish_publishes_the_revision(quiz):
    out, _ = run("import_gift", str(ALL_TYPES), "--quiz", str(quiz.pk), "--publish")
    assert "published" in out
    page = QuizPage.objects.get(pk=quiz.pk)
    assert page.live
    assert not page.has_unpublished_changes
    assert len(page.question_list()) == 8


def test_an_error_names_the_line_and_imports_nothing(quiz, tmp_path):
    bad = tmp_path / "bad.gift"
    bad.write_text("Fine? {T}\n\nBroken? {=a ~%200%b}\n", encoding="utf-8")
    before = state_of(quiz)
    with pytest.raises(CommandError, match=r"bad\.gift: line 3: expected a weight"):
        run("import_gift", str(bad), "--quiz", str(quiz.pk))
    assert state_of(quiz) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Café? {T}".encode("latin-1"), "not UTF-8 text"),
        (b"Which? {~%10%a ~b}\n", "Nothing was imported: a question cannot be added"),
        (b"// nothing\n", "no questions"),
    ],
)
def test_files_the_quiz_cannot_take_are_refused(quiz, tmp_path, content, message):
    path = tmp_path / "file.gift"
    path.write_bytes(content)
    before = state_of(quiz)
    with pytest.raises(CommandError, match=message):
        run("import_gift", str(path), "--quiz", str(quiz.pk))
    assert state_of(quiz) == before


def test_a_missing_file_an_unknown_page_or_a_page_that_is_no_quiz_is_an_error(quiz, module):
    with pytest.raises(CommandError, match="No such file"):
        run("import_gift", "/nonexistent/questions.gift", "--quiz", str(quiz.pk))
    with pytest.raises(CommandError, match="There is no page with id 987654"):
        run("import_gift", str(ALL_TYPES), "--quiz", "987654")
    with pytest.raises(CommandError, match="is a module, not a quiz"):
        run("import_gift", str(ALL_TYPES), "--quiz", str(module.pk))
    with pytest.raises(CommandError, match="There is no page with id 987654"):
        run("export_gift", "--quiz", "987654")
    with pytest.raises(CommandError, match="not a quiz"):
        run("export_gift", "--quiz", str(module.pk))


def test_export_writes_the_same_gift_as_the_service_to_stdout(quiz):
    run("import_gift", str(ALL_TYPES), "--quiz", str(quiz.pk))
    out, err = run("export_gift", "--quiz", str(quiz.pk))
    assert out == gift_export(quiz=quiz)
    assert out.startswith("::Single choice:: Which report introduced human security? {")
    assert err == ""
    # --live: the published version, which has no questions yet.
    assert run("export_gift", "--quiz", str(quiz.pk), "--live")[0] == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["import_gift", str(ALL_TYPES), "--quiz", "987654"],
        ["import_gift", str(CORPUS / "error_bad_weight.gift"), "--quiz", "{quiz}"],
        ["export_gift", "--quiz", "987654"],
    ],
)
def test_errors_exit_non_zero_with_the_message_on_stderr(quiz, capsys, argv):
    # As from the shell: CommandError becomes a message on stderr and exit status 1.
    argv = [arg.replace("{quiz}", str(quiz.pk)) for arg in argv]
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", *argv])
    assert exited.value.code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "CommandError: " in captured.err
    assert ("line " in captured.err) == ("error_bad_weight" in argv[1])
