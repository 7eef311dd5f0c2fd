from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from django.db.models import Q

        from courses.activities import activity_type_register

        from .models import QuizPage

        # A quiz is an activity; it counts toward completion only when marked required.
        activity_type_register(QuizPage, required=Q(required_for_completion=True))
