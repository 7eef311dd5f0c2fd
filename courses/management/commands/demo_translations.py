"""Translate the demo course from ``courses/demo_translations/*.po``, or (``--export``)
write the template of its strings for translators."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.demo_translations import (
    DIRECTORY,
    demo_translations_apply,
    demo_translations_template,
)
from courses.models import CoursePage

DEMO_COURSE_SLUG = "introduction-to-human-security"


class Command(BaseCommand):
    help = "Apply the demo course's translations, or --export their template (.pot)."

    def add_arguments(self, parser):
        parser.add_argument("--export", action="store_true")

    def handle(self, *args, export: bool, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("demo_translations refuses to run with these settings.")
        course = (
            CoursePage.objects.filter(slug=DEMO_COURSE_SLUG, alias_of__isnull=True)
            .order_by("pk")
            .first()
        )
        if course is None:
            raise CommandError("No demo course: run seed_demo first.")
        if export:
            path = DIRECTORY / "demo_translations.pot"
            template = demo_translations_template(course=course)
            template.save(str(path))
            self.stdout.write(f"Wrote {len(template)} strings to {path}")
            return
        self.stdout.write(f"Published {demo_translations_apply(course=course)} translated pages.")
