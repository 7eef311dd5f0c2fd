"""A learner's personal data, as the JSON file they can download (GDPR art. 15 and 20).

The export is a list of sections, each a key in the JSON object with a function that
collects it for one user. Every function filters by that user and nothing else, so the file
only ever holds the requester's data. Apps below this one (courses, quizzes) cannot import
``learners``, so their data is collected here, by calling their models or selectors: a later
issue adds its section by appending to ``SECTIONS`` (or filling in a placeholder below),
and the download page lists it automatically.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from courses.models import ActivityCompletion, Enrolment
from quizzes.models import QuizAttempt

from .certificates import verify_url
from .models import Certificate, User

EXPORT_FORMAT = "human-security-academy/personal-data"
EXPORT_VERSION = 1


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    description: str | Promise
    collect: Callable[[User], Any]


def profile_data(user: User) -> dict:
    from allauth.account.models import EmailAddress

    return {
        "email": user.email,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "first_name": user.first_name,
        "last_name": user.last_name,
        "display_name": user.display_name,
        "country": user.country.name if user.country else None,
        "organisation": user.organisation,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def consents_data(user: User) -> list[dict]:
    return [
        {"policy_version": consent.policy_version, "given_at": consent.given_at}
        for consent in user.consents.order_by("given_at")
    ]


def enrolments_data(user: User) -> list[dict]:
    enrolments = (
        Enrolment.objects.filter(learner=user).select_related("course").order_by("requested_at")
    )
    return [
        {
            "course": enrolment.course.title,
            "course_url": enrolment.course.get_full_url(),
            "status": enrolment.status,
            "status_label": str(enrolment.get_status_display()),
            "motivation": enrolment.motivation,
            "requested_at": enrolment.requested_at,
            "enrolled_at": enrolment.enrolled_at,
            "decided_at": enrolment.decided_at,
            "note_from_trainers": enrolment.decision_note,
            "withdrawn_at": enrolment.withdrawn_at,
            "completed_at": enrolment.completed_at,
            "last_active_at": enrolment.last_active_at,
        }
        for enrolment in enrolments
    ]


def activity_completions_data(user: User) -> list[dict]:
    completions = (
        ActivityCompletion.objects.filter(enrolment__learner=user)
        .select_related("enrolment__course")
        .order_by("completed_at", "pk")
    )
    return [
        {
            "course": completion.enrolment.course.title,
            "activity": completion.activity_title,
            "activity_key": completion.activity_key,
            "completed_at": completion.completed_at,
        }
        for completion in completions
    ]


def quiz_attempts_data(user: User) -> list[dict]:
    attempts = QuizAttempt.objects.filter(learner=user).order_by("started_at", "pk")
    return [
        {
            "quiz": attempt.quiz_title,
            "attempt": attempt.number,
            "status": attempt.status,
            "started_at": attempt.started_at,
            "submitted_at": attempt.submitted_at,
            "score": attempt.score,
            "max_score": attempt.max_score,
            "percent": attempt.percent,
            "passed": attempt.passed,
            "questions": [
                {"question": question["text"], "type": question["type"]}
                for question in attempt.snapshot
            ],
            "answers": attempt.responses,
        }
        for attempt in attempts
    ]


def certificates_data(user: User) -> list[dict]:
    return [
        {
            "name_on_certificate": certificate.learner_name,
            "course": certificate.course_title,
            "completed_on": certificate.completed_on,
            "effort_hours": certificate.effort_hours,
            "issuer": certificate.issuer,
            "verification_code": certificate.code,
            "verification_url": verify_url(certificate),
            "issued_at": certificate.issued_at,
            "revoked_at": certificate.revoked_at,
            "revocation_reason": certificate.revocation_reason,
            "kept_verifiable_after_account_deletion": certificate.keep_after_account_deletion,
        }
        for certificate in Certificate.objects.filter(learner=user).order_by("issued_at", "pk")
    ]


SECTIONS: list[Section] = [
    Section(
        "profile",
        _("Profile"),
        _("Your email addresses, names, display name, country, organisation and language."),
        profile_data,
    ),
    Section(
        "consents",
        _("Consents"),
        _("When you agreed to which version of the privacy policy."),
        consents_data,
    ),
    Section(
        "enrolments",
        _("Enrolments and applications"),
        _("Each course you enrolled in or applied to: status, dates and motivation statements."),
        enrolments_data,
    ),
    Section(
        "activity_completions",
        _("Progress"),
        _("Every lesson and activity you completed, with the date."),
        activity_completions_data,
    ),
    Section(
        "quiz_attempts",
        _("Quiz attempts"),
        _("Your answers to quizzes and their results."),
        quiz_attempts_data,
    ),
    Section(
        "certificates",
        _("Certificates"),
        _("Certificates issued to you, with their verification codes."),
        certificates_data,
    ),
]


def personal_data_export(*, user: User) -> dict:
    """Everything the platform holds about ``user``, as JSON-serialisable data.

    Dates, times and UUIDs are left as Python objects: serialise with ``DjangoJSONEncoder``.
    """
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timezone.now(),
    }
    for section in SECTIONS:
        data[section.key] = section.collect(user)
    return data
