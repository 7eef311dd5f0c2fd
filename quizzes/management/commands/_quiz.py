"""What the GIFT commands share: finding the quiz by page id."""

from django.core.management.base import CommandError
from wagtail.models import Page

from quizzes.models import QuizPage


def quiz_by_page_id(page_id: int) -> QuizPage:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise CommandError(f"There is no page with id {page_id}.")
    specific = page.specific
    if not isinstance(specific, QuizPage):
        raise CommandError(
            f"Page {page_id} (“{page.title}”) is a {page.specific_class._meta.verbose_name}, "
            "not a quiz."
        )
    return specific
