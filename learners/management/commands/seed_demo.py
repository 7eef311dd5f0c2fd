"""Create the demo site: pages, courses and accounts. Safe to run again; refuses production."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.demo import link_catalogue, seed_site
from courses.demo import assign_trainer, seed_catalogue, seed_courses, seed_learning
from courses.demo_translations import demo_locales_sync, demo_translations_apply
from learners.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_accounts, seed_completed_course
from quizzes.demo import seed_attempt, seed_quizzes


class Command(BaseCommand):
    help = "Create demo content and accounts (idempotent). Refuses to run in production."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "seed_demo refuses to run with these settings (DEMO_DATA_ALLOWED is off, "
                "as in production)."
            )
        home = seed_site()
        catalogue = seed_catalogue(home=home)
        link_catalogue(home=home, catalogue=catalogue)
        courses = seed_courses(catalogue=catalogue)
        quizzes = seed_quizzes(courses=courses)
        demo_translations_apply(course=courses[0])
        demo_locales_sync()
        users = seed_accounts()
        assign_trainer(course=courses[0], user=users["trainer"])
        seed_learning(learner=users["learner"], courses=courses)
        seed_attempt(learner=users["learner"], quiz=quizzes[0])
        seed_completed_course(learner=users["learner"], courses=courses)
        self.stdout.write(
            self.style.SUCCESS(f"Demo site ready: {len(courses)} courses, {len(quizzes)} quizzes.")
        )
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account['email']:<22} {account['role']}")
