"""Write the Serbian Cyrillic interface (``locale/sr``) from the Serbian Latin one
(``locale/sr_Latn``) by transliteration: translators keep one Serbian text.

Placeholders (``%(name)s``, ``%s``, ``{name}``), HTML tags and entities are kept as they are.
``make messages`` runs it after extracting the strings; tests check the two stay in step.
"""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from cms.transliteration import latin_to_cyrillic, transliterate_html

PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr%]|\{\w*\}")


def to_cyrillic(text: str) -> str:
    kept = []

    def hide(match):
        kept.append(match.group(0))
        return f"\ue000{len(kept) - 1}\ue001"

    masked = PLACEHOLDER.sub(hide, text)
    converted = (
        transliterate_html(masked, to="cyrl") if "<" in masked else latin_to_cyrillic(masked)
    )
    return re.sub("\ue000(\\d+)\ue001", lambda m: kept[int(m.group(1))], converted)


def cyrillic_catalogue(latin: polib.POFile) -> polib.POFile:
    cyrillic = polib.POFile(wrapwidth=latin.wrapwidth)
    cyrillic.header = latin.header
    cyrillic.metadata = {**latin.metadata, "Language": "sr", "Language-Team": "Serbian (Cyrillic)"}
    for entry in latin:
        copy = polib.POEntry(
            msgid=entry.msgid,
            msgid_plural=entry.msgid_plural,
            msgctxt=entry.msgctxt,
            msgstr=to_cyrillic(entry.msgstr) if entry.msgstr else "",
            msgstr_plural={k: to_cyrillic(v) for k, v in entry.msgstr_plural.items()},
            flags=list(entry.flags),
            comment=entry.comment,
            tcomment=entry.tcomment,
            occurrences=list(entry.occurrences),
        )
        cyrillic.append(copy)
    return cyrillic


class Command(BaseCommand):
    help = "Write locale/sr (Cyrillic) from locale/sr_Latn by transliteration."

    def handle(self, *args, **options):
        base = Path(settings.LOCALE_PATHS[0])
        source = base / "sr_Latn" / "LC_MESSAGES" / "django.po"
        target = base / "sr" / "LC_MESSAGES" / "django.po"
        cyrillic_catalogue(polib.pofile(str(source))).save(str(target))
        self.stdout.write(f"Wrote {target}")
