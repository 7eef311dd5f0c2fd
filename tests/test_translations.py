"""The interface translations: one complete ``django.po`` per language, in step with the code.

``make messages`` extracts the strings; these tests fail while a language lacks a file, an
entry is untranslated or fuzzy, a placeholder was lost in translation (which would break
the page at run time), or the code has strings the files do not (checked by extracting them
again into a scratch copy of the project, which needs GNU gettext's ``xgettext``).
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import to_locale

ROOT = Path(settings.BASE_DIR)
LOCALE_DIR = ROOT / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SOURCES = ["cms", "courses", "learners", "quizzes", "templates", "manage.py"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdfr]|\{(\w*)\}|%[sd]")


def po_file(code: str) -> polib.POFile:
    path = LOCALE_DIR / to_locale(code) / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run make messages, then translate it"
    return polib.pofile(str(path))


def placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_is_translated_with_its_placeholders(code):
    po = po_file(code)
    assert len(po) > 100, f"{code}: only {len(po)} entries"
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            if not forms or not all(forms):
                problems.append(f"untranslated plural: {entry.msgid!r}")
            wanted = set(placeholders(entry.msgid_plural)) | set(placeholders(entry.msgid))
            for form in forms:
                # A form for one item may spell out the number instead of using it.
                if not set(placeholders(form)) <= wanted:
                    problems.append(f"placeholders changed: {entry.msgid!r} -> {form!r}")
            continue
        if not entry.msgstr:
            problems.append(f"untranslated: {entry.msgid!r}")
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            problems.append(f"placeholders changed: {entry.msgid!r} -> {entry.msgstr!r}")
    assert not problems, f"{code}: {len(problems)} problems:\n" + "\n".join(problems[:30])


def test_the_translation_files_are_up_to_date_with_the_code(tmp_path):
    if not shutil.which("xgettext"):
        pytest.skip("needs GNU gettext (xgettext) to extract the strings")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    shutil.copytree(LOCALE_DIR, tmp_path / "locale")
    code = LANGUAGES[0]
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            to_locale(code),
            "--no-obsolete",
            "--no-location",
        ],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    extracted = polib.pofile(str(tmp_path / "locale" / to_locale(code) / "LC_MESSAGES/django.po"))
    committed = po_file(code)
    key = lambda entry: (entry.msgctxt, entry.msgid)  # noqa: E731
    missing = {key(e) for e in extracted} - {key(e) for e in committed}
    stale = {key(e) for e in committed if not e.obsolete} - {key(e) for e in extracted}
    assert not missing, f"strings not in the .po files (run make messages): {sorted(missing)[:20]}"
    assert not stale, f"strings no longer in the code (run make messages): {sorted(stale)[:20]}"


@pytest.mark.parametrize("code", ["tr", "sr", "sq"])
def test_the_interface_speaks_the_language(code):
    with translation.override(code):
        assert translation.gettext("Courses") != "Courses"
        assert translation.gettext("My learning") != "My learning"


def test_the_cyrillic_serbian_catalogue_is_the_latin_one_transliterated():
    from cms.management.commands.translations_cyrillic import cyrillic_catalogue

    expected = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in cyrillic_catalogue(po_file("sr-latn"))
    }
    actual = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in po_file("sr")}
    assert actual == expected, "run: manage.py translations_cyrillic"
