"""Translations of the demo site into Albanian, Serbian and Turkish, made the way the network's
translators make them: with wagtail-localize, page by page, from PO files.

``demo_translations/<lang>.po`` holds, per language, the translation of every string
wagtail-localize extracts from the home page, the catalogue page and the introductory course
(course, modules, lessons, quizzes). Entries are matched by source text (``msgid``): the
block ids in wagtail-localize's own contexts differ each time the demo is seeded. Serbian is
written in Latin script; the site shows it in Cyrillic too (one ``sr`` locale, see
``cms.middleware``).

``manage.py demo_translations --export`` rewrites the template (``demo_translations.pot``)
from the English demo after its text changes; translators then update the PO files.
"""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource
from wagtail_localize.synctree import PageIndex, synchronize_tree

DIRECTORY = Path(__file__).resolve().parent / "demo_translations"
LANGUAGES = ("sq", "sr", "tr")


def pages_to_translate(*, course: Page) -> list[Page]:
    """The site's home and catalogue pages (the course's ancestors below the root), then the
    course and everything in it, parents before children."""
    ancestors = list(course.get_ancestors().filter(depth__gt=1).specific().order_by("path"))
    return ancestors + list(Page.objects.descendant_of(course, inclusive=True).live().specific())


def demo_translations_template(*, course: Page) -> polib.POFile:
    """Every string to translate, once, with the page it first appears on as a comment."""
    template = polib.POFile(wrapwidth=100)
    template.metadata = {"Content-Type": "text/plain; charset=utf-8"}
    seen = set()
    for page in pages_to_translate(course=course):
        source, _created = TranslationSource.get_or_create_from_instance(page)
        for entry in source.export_po():
            if entry.msgid not in seen:
                seen.add(entry.msgid)
                template.append(polib.POEntry(msgid=entry.msgid, msgstr="", comment=page.url_path))
    return template


def translations_for(code: str) -> dict[str, str]:
    path = DIRECTORY / f"{code}.po"
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr}


def demo_translations_apply(*, course: Page, languages=LANGUAGES) -> int:
    """Translate the demo pages into ``languages`` (idempotent); returns pages published.
    Strings without a translation stay in English, as wagtail-localize's fallback does."""
    with transaction.atomic():
        published = _translate(pages_to_translate(course=course), languages)
    # Translating a parent before its children leaves treebeard's child counts off once the
    # transaction's deferred page saves have run: recount them.
    Page.fix_tree(fix_paths=False)
    return published


def _translate(pages: list[Page], languages) -> int:
    published = 0
    for code in languages:
        table = translations_for(code)
        locale = Locale.objects.get(language_code=code)
        for page in pages:
            source, _created = TranslationSource.get_or_create_from_instance(page)
            translation, _created = Translation.objects.get_or_create(
                source=source, target_locale=locale
            )
            po = translation.export_po()
            for entry in po:
                entry.msgstr = table.get(entry.msgid, "")
            translation.import_po(po)
            translation.save_target(publish=True)
            published += 1
    return published


def demo_locales_sync() -> None:
    """Give every synchronised locale (``DEMO_LOCALES`` if set) an alias of each page not
    translated into it, as wagtail-localize does for pages created in the admin."""
    wanted = getattr(settings, "DEMO_LOCALES", None)
    index = PageIndex.from_database().sort_by_tree_position()
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        if wanted is None or sync.locale.language_code in wanted:
            synchronize_tree(sync.sync_from, sync.locale, page_index=index)
