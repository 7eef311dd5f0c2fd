"""What learners do on a quiz page: read the intro, start or resume an attempt, answer, save,
submit, and review.

``QuizPage`` routes here, so the URLs follow the page wherever it lives. An attempt is found by
the logged-in learner and *their own* attempt number (``attempt/2/`` is the learner's second
attempt), never by a global id, so no URL reaches someone else's attempt. Forms carry no ids
of rows either. Each view is thin: check the viewer, call a service, say what happened,
redirect; refusals become a message (or a 404), never a server error.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from courses.access import Access, Reason, activity_access_for
from courses.services import NotEnrolled, activity_visit

from .forms import answers_from_post, check_answers
from .models import QuizAttempt, QuizPage
from .selectors import (
    attempt_fields_for,
    learner_attempts_for,
    minutes_left,
    quiz_overview_for,
    review_for,
)
from .services import (
    MAX_ESSAY_ANSWER,
    MAX_TEXT_ANSWER,
    AttemptRefused,
    attempt_save,
    attempt_start,
    attempt_submit,
    grace_period,
    is_expired,
)

Status = QuizAttempt.Status


def _url(quiz: QuizPage, request, name: str = "quiz", *args) -> str:
    return quiz.get_url(request) + quiz.reverse_subpage(name, args=args or None)


def attempt_url(quiz: QuizPage, request, number: int) -> str:
    return _url(quiz, request, "attempt", number)


def review_url(quiz: QuizPage, request, number: int) -> str:
    return _url(quiz, request, "review", number)


def _private(response):
    """A quiz page shows one learner's attempt: no shared or stored copies, and "Back"
    fetches it again (so it shows the attempt as it is now, not a form to resubmit)."""
    add_never_cache_headers(response)
    return response


def _access(request, quiz: QuizPage) -> Access:
    return activity_access_for(user=request.user, activity=quiz)


def _refused(request, quiz: QuizPage, access: Access):
    if access.reason == Reason.ANONYMOUS:
        next_url = request.get_full_path() if request.method == "GET" else quiz.get_url(request)
        return redirect_to_login(next_url)
    messages.info(request, _("Enrol in this course to take this quiz."))
    return redirect(access.course.get_url(request))


def _learner_attempt(request, quiz: QuizPage, number: int) -> QuizAttempt:
    """The logged-in learner's attempt ``number`` at ``quiz``; 404 for anything else."""
    attempt = QuizAttempt.objects.filter(
        learner=request.user, quiz_key=quiz.translation_key, number=number
    ).first()
    if attempt is None:
        raise Http404(_("You have no such attempt at this quiz."))
    return attempt


def _close_if_expired(request, attempt: QuizAttempt | None) -> bool:
    """Grade an open attempt whose time ran out, as it stood; True if it did."""
    if attempt is None or attempt.status != Status.OPEN or not is_expired(attempt):
        return False
    attempt_submit(attempt=attempt)
    messages.warning(
        request,
        _(
            "Time was up for attempt %(number)d: it was graded with the answers saved before "
            "the deadline."
        )
        % {"number": attempt.number},
    )
    return True


def quiz_intro(request, quiz: QuizPage):
    """The quiz explained, the learner's attempts, and Start or Resume."""
    access = _access(request, quiz)
    if not access.allowed:
        return _refused(request, quiz, access)
    context = {}
    if access.enrolment is not None:
        activity_visit(learner=request.user, activity=quiz, enrolment=access.enrolment)
        attempts = learner_attempts_for(quiz=quiz, learner=request.user)
        open_attempt = next((a for a in attempts if a.status == Status.OPEN), None)
        if _close_if_expired(request, open_attempt):
            attempts = learner_attempts_for(quiz=quiz, learner=request.user)
        context["overview"] = quiz_overview_for(quiz=quiz, attempts=attempts)
    return _private(quiz.render(request, access=access, context_overrides=context))


def quiz_start(request, quiz: QuizPage):
    """Start an attempt (or go back to the open one): POST only, with the CSRF token."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    access = _access(request, quiz)
    if not access.allowed:
        return _refused(request, quiz, access)
    if access.enrolment is None:
        messages.info(
            request, _("Only enrolled learners take quizzes: attempts belong to an enrolment.")
        )
        return redirect(quiz.get_url(request))
    try:
        attempt = attempt_start(learner=request.user, quiz=quiz)
    except (AttemptRefused, NotEnrolled) as refusal:
        messages.error(request, str(refusal))
        return redirect(quiz.get_url(request))
    return redirect(attempt_url(quiz, request, attempt.number))


def quiz_attempt(request, quiz: QuizPage, number: int):
    """The attempt form (GET); "Save and continue later" or "Submit" (POST)."""
    if request.method not in {"GET", "HEAD", "POST"}:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    access = _access(request, quiz)
    if not access.allowed:
        return _refused(request, quiz, access)
    attempt = _learner_attempt(request, quiz, number)
    if request.method == "POST":
        return _attempt_post(request, quiz, access, attempt)
    if attempt.status != Status.OPEN:
        return redirect(review_url(quiz, request, attempt.number))
    if _close_if_expired(request, attempt):
        return redirect(review_url(quiz, request, attempt.number))
    return _attempt_page(request, quiz, access, attempt)


def _attempt_page(request, quiz, access, attempt, *, responses=None, errors=None, general=()):
    now = timezone.now()
    fields = attempt_fields_for(attempt=attempt, responses=responses, errors=errors)
    context = {
        "attempt": attempt,
        "fields": fields,
        "answered": sum(1 for item in fields if item.answered),
        "minutes_left": minutes_left(attempt, now=now),
        "grace_seconds": int(grace_period().total_seconds()),
        "errors": [item for item in fields if item.error],
        "general_errors": list(general),
        "limits": {"text": MAX_TEXT_ANSWER, "essay": MAX_ESSAY_ANSWER},
    }
    return _private(
        quiz.render(
            request, access=access, template="quizzes/quiz_attempt.html", context_overrides=context
        )
    )


def _attempt_post(request, quiz, access, attempt):
    if attempt.status != Status.OPEN:
        # "Back" then submit again, a second tab, a replayed request: nothing changes.
        messages.info(request, _("You have already submitted this attempt: nothing was changed."))
        return redirect(review_url(quiz, request, attempt.number))
    submit = request.POST.get("action") == "submit"
    late = is_expired(attempt)
    answers = answers_from_post(attempt.snapshot, request.POST)
    try:
        if submit:
            attempt = attempt_submit(attempt=attempt, answers=answers)
        else:
            attempt = attempt_save(attempt=attempt, answers=answers)
    except AttemptRefused as refusal:
        if QuizAttempt.objects.filter(pk=attempt.pk, status=Status.OPEN).exists():
            # The answers were refused and nothing was saved: show which, with the rest of
            # what the learner sent, so nothing they typed is lost.
            cleaned, errors, general = check_answers(attempt.snapshot, answers)
            if not errors and not general:
                general = [str(refusal)]
            messages.error(request, _("Your answers were not saved: see the problems below."))
            return _attempt_page(
                request,
                quiz,
                access,
                attempt,
                responses={**attempt.responses, **cleaned},
                errors=errors,
                general=general,
            )
        messages.warning(request, str(refusal))  # time was up, or submitted meanwhile
        return redirect(review_url(quiz, request, attempt.number))
    if not submit:
        messages.success(
            request,
            _(
                "Your answers are saved. You can leave and come back to this attempt from the "
                "quiz page."
            ),
        )
        return redirect(attempt_url(quiz, request, attempt.number))
    if late:
        messages.warning(
            request,
            _("Time was up: your attempt was graded with the answers saved before the deadline."),
        )
    elif attempt.status == Status.AWAITING_GRADING:
        messages.success(
            request,
            _(
                "Your attempt is submitted. A trainer will grade your written answers; your score "
                "will show here then."
            ),
        )
    else:
        messages.success(request, _("Your attempt is submitted and graded."))
    return redirect(review_url(quiz, request, attempt.number))


def quiz_review(request, quiz: QuizPage, number: int):
    """A submitted attempt, showing what the quiz's review policy allows."""
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    access = _access(request, quiz)
    if not access.allowed:
        return _refused(request, quiz, access)
    attempt = _learner_attempt(request, quiz, number)
    if attempt.status == Status.OPEN and not _close_if_expired(request, attempt):
        return redirect(attempt_url(quiz, request, attempt.number))
    if attempt.status == Status.OPEN:
        attempt.refresh_from_db()
    counts = QuizAttempt.objects.filter(
        learner=request.user, quiz_key=quiz.translation_key
    ).aggregate(
        submitted=Count("pk", filter=~Q(status=Status.OPEN)),
        open=Count("pk", filter=Q(status=Status.OPEN)),
    )
    review = review_for(
        attempt=attempt, attempts_used=counts["submitted"], in_progress=bool(counts["open"])
    )
    return _private(
        quiz.render(
            request,
            access=access,
            template="quizzes/quiz_review.html",
            context_overrides={"attempt": attempt, "review": review},
        )
    )
