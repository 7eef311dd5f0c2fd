"""The language a page's content is written in, for ``lang`` attributes.

Pages live in a locale's tree, but what they show is not always that locale's language: an
alias (an untranslated page, kept in every tree by wagtail-localize) shows the original, and
an original course may be written in any language (its ``language`` field). The interface
around the content is in the URL's language; marking the content with its own language lets
screen readers pronounce it and keeps the Serbian script conversion off other languages.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Locale, Page

SERBIAN = ("sr", "sr-latn")


@functools.lru_cache(maxsize=32)
def _locale_code(locale_id: int) -> str:
    # Locales are created by migration and not renamed; one query per process and locale.
    return Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()


def content_language(page: Page, course=None) -> str:
    """Language code of ``page``'s content; ``course`` (its course, if any) gives the
    language originals are written in."""
    authored = getattr(course, "language", "") or settings.LANGUAGE_CODE
    if page.alias_of_id:
        return authored
    code = _locale_code(page.locale_id) or settings.LANGUAGE_CODE
    if code == settings.LANGUAGE_CODE:
        return authored
    if code == "sr":
        # One Serbian locale, shown in the interface's script.
        current = get_language()
        return current if current in SERBIAN else "sr"
    return code


def available_languages(pages) -> dict:
    """For each page's translation key, the language codes it is written in (its original
    and real translations, not aliases), in the site's language order. One query."""
    order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
    found: dict = {}
    rows = (
        Page.objects.live()
        .filter(translation_key__in={p.translation_key for p in pages}, alias_of__isnull=True)
        .values_list("translation_key", "locale__language_code")
    )
    for key, code in rows:
        found.setdefault(key, []).append(code)
    return {key: sorted(codes, key=lambda c: order.get(c, 99)) for key, codes in found.items()}
