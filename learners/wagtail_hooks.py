"""Admin hooks for people: deleting a user with learning records anonymises them instead."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.models import Enrolment
from quizzes.models import QuizAttempt

from .services import account_delete


def _has_learning_records(user) -> bool:
    return (
        Enrolment.objects.filter(learner=user).exists()
        or QuizAttempt.objects.filter(learner=user).exists()
    )


@hooks.register("before_delete_user")
def anonymise_instead_of_deleting(request, user):
    """Enrolments, progress and attempts must survive (statistics, certificates), and the
    database protects them; so a learner is anonymised, as when they delete their account."""
    if not _has_learning_records(user):
        return None
    if request.method != "POST":
        messages.warning(
            request,
            _(
                "This person has learning records. Deleting will anonymise the account: personal "
                "data is erased, anonymous records stay for the statistics."
            ),
        )
        return None
    account_delete(user=user)
    messages.success(request, _("The account was anonymised; its learning records were kept."))
    return redirect("wagtailusers_users:index")
