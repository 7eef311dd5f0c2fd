"""Add the questions of a GIFT file to a quiz: ``manage.py import_gift FILE --quiz PAGE_ID``.

The questions are appended to the quiz's latest draft as a new revision; ``--publish``
publishes that revision. A file with any error imports nothing and exits non-zero, with the
line of the error.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.gift import GiftError
from quizzes.gift_import import GiftImportError, decode_gift_bytes, gift_import

from ._quiz import quiz_by_page_id


class Command(BaseCommand):
    help = "Add the questions of a GIFT file (UTF-8) to a quiz, as a new revision."

    def add_arguments(self, parser):
        parser.add_argument("file", help="GIFT file (UTF-8); '-' reads standard input")
        parser.add_argument("--quiz", type=int, required=True, help="the quiz's page id")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish the new revision (by default it is saved as a draft)",
        )

    def handle(self, *args, file, quiz, publish, **options):
        page = quiz_by_page_id(quiz)
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror or error}") from None
        try:
            report = gift_import(quiz=page, text=decode_gift_bytes(data), publish=publish)
        except GiftError as error:
            raise CommandError(
                f"{file}: line {error.line}: expected {error.expected}. Nothing was imported."
            ) from None
        except GiftImportError as error:
            raise CommandError(f"{file}: {error}") from None

        self.stdout.write(self.style.SUCCESS(report.summary()))
        for line in report.skipped_lines():
            self.stdout.write(line)
        if publish:
            self.stdout.write(f"Revision {report.revision.pk} saved and published.")
        else:
            self.stdout.write(
                f"Revision {report.revision.pk} saved as a draft (not published; "
                "use --publish to publish it)."
            )
