"""Certificates in the Wagtail admin ("Certificates" in the admin menu).

Who may do what, decided on the server:

* **See** certificates: superusers and Reviewers all of them; a trainer those of the courses
  they train (the same rule as enrolments, ``courses.admin_views.enrolments_visible_to``).
  Anything else is a 404.
* **Issue by hand** (e.g. after an in-person summer school): the same people, for an
  enrolment they can see. The enrolment need not be completed online; the completion date is
  then the day of issue. Issuing twice returns the existing certificate.
* **Revoke** with a reason, and **correct the name** (the PDF is rendered again): superusers
  only.

Certificates are never deleted (revocation keeps the record and its verification page).
Importing this module registers the viewset: ``learners/wagtail_hooks.py`` does
``from . import certificate_admin``.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from courses.admin_views import enrolment_access, enrolments_visible_to
from courses.models import CoursePage, Enrolment
from courses.permissions import REVIEWERS

from .certificates import (
    certificate_issue,
    certificate_name_correct,
    certificate_revoke,
    verify_url,
)
from .models import Certificate


def certificates_visible_to(user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(enrolment__in=enrolments_visible_to(user))


def may_revoke(user) -> bool:
    return bool(user.is_active and user.is_superuser)


class CertificatePermissionPolicy(BasePermissionPolicy):
    """ "view" and "add" (issue) follow enrolment access; "change" (revoke, correct the name)
    is for superusers; "delete" is never granted."""

    def _allowed(self, user, action) -> bool:
        if action in {"view", "add"}:
            return enrolment_access(user) is not None
        if action == "change":
            return may_revoke(user)
        return False

    def user_has_permission(self, user, action):
        return self._allowed(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self._allowed(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self._allowed(user, action)
            and certificates_visible_to(user).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Certificate.objects.none()
        return certificates_visible_to(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if {"view", "add"} & set(actions):
            return users.filter(
                Q(is_superuser=True) | Q(groups__name=REVIEWERS) | Q(courses_trained__isnull=False)
            ).distinct()
        if "change" in actions:
            return users.filter(is_superuser=True)
        return users.none()

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions)


# Forms ----------------------------------------------------------------------------------------


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revocation"),
        max_length=500,
        help_text=gettext_lazy("Shown publicly on the verification page and in the badge."),
    )


class NameCorrectionForm(forms.Form):
    learner_name = forms.CharField(
        label=gettext_lazy("Name on the certificate"),
        max_length=200,
        help_text=gettext_lazy("The PDF is generated again with the corrected name."),
    )


class IssueForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Learner's email address"))
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"), queryset=CoursePage.objects.none()
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.filter(
            pk__in=enrolments_visible_to(user).values("course_id")
        ).order_by("title")

    def clean(self):
        cleaned = super().clean()
        email, course = cleaned.get("email"), cleaned.get("course")
        if email and course:
            enrolment = (
                enrolments_visible_to(self.user)
                .filter(course=course, learner__email__iexact=email)
                .exclude(learner__anonymised_at__isnull=False)
                .first()
            )
            if enrolment is None:
                raise forms.ValidationError(
                    _("This person is not enrolled in this course (or you do not train it).")
                )
            cleaned["enrolment"] = enrolment
        return cleaned


# Views ----------------------------------------------------------------------------------------


class CertificateIndexView(IndexView):
    any_permission_required = ["view"]
    page_title = gettext_lazy("Certificates")
    add_item_label = gettext_lazy("Issue a certificate")

    def get_base_queryset(self):
        return certificates_visible_to(self.request.user).select_related("course")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "learner_name",
                label=_("Name on the certificate"),
                sort_key="learner_name",
                get_url=self.get_inspect_url,
            ),
            Column("course_title", label=_("Course"), sort_key="course_title"),
            DateColumn("completed_on", label=_("Completed"), sort_key="completed_on"),
            DateColumn("issued_at", label=_("Issued"), sort_key="issued_at"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor=lambda c: _("revoked") if c.is_revoked else _("valid"),
                primary=lambda c: not c.is_revoked,
            ),
        ]

    def get_list_more_buttons(self, instance):
        return []

    def get_edit_url(self, instance):
        return None


class CertificateInspectView(InspectView):
    any_permission_required = ["view"]
    template_name = "learners/certificates/admin_detail.html"
    page_title = gettext_lazy("Certificate")

    def get_object(self, queryset=None):
        return get_object_or_404(
            certificates_visible_to(self.request.user).select_related(
                "learner", "course", "issued_by", "revoked_by"
            ),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return f"{self.object.learner_name} – {self.object.course_title}"

    # No generic edit or delete: changes go through the forms on this page.
    def get_edit_url(self):
        return None

    def get_delete_url(self):
        return None

    def get_fields_context(self):
        c = self.object
        empty = "—"
        url = verify_url(c)
        rows = [
            (_("Name on the certificate"), c.learner_name or empty),
            (_("Learner account"), c.learner.email),
            (_("Course"), c.course_title),
            (_("Completed on"), c.completed_on),
            (_("Effort (hours)"), c.effort_hours),
            (_("Issued by (network)"), c.issuer),
            (_("Language"), c.language),
            (_("Trainers"), ", ".join(c.trainer_names) or empty),
            (_("Issued"), c.issued_at),
            (_("Issued by hand by"), c.issued_by.public_name if c.issued_by else _("automatic")),
            (_("Verification page"), format_html('<a href="{}">{}</a>', url, url)),
            (_("PDF"), _("stored") if c.pdf else _("not generated yet")),
            (
                _("Status"),
                _("revoked on %(date)s: %(reason)s")
                % {"date": c.revoked_at, "reason": c.revocation_reason}
                if c.is_revoked
                else _("valid"),
            ),
            (
                _("Kept verifiable after account deletion"),
                _("yes") if c.keep_after_account_deletion else _("no"),
            ),
        ]
        return [{"label": label, "value": value, "component": None} for label, value in rows]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_change"] = may_revoke(self.request.user)
        context["revoke_form"] = kwargs.get("revoke_form") or RevokeForm()
        context["name_form"] = kwargs.get("name_form") or NameCorrectionForm(
            initial={"learner_name": self.object.learner_name}
        )
        context["index_url"] = reverse(self.index_url_name)
        return context

    def post(self, request, *args, **kwargs):
        if not may_revoke(request.user):
            messages.error(request, _("Only administrators can revoke or correct certificates."))
            return redirect(request.path)
        certificate = self.object
        if request.POST.get("action") == "revoke":
            form = RevokeForm(request.POST)
            if not form.is_valid() or certificate.is_revoked:
                if certificate.is_revoked:
                    messages.error(request, _("This certificate is already revoked."))
                return self.render_to_response(self.get_context_data(revoke_form=form))
            certificate_revoke(
                certificate=certificate,
                reason=form.cleaned_data["reason"],
                revoked_by=request.user,
            )
            messages.success(request, _("The certificate was revoked."))
        elif request.POST.get("action") == "rename":
            form = NameCorrectionForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(name_form=form))
            certificate_name_correct(
                certificate=certificate, learner_name=form.cleaned_data["learner_name"]
            )
            messages.success(request, _("The name was corrected and the PDF generated again."))
        return redirect(request.path)


class CertificateIssueView(WagtailAdminTemplateMixin, FormView):
    template_name = "learners/certificates/admin_issue.html"
    page_title = gettext_lazy("Issue a certificate")
    header_icon = "doc-full"
    form_class = IssueForm
    index_url_name = inspect_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if enrolment_access(request.user) is None:
            from wagtail.admin.auth import permission_denied

            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        enrolment: Enrolment = form.cleaned_data["enrolment"]
        existed = Certificate.objects.filter(enrolment=enrolment).exists()
        certificate = certificate_issue(enrolment=enrolment, issued_by=self.request.user)
        if existed:
            messages.warning(self.request, _("This enrolment already had a certificate."))
        else:
            messages.success(self.request, _("The certificate was issued."))
        return redirect(self.inspect_url_name, certificate.pk)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    name = "certificates"
    # Not "certificates": that is the namespace of the public pages (learners.certificate_urls).
    url_namespace = "certificates_admin"
    icon = "doc-full"
    menu_label = gettext_lazy("Certificates")
    menu_order = 270
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    search_fields = ["learner_name", "course_title", "code", "learner__email"]
    search_backend_name = None
    ordering = "-issued_at"
    list_per_page = 50

    @property
    def issue_view(self):
        return CertificateIssueView.as_view(
            inspect_url_name=self.get_url_name("inspect"),
            index_url_name=self.get_url_name("index"),
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("issue/", self.issue_view, name="add"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_permissions_to_register(self):
        return Permission.objects.none()

    def register_admin_url_finder(self):
        pass


register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    # Registered when this module is imported (by learners/wagtail_hooks.py); a module is
    # imported once, so the viewset is registered once.
    return CertificateViewSet()
