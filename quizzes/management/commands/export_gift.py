"""Write a quiz's questions as GIFT to standard output: ``manage.py export_gift --quiz ID``."""

from django.core.management.base import BaseCommand

from quizzes.gift_import import gift_export

from ._quiz import quiz_by_page_id


class Command(BaseCommand):
    help = "Write a quiz's questions as GIFT (Moodle's format) to standard output."

    def add_arguments(self, parser):
        parser.add_argument("--quiz", type=int, required=True, help="the quiz's page id")
        parser.add_argument(
            "--live",
            action="store_true",
            help="export the published version (by default: the latest draft, as in the editor)",
        )

    def handle(self, *args, quiz, live, **options):
        page = quiz_by_page_id(quiz)
        self.stdout.write(gift_export(quiz=page, draft=not live), ending="")
