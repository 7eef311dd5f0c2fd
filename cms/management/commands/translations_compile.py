"""Compile the interface translations (``locale/*/LC_MESSAGES/django.po``) to ``.mo`` files.

Django's ``compilemessages`` needs GNU gettext's ``msgfmt``; this uses polib (pure Python) so
``make run`` works on a machine without gettext. Only files older than their ``.po`` are
rebuilt. The ``.mo`` files are build output (gitignored).
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo (no gettext needed)."

    def handle(self, *args, **options):
        compiled = 0
        for directory in settings.LOCALE_PATHS:
            for po_path in sorted(Path(directory).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} translation file(s).")
