from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    name = "learners"
    verbose_name = _("Learners")

    def ready(self):
        from courses.models import Enrolment
        from courses.signals import course_completed

        from .certificates import on_course_completed

        course_completed.connect(
            on_course_completed, sender=Enrolment, dispatch_uid="learners_certificate_issue"
        )
