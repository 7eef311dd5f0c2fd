"""Applications and enrolments in the Wagtail admin.

Trainers and admins see the enrolments of courses in a listing ("Enrolments" in the admin
menu) and accept, waitlist or decline applications on each enrolment's page; the decision
goes through ``courses.services.application_decide``, which also queues the learner's email.

Who sees what is decided here, on the server, by one queryset (``enrolments_visible_to``):

* superusers and members of the "Reviewers" group see every enrolment;
* a trainer sees the enrolments of the courses they are linked to as a ``CourseTrainer``
  (in any language version of the course: enrolments point at the canonical one);
* nobody else sees any, and gets no menu item. An enrolment outside a user's courses is a
  404, so ids cannot be probed.

Enrolments are never added, edited or deleted through generic admin forms: the viewset only
has a listing and the per-enrolment decision page.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaks_filter
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy

from .admin_forms import DECISION_LABELS, DecisionForm
from .models import CoursePage, Enrolment
from .permissions import REVIEWERS
from .services import Decision, EnrolmentRefused, application_decide, course_progress_for

Status = Enrolment.Status

MOTIVATION_PREVIEW_CHARS = 80

# Access levels, cached on the user object for the request.
_ACCESS_CACHE = "_courses_enrolment_access"
ALL_COURSES = "all"
OWN_COURSES = "own"


def enrolment_access(user) -> str | None:
    """``ALL_COURSES``, ``OWN_COURSES`` (a trainer of some course) or ``None``."""
    if not (user.is_authenticated and user.is_active):
        return None
    if not hasattr(user, _ACCESS_CACHE):
        if user.is_superuser or user.groups.filter(name=REVIEWERS).exists():
            access = ALL_COURSES
        elif user.courses_trained.exists():
            access = OWN_COURSES
        else:
            access = None
        setattr(user, _ACCESS_CACHE, access)
    return getattr(user, _ACCESS_CACHE)


def enrolments_visible_to(user) -> QuerySet[Enrolment]:
    """The enrolments ``user`` may see and decide in the admin."""
    access = enrolment_access(user)
    if access == ALL_COURSES:
        return Enrolment.objects.all()
    if access == OWN_COURSES:
        # Any language version the user trains counts: enrolments use the canonical one.
        trained = CoursePage.objects.filter(trainers__user=user).values("translation_key")
        return Enrolment.objects.filter(course__translation_key__in=trained)
    return Enrolment.objects.none()


class EnrolmentPermissionPolicy(BasePermissionPolicy):
    """Enrolments can only be viewed (and their applications decided) in the admin.

    "view" is the one action granted; "add", "change" and "delete" never are, so Wagtail's
    generic views offer no forms or buttons for them.
    """

    def user_has_permission(self, user, action):
        return action == "view" and enrolment_access(user) is not None

    def user_has_any_permission(self, user, actions):
        return "view" in actions and enrolment_access(user) is not None

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and enrolments_visible_to(user).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return "view" in actions and self.user_has_permission_for_instance(user, "view", instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions:
            return Enrolment.objects.none()
        return enrolments_visible_to(user)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        return (
            User.objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True) | Q(groups__name=REVIEWERS) | Q(courses_trained__isnull=False)
            )
            .distinct()
        )

    def users_with_any_permission_for_instance(self, actions, instance):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        trainers = Q(courses_trained__course__translation_key=instance.course.translation_key)
        return (
            User.objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__name=REVIEWERS) | trainers)
            .distinct()
        )


# The listing -----------------------------------------------------------------------------

ANY_STATUS = "any"


def _courses_for_filter(request) -> QuerySet[CoursePage]:
    return CoursePage.objects.filter(
        pk__in=enrolments_visible_to(request.user).values("course_id")
    ).order_by("title")


class EnrolmentFilterSet(WagtailFilterSet):
    """Status (pending applications unless another status is chosen) and course."""

    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[(ANY_STATUS, gettext_lazy("Any status")), *Status.choices],
        empty_label=None,
        initial=Status.PENDING,
        widget=forms.RadioSelect,
        method="filter_status",
    )
    course = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Course"),
        queryset=_courses_for_filter,
        empty_label=gettext_lazy("All courses"),
    )

    class Meta:
        model = Enrolment
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("status"):
            data["status"] = Status.PENDING
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        if value == ANY_STATUS:
            return queryset
        return queryset.filter(status=value)


class LearnerColumn(TitleColumn):
    """The learner's public name (which may be a pseudonym), and their email beneath it."""

    cell_template_name = "courses/admin/learner_cell.html"


class EnrolmentIndexView(IndexView):
    any_permission_required = ["view"]
    page_title = gettext_lazy("Enrolments")

    def get_base_queryset(self):
        return enrolments_visible_to(self.request.user).select_related(
            "learner", "course", "decided_by"
        )

    @cached_property
    def columns(self):
        return [
            LearnerColumn(
                "learner",
                label=_("Learner"),
                accessor="learner.public_name",
                sort_key="learner__email",
                get_url=self.get_inspect_url,
            ),
            Column("course", label=_("Course"), accessor="course.title", sort_key="course__title"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda enrolment: enrolment.status == Status.PENDING,
            ),
            DateColumn("requested_at", label=_("Requested"), sort_key="requested_at"),
            Column(
                "motivation",
                label=_("Motivation"),
                accessor=lambda enrolment: Truncator(enrolment.motivation).chars(
                    MOTIVATION_PREVIEW_CHARS
                ),
            ),
            Column(
                "decided_by",
                label=_("Decided by"),
                accessor=lambda enrolment: (
                    enrolment.decided_by.public_name if enrolment.decided_by else ""
                ),
            ),
            DateColumn("decided_at", label=_("Decided"), sort_key="decided_at"),
        ]

    def get_list_more_buttons(self, instance):
        # No edit, copy or delete; the learner's name links to the decision page.
        return []


# The decision page -----------------------------------------------------------------------


def decisions_for(enrolment: Enrolment) -> list[str]:
    """The decisions that make sense for an enrolment in its current status."""
    if enrolment.status == Status.PENDING:
        return [Decision.ACCEPT, Decision.WAITLIST, Decision.DECLINE]
    if enrolment.status == Status.WAITLISTED:
        return [Decision.ACCEPT, Decision.DECLINE]
    return []


SUCCESS_MESSAGES = {
    Decision.ACCEPT: gettext_lazy(
        "%(learner)s was accepted into “%(course)s” and will be told by email."
    ),
    Decision.WAITLIST: gettext_lazy(
        "%(learner)s was put on the waitlist of “%(course)s” and will be told by email."
    ),
    Decision.DECLINE: gettext_lazy(
        "The application of %(learner)s to “%(course)s” was declined; they will be told by email."
    ),
}


class EnrolmentDecideView(InspectView):
    """One enrolment in full, with the Accept / Waitlist / Decline form for applications."""

    any_permission_required = ["view"]
    template_name = "courses/admin/enrolment_detail.html"
    page_title = gettext_lazy("Enrolment")

    def get_object(self, queryset=None):
        # Outside the user's courses: 404, whatever the method.
        return get_object_or_404(
            enrolments_visible_to(self.request.user).select_related(
                "learner", "course", "decided_by"
            ),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return f"{self.object.learner.public_name} – {self.object.course.title}"

    def get_fields_context(self):
        enrolment = self.object
        course = enrolment.course
        empty = "—"
        rows = [
            (_("Learner"), enrolment.learner.public_name),
            (_("Email"), enrolment.learner.email),
            (
                _("Course"),
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("wagtailadmin_pages:edit", args=(course.pk,)),
                    course.title,
                ),
            ),
            (_("Status"), enrolment.get_status_display()),
            (_("Requested"), enrolment.requested_at),
            (_("Places"), self.places_summary()),
        ]
        if enrolment.status == Status.WAITLISTED:
            rows.append((_("Waitlist position"), self.waitlist_position()))
        rows += [
            (
                _("Motivation statement"),
                linebreaks_filter(enrolment.motivation) if enrolment.motivation else empty,
            ),
            (_("Enrolled"), enrolment.enrolled_at or empty),
            (_("Progress"), self.progress_summary()),
            (
                _("Decided by"),
                enrolment.decided_by.public_name if enrolment.decided_by else empty,
            ),
            (_("Decided"), enrolment.decided_at or empty),
            (
                _("Note to the learner"),
                linebreaks_filter(enrolment.decision_note) if enrolment.decision_note else empty,
            ),
        ]
        if enrolment.withdrawn_at:
            rows.append((_("Withdrawn"), enrolment.withdrawn_at))
        if enrolment.completed_at:
            rows.append((_("Course completed"), enrolment.completed_at))
        return [{"label": label, "value": value, "component": None} for label, value in rows]

    def places_summary(self) -> str:
        course = self.object.course
        taken = Enrolment.objects.filter(course=course, status=Status.ACTIVE).count()
        if course.capacity is None:
            return _("%(taken)d enrolled, no limit") % {"taken": taken}
        return _("%(taken)d of %(capacity)d places taken") % {
            "taken": taken,
            "capacity": course.capacity,
        }

    def waitlist_position(self) -> int:
        enrolment = self.object
        ahead = Enrolment.objects.filter(
            course_id=enrolment.course_id, status=Status.WAITLISTED
        ).filter(
            Q(requested_at__lt=enrolment.requested_at)
            | Q(requested_at=enrolment.requested_at, pk__lt=enrolment.pk)
        )
        return ahead.count() + 1

    def progress_summary(self) -> str:
        completed = self.object.completions.count()
        done, required = course_progress_for(enrolment=self.object)
        return _("%(completed)d activities completed (%(done)d of %(required)d required)") % {
            "completed": completed,
            "done": done,
            "required": required,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decision_form"] = kwargs.get("decision_form") or DecisionForm()
        context["decisions"] = [
            (decision, DECISION_LABELS[decision]) for decision in decisions_for(self.object)
        ]
        context["index_url"] = reverse(self.index_url_name)
        return context

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The decision could not be saved: see the form."))
            return self.render_to_response(self.get_context_data(decision_form=form))
        decision = form.cleaned_data["decision"]
        try:
            enrolment = application_decide(
                enrolment=self.object,
                decision=decision,
                decided_by=request.user,
                note=form.cleaned_data["note"],
            )
        except EnrolmentRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(request.path)
        messages.success(
            request,
            SUCCESS_MESSAGES[decision]
            % {"learner": enrolment.learner.public_name, "course": enrolment.course.title},
        )
        return redirect(get_valid_next_url_from_request(request) or reverse(self.index_url_name))


class EnrolmentViewSet(ModelViewSet):
    """ "Enrolments" in the admin menu: a listing and one decision page per enrolment."""

    model = Enrolment
    name = "enrolments"
    icon = "group"
    menu_label = gettext_lazy("Enrolments")
    menu_order = 260
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = EnrolmentIndexView
    inspect_view_class = EnrolmentDecideView
    filterset_class = EnrolmentFilterSet
    # Searched with the ORM: enrolments are not in the search index.
    search_fields = [
        "learner__email",
        "learner__display_name",
        "learner__first_name",
        "learner__last_name",
    ]
    search_backend_name = None
    # Oldest first: the order applications came in, and the waitlist's order.
    ordering = "requested_at"
    list_per_page = 50

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_permissions_to_register(self):
        # Access follows the course's trainers and the Reviewers group, not model
        # permissions, so there is nothing to tick in the group editor.
        return Permission.objects.none()

    def register_admin_url_finder(self):
        # There is no edit view to point at.
        pass
