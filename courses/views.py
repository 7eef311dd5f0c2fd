"""What learners do on course and lesson pages: enrol, apply, withdraw, open a lesson, mark
it complete.

The page models route to these (``CoursePage``: ``enrol/``, ``withdraw/``; ``LessonPage``: the
lesson itself and ``complete/``), so the URLs follow the page wherever it lives. Each view is
thin: check the method and the viewer, call a service, say what happened, redirect. Forms
carry no ids: whose enrolment is changed is always decided by the logged-in user and the page.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .access import Access, Reason, activity_access_for, course_of_activity
from .models import CoursePage, Enrolment, LessonPage
from .models.learning import MOTIVATION_MAX_LENGTH
from .outline import lesson_position_for
from .services import (
    WITHDRAWABLE,
    EnrolmentRefused,
    NotEnrolled,
    activity_complete,
    activity_visit,
    enrolment_for,
    enrolment_request,
    enrolment_withdraw,
)

Status = Enrolment.Status


class StatementField(forms.CharField):
    """Free text counted as the learner sees it: a line break is one character, as in the
    browser's own ``maxlength`` count (browsers send it as two)."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class EnrolmentForm(forms.Form):
    """Enrol or apply. Only by-application courses ask for (and require) a statement."""

    motivation = StatementField(
        label=_("Why do you want to take part?"),
        max_length=MOTIVATION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Please tell us briefly why you want to take part."),
            "max_length": _(
                "Your motivation statement is too long (at most %(limit_value)d characters; "
                "it has %(show_value)d)."
            ),
        },
    )

    def __init__(self, *args, application: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["motivation"]
        field.required = application
        field.help_text = gettext(
            "A few sentences about your work and what you hope to learn; the trainers read "
            "them when they select participants. At most %(max)d characters."
        ) % {"max": MOTIVATION_MAX_LENGTH}


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


_ALREADY = {
    Status.ACTIVE: _("You are already enrolled in this course."),
    Status.PENDING: _("You have already applied: your application is being reviewed."),
    Status.WAITLISTED: _("You are already on the waitlist for this course."),
}
_DONE = {
    Status.ACTIVE: _("You are enrolled. Welcome to the course!"),
    Status.PENDING: _(
        "Thank you: your application has been received. We will email you when the trainers "
        "have decided."
    ),
    Status.WAITLISTED: _(
        "The course is full, so you have joined the waitlist. You will get a place "
        "automatically when one is free, and we will email you."
    ),
}


def course_enrol(request, course: CoursePage):
    if refused := _post_only(request):
        return refused
    course_url = course.get_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(course_url)
    form = EnrolmentForm(
        request.POST,
        application=course.enrolment_mode == CoursePage.EnrolmentMode.APPLICATION,
    )
    if not form.is_valid():
        for error in form.errors["motivation"]:
            messages.error(request, error)
        return redirect(course_url)
    before = enrolment_for(learner=request.user, course=course)
    try:
        enrolment = enrolment_request(
            learner=request.user, course=course, motivation=form.cleaned_data["motivation"]
        )
    except EnrolmentRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(course_url)
    if before is not None and before.status == enrolment.status and enrolment.status in _ALREADY:
        messages.info(request, _ALREADY[enrolment.status])
    else:
        messages.success(request, _DONE[enrolment.status])
    return redirect(course_url)


_WITHDRAWN = {
    Status.ACTIVE: _(
        "You have withdrawn from this course. Your progress is kept if you enrol again."
    ),
    Status.PENDING: _("Your application has been withdrawn."),
    Status.WAITLISTED: _("You have left the waitlist."),
}


def course_withdraw(request, course: CoursePage):
    if refused := _post_only(request):
        return refused
    course_url = course.get_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(course_url)
    enrolment = enrolment_for(learner=request.user, course=course)
    if enrolment is None or enrolment.status not in WITHDRAWABLE:
        messages.info(request, _("You are not enrolled in this course."))
        return redirect(course_url)
    enrolment_withdraw(enrolment=enrolment)
    messages.success(request, _WITHDRAWN[enrolment.status])
    return redirect(course_url)


def access_refused(request, access: Access):
    """Send a viewer who may not open an activity where they can do something about it."""
    if access.reason == Reason.ANONYMOUS:
        return redirect_to_login(request.get_full_path())
    messages.info(request, gettext("Enrol in this course to read this lesson."))
    return redirect(access.course.get_url(request))


def lesson_serve(request, lesson: LessonPage):
    """The lesson itself, for those allowed; an enrolled learner's visit is remembered."""
    access = activity_access_for(user=request.user, activity=lesson)
    if not access.allowed:
        return access_refused(request, access)
    if access.enrolment is not None:
        activity_visit(learner=request.user, activity=lesson, enrolment=access.enrolment)
    return lesson.render(request, access=access)


def lesson_complete(request, lesson: LessonPage):
    """Mark the lesson complete (again is harmless), then go on to the next lesson."""
    if refused := _post_only(request):
        return refused
    if not request.user.is_authenticated:
        return redirect_to_login(lesson.get_url(request))
    course = course_of_activity(lesson)
    before = enrolment_for(learner=request.user, course=course)
    try:
        activity_complete(learner=request.user, activity=lesson)
    except NotEnrolled as refusal:
        message = gettext("Enrol in this course to record your progress.")
        raise PermissionDenied(message) from refusal
    finished_now = (
        before is not None
        and before.completed_at is None
        and Enrolment.objects.filter(pk=before.pk, completed_at__isnull=False).exists()
    )
    if finished_now:
        messages.success(
            request,
            _("Congratulations: you have completed “%(course)s”!") % {"course": course.title},
        )
        return redirect(course.get_url(request))
    messages.success(request, _("“%(lesson)s” is marked as complete.") % {"lesson": lesson.title})
    position = lesson_position_for(lesson=lesson, request=request, course=course)
    return redirect(position.next.url if position.next else course.get_url(request))
