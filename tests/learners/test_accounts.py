"""Accounts through django-allauth: email login, mandatory verification, no enumeration."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from learners.models import User
from tests.factories.learners import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "peace-and-dignity-2026"


def signup(client, email: str):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "consent": "on"},
    )


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_signup_verify_email_then_log_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client, "amra@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="amra@example.org")
    assert not user.emailaddress_set.get().verified

    # Mandatory verification: logging in before confirming sends you to verify first.
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "amra@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    assert len(mail.outbox) >= 1
    link = confirmation_link(mail.outbox[-1])
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified

    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "amra@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_with_a_taken_email_does_not_reveal_the_account(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="taken@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client, "taken@example.org")
    # Same outcome as a fresh signup; the owner of the address gets a notice instead.
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="taken@example.org").count() == 1
    assert mail.outbox[-1].to == ["taken@example.org"]


def test_password_reset_answers_the_same_for_unknown_addresses(client):
    known = UserFactory()
    responses = [
        client.post(reverse("account_reset_password"), {"email": email})
        for email in (known.email, "nobody@example.org")
    ]
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]


def test_login_with_email_and_password(client):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_repeated_failed_logins_are_rate_limited(client):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    # The limit (5 failures per 5 minutes for one account) now refuses even the right password.
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_account_pages_use_the_site_layout(client):
    for name in ("account_login", "account_signup", "account_reset_password"):
        html = client.get(reverse(name)).content.decode()
        assert 'class="site-header"' in html, name
        assert "<label" in html, name
        assert "username" not in html.lower(), name


def test_users_are_keyed_by_email_without_username():
    user = User.objects.create_user(email="Dino@Example.ORG", password=PASSWORD)
    assert user.email == "dino@example.org"
    assert not hasattr(user, "username") or user.username is None
