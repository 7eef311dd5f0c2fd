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


# Reports ------------------------------------------------------------------------------------
# Overview, course report, breakdowns and learner list under /admin/reports/learning/ and a
# "Reports" menu, shown to those who may see enrolments (admins, Reviewers, trainers).

from django.urls import include, path, reverse_lazy  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402
from wagtail.admin.menu import MenuItem  # noqa: E402

from courses.admin_views import enrolment_access  # noqa: E402

from . import report_views  # noqa: E402

report_urlpatterns = [
    path("", report_views.OverviewView.as_view(), name="overview"),
    path("course/", report_views.CourseReportView.as_view(), name="course"),
    path("breakdowns/", report_views.BreakdownView.as_view(), name="breakdown"),
    path("learners/", report_views.LearnerListView.as_view(), name="learners"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "learning-reports/",
            include((report_urlpatterns, "learners_reports"), namespace="learners_reports"),
        )
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return enrolment_access(request.user) is not None


def _report_menu_item(name: str, label, order: int) -> ReportMenuItem:
    return ReportMenuItem(
        label, reverse_lazy(f"learners_reports:{name}"), name=f"learning-{name}", order=order
    )


# In Wagtail's own "Reports" menu, first; the menu shows whenever one of its items does.
@hooks.register("register_reports_menu_item")
def register_overview_report_menu_item():
    return _report_menu_item("overview", gettext_lazy("Learning overview"), 1)


@hooks.register("register_reports_menu_item")
def register_course_report_menu_item():
    return _report_menu_item("course", gettext_lazy("Course report"), 2)


@hooks.register("register_reports_menu_item")
def register_breakdown_report_menu_item():
    return _report_menu_item("breakdown", gettext_lazy("Learning breakdowns"), 3)


@hooks.register("register_reports_menu_item")
def register_learner_list_menu_item():
    return _report_menu_item("learners", gettext_lazy("Learners by course"), 4)


from . import certificate_admin  # noqa: E402, F401 - registers the "Certificates" admin viewset
