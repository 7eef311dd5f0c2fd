"""Forms of the learner's own pages: signup details, profile, and account deletion.

allauth imports ``SignupDetailsForm`` while it builds its own signup form (it is the base of
allauth's form, via ``ACCOUNT_SIGNUP_FORM_CLASS``), so this module must never import
``allauth.account.forms`` at module level: that would be a circular import.
"""

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from courses.models import Country

from .models import User
from .services import learner_signup_complete

# The privacy policy is a StandardPage with the slug "privacy" under the home page.
PRIVACY_POLICY_URL = "/privacy/"

_display_name = User._meta.get_field("display_name")
_organisation = User._meta.get_field("organisation")


def _display_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Display name (optional)"),
        max_length=_display_name.max_length,
        required=False,
        help_text=_(
            "How trainers and other learners see you. It may be a pseudonym; you do not need "
            "to give your legal name anywhere on this platform."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )


def _country_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Country or region (optional)"),
        queryset=Country.objects.all(),
        required=False,
        empty_label=_("Prefer not to say"),
        help_text=_(
            "Used for statistics about where our learners come from; never shown to other learners."
        ),
    )


class SignupDetailsForm(forms.Form):
    """The fields allauth's signup form gets on top of email and password.

    allauth calls ``signup(request, user)`` once the user is saved.
    """

    display_name = _display_name_field()
    country = _country_field()
    consent = forms.BooleanField(
        label=_("I agree to the processing of my data as described in the privacy policy."),
        required=True,
        error_messages={"required": _("To create an account, please agree to the privacy policy.")},
    )

    field_order = ["email", "password1", "password2", "display_name", "country", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = format_html(
            '<a href="{}">{}</a>',
            PRIVACY_POLICY_URL,
            _("Read the privacy policy: what we keep, why, and how to delete it."),
        )

    def signup(self, request, user) -> None:
        learner_signup_complete(
            user=user,
            display_name=self.cleaned_data.get("display_name", ""),
            country=self.cleaned_data.get("country"),
            language=getattr(request, "LANGUAGE_CODE", "") or "",
        )


class ProfileForm(forms.Form):
    """The learner's own profile. A plain form, so an invalid post never touches the user."""

    display_name = _display_name_field()
    country = _country_field()
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=_organisation.max_length,
        required=False,
        help_text=_("The organisation you work or volunteer with, if you want to say."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=[],
        help_text=_("The language of the site after you log in, and of our emails to you."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = list(settings.LANGUAGES)

    @classmethod
    def initial_for(cls, user: User) -> dict:
        return {
            "display_name": user.display_name,
            "country": user.country_id,
            "organisation": user.organisation,
            "preferred_language": user.preferred_language,
        }


class AccountDeleteForm(forms.Form):
    """Re-authentication before an account is deleted: the current password; and, for a
    learner holding certificates, whether they should stay verifiable (default: revoked)."""

    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("We ask for it so that nobody else can delete your account."),
    )

    keep_certificates = forms.BooleanField(
        label=_("Keep my certificates verifiable"),
        required=False,
        initial=False,
        help_text=_(
            "If you tick this, anyone with the code of one of your certificates can still check "
            "it, and it keeps showing the name it was issued to. If you leave it unticked, your "
            "certificates are revoked as “account deleted” and the name on them is erased."
        ),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if not user.certificates.exists():
            del self.fields["keep_certificates"]

    def clean_password(self) -> str:
        # allauth's reauthentication counts failed attempts in its login rate limit, so the
        # password cannot be guessed here faster than on the login page.
        from allauth.account.adapter import get_adapter

        password = self.cleaned_data["password"]
        adapter = get_adapter()
        if not adapter.reauthenticate(self.user, password):
            raise adapter.validation_error("incorrect_password")
        return password
