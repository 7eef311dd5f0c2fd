"""Writes about learners: signup details and consent, profile changes, account deletion.

Every function is keyword-only and runs in one transaction. Free text a learner writes is
passed through ``cms.sanitise.sanitise_text`` here, so no view or form can forget it.
"""

from __future__ import annotations

import uuid
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from cms.sanitise import sanitise_text
from courses.models import Country, Enrolment
from quizzes.models import QuizAttempt

from .certificates import certificates_on_account_delete
from .language import language_supported
from .models import Consent, User

ANONYMISED_EMAIL_DOMAIN = "invalid.example"
DATABASE_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


def _clean(value: str, *, field: str) -> str:
    return sanitise_text(value)[: User._meta.get_field(field).max_length]


def consent_record(*, user: User, policy_version: str | None = None) -> Consent:
    """Record that the learner consents to the given (by default the current) policy."""
    consent, _created = Consent.objects.get_or_create(
        user=user, policy_version=policy_version or settings.PRIVACY_POLICY_VERSION
    )
    return consent


@transaction.atomic
def learner_signup_complete(
    *, user: User, display_name: str, country: Country | None, language: str = ""
) -> User:
    """Store what a new learner told us at signup, and their consent to the privacy policy.

    The interface language they signed up in becomes their preferred language (for emails).
    """
    user.display_name = _clean(display_name, field="display_name")
    user.country = country
    fields = ["display_name", "country"]
    if language_supported(language):
        user.preferred_language = language
        fields.append("preferred_language")
    user.save(update_fields=fields)
    consent_record(user=user)
    return user


@transaction.atomic
def profile_update(
    *,
    user: User,
    display_name: str,
    country: Country | None,
    organisation: str,
    preferred_language: str,
) -> User:
    if not language_supported(preferred_language):
        raise ValueError(f"Unsupported language {preferred_language!r}")
    user.display_name = _clean(display_name, field="display_name")
    user.country = country
    user.organisation = _clean(organisation, field="organisation")
    user.preferred_language = preferred_language
    user.save(update_fields=["display_name", "country", "organisation", "preferred_language"])
    return user


@transaction.atomic
def account_delete(*, user: User, keep_certificates: bool = False) -> None:
    """Erase a learner's personal data and deactivate the account, keeping anonymous records.

    Erased: email (replaced by a unique address on a reserved domain that can never receive
    mail, so the real address is free to sign up again), names, display name, organisation,
    preferred language, password (made unusable), last login, roles and permissions, allauth's
    email addresses and any linked social accounts, the Wagtail admin profile, and the user's
    sessions. The motivation statements of their enrolments and the trainers' notes to them are
    erased too: they are free text about the person.

    Kept, attached to the anonymised user:

    - enrolments (course, status, dates) and activity completions, so course and completion
      statistics stay right;
    - the country or region, a coarse category chosen from a short list, kept only for those
      statistics (it cannot identify anyone once name, email and free text are gone);
    - consent records: they hold only the user id, the policy version and the date, and are
      the proof that the data processed until now was processed lawfully.

    Certificates are revoked as "account deleted" and their name, hashed badge email and PDF
    erased, unless ``keep_certificates`` (the learner ticked "Keep my certificates
    verifiable"): then they stay valid with the name as issued.

    The view logs the user out; every other session is deleted here.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    now = timezone.now()
    certificates_on_account_delete(user=user, keep=keep_certificates)

    user.email = f"deleted-{uuid.uuid4().hex}@{ANONYMISED_EMAIL_DOMAIN}"
    user.first_name = ""
    user.last_name = ""
    user.display_name = ""
    user.organisation = ""
    user.preferred_language = settings.LANGUAGE_CODE
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.anonymised_at = now
    user.save()
    user.groups.clear()
    user.user_permissions.clear()

    Enrolment.objects.filter(learner=user).update(motivation="", decision_note="")
    _essay_answers_erase(user)

    _account_links_delete(user)
    _sessions_delete(user)


def _essay_answers_erase(user: User) -> None:
    """Essay answers are free text about the person: erase them, keep scores and results."""
    for attempt in QuizAttempt.objects.filter(learner=user).only("snapshot", "responses"):
        essays = {q["id"] for q in attempt.snapshot if q["type"] == "essay"}
        if essays & attempt.responses.keys():
            attempt.responses = {
                qid: ("" if qid in essays else answer) for qid, answer in attempt.responses.items()
            }
            attempt.save(update_fields=["responses"])


def _account_links_delete(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()
    if apps.is_installed("allauth.socialaccount"):
        from allauth.socialaccount.models import SocialAccount

        SocialAccount.objects.filter(user=user).delete()
    if apps.is_installed("allauth.usersessions"):
        from allauth.usersessions.models import UserSession

        UserSession.objects.filter(user=user).delete()
    if apps.is_installed("wagtail.users"):
        from wagtail.users.models import UserProfile

        for profile in UserProfile.objects.filter(user=user):
            if profile.avatar:
                profile.avatar.delete(save=False)
            profile.delete()


def _sessions_delete(user: User) -> None:
    """Delete the user's sessions from the session table.

    Sessions are stored signed, not indexed by user, so this reads every unexpired session:
    acceptable for a rare action. Even a session it missed is dead: the account is inactive
    and its password hash (which signs the session) has changed.
    """
    if settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        return
    store = import_module(settings.SESSION_ENGINE).SessionStore
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == user_id:
            store(session_key=session.session_key).delete()  # also from the cache, if cached
