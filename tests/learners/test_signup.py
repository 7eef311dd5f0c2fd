"""Signup asks for a display name (may be a pseudonym), a country, and consent to the policy."""

import pytest
from django.conf import settings
from django.urls import reverse

from courses.models import Country
from learners.models import Consent, User

pytestmark = pytest.mark.django_db

PASSWORD = "peace-and-dignity-2026"


def signup(client, **fields):
    data = {"email": "vesna@example.org", "password1": PASSWORD, "password2": PASSWORD}
    data.update(fields)
    return client.post(reverse("account_signup"), data)


def test_signup_page_asks_for_display_name_country_and_consent_with_the_policy_link(client):
    html = client.get(reverse("account_signup")).content.decode()
    assert 'name="display_name"' in html
    assert "pseudonym" in html
    assert '<select name="country"' in html
    assert Country.objects.first().name in html
    assert 'type="checkbox" name="consent"' in html
    assert 'href="/privacy/"' in html
    # Every visible field has a label tied to it.
    for name in ("email", "password1", "password2", "display_name", "country", "consent"):
        assert f'for="id_{name}"' in html, name
    # The consent checkbox is described by the policy link.
    assert 'aria-describedby="id_consent_helptext"' in html


def test_signup_records_profile_and_consent_to_the_current_policy(client):
    country = Country.objects.order_by("name").first()
    response = signup(client, display_name="Sova <b>N.</b>", country=country.pk, consent="on")
    assert response.status_code == 302
    user = User.objects.get(email="vesna@example.org")
    assert user.display_name == "Sova N."
    assert user.country == country
    assert user.preferred_language == settings.LANGUAGE_CODE
    consent = Consent.objects.get(user=user)
    assert consent.policy_version == settings.PRIVACY_POLICY_VERSION
    assert consent.given_at is not None


def test_signup_without_display_name_or_country_is_fine(client):
    assert signup(client, consent="on").status_code == 302
    user = User.objects.get(email="vesna@example.org")
    assert (user.display_name, user.country) == ("", None)
    assert user.consents.count() == 1


def test_signup_strips_markup_from_the_display_name(client):
    signup(client, display_name="<script>alert(1)</script>Mira", consent="on")
    user = User.objects.get(email="vesna@example.org")
    assert "<" not in user.display_name
    assert "script" not in user.display_name
    assert user.display_name.endswith("Mira")


def test_signup_without_consent_fails_with_an_error_on_the_consent_field(client):
    response = signup(client, display_name="Mira")
    assert response.status_code == 200
    assert not User.objects.filter(email="vesna@example.org").exists()
    assert not Consent.objects.exists()
    form = response.context["form"]
    assert list(form.errors) == ["consent"]
    html = response.content.decode()
    assert "please agree to the privacy policy" in html
    # The error is tied to the checkbox for screen readers.
    assert 'id="id_consent_error"' in html
    assert 'aria-describedby="id_consent_helptext id_consent_error"' in html
    assert 'aria-invalid="true"' in html
    # What the learner typed is kept.
    assert 'value="Mira"' in html


def test_signup_refuses_an_unknown_country(client):
    response = signup(client, country=999_999, consent="on")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["country"]
    assert not User.objects.exists()
