"""The learner's profile at /learn/profile/, the login wall on /learn/, and the language a
learner prefers being switched on when they log in."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from courses.models import Country
from learners import urls as learner_urls
from tests.factories.learners import PASSWORD, ConsentFactory, UserFactory

pytestmark = pytest.mark.django_db


def learner_patterns() -> list[URLPattern]:
    """The learner's own pages; report exports (staff only, under /learn/reports/) aside."""
    return [
        pattern
        for pattern in learner_urls.urlpatterns
        if isinstance(pattern, URLPattern) and not pattern.name.startswith("report_")
    ]


def learner_urls_all() -> list[str]:
    return [reverse(f"learners:{pattern.name}") for pattern in learner_patterns()]


def profile_post(client, **fields):
    data = {
        "display_name": "Golub",
        "country": "",
        "organisation": "",
        "preferred_language": "en",
    }
    data.update(fields)
    return client.post(reverse("learners:profile"), data)


@pytest.fixture
def learner(client):
    user = UserFactory(display_name="Sova", organisation="Youth Initiative")
    ConsentFactory(user=user)
    client.force_login(user)
    return user


# The login wall and the absence of ids in URLs


def test_every_learn_url_sends_anonymous_visitors_to_login_with_next(client):
    urls = learner_urls_all()
    assert len(urls) == 5
    for url in urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"] == f"{reverse('account_login')}?next={url}", url


def test_no_learn_url_carries_an_id():
    assert not any(isinstance(p, URLResolver) for p in learner_urls.urlpatterns)
    for pattern in learner_patterns():
        assert pattern.pattern.converters == {}, pattern


def test_learn_pages_are_never_cached(client, learner):
    for url in learner_urls_all():
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_navigation_links_to_my_learning_and_profile(client, learner):
    html = client.get(reverse("learners:profile")).content.decode()
    assert f'href="{reverse("learners:dashboard")}"' in html
    assert f'href="{reverse("learners:profile")}" aria-current="page"' in html


# Viewing and editing the profile


def test_profile_shows_the_learners_own_details_and_links(client, learner):
    learner.country = Country.objects.get(slug="serbia")
    learner.save()
    html = client.get(reverse("learners:profile")).content.decode()
    assert 'value="Sova"' in html
    assert 'value="Youth Initiative"' in html
    assert f'<option value="{learner.country.pk}" selected>' in html
    assert learner.email in html
    for name in ("display_name", "country", "organisation", "preferred_language"):
        assert f'<label for="id_{name}">' in html, name
        assert f'aria-describedby="id_{name}_helptext"' in html, name
    assert 'name="csrfmiddlewaretoken"' in html
    assert reverse("account_email") in html
    assert reverse("account_change_password") in html
    assert reverse("learners:personal_data") in html
    assert reverse("learners:account_delete") in html
    assert settings.PRIVACY_POLICY_VERSION in html


def test_profile_edit_saves_and_says_so(client, learner):
    country = Country.objects.get(slug="kosovo")
    response = profile_post(
        client, display_name="Golub", country=country.pk, organisation="Peace Lab"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("learners:profile")
    learner.refresh_from_db()
    assert (learner.display_name, learner.country, learner.organisation) == (
        "Golub",
        country,
        "Peace Lab",
    )
    html = client.get(response["Location"]).content.decode()
    assert "Your profile has been saved." in html


def test_profile_edit_strips_markup(client, learner):
    profile_post(
        client,
        display_name="<script>alert('x')</script>Golub",
        organisation='<img src=x onerror="alert(1)">Peace &lt;b&gt;Lab&lt;/b&gt;',
    )
    learner.refresh_from_db()
    assert "<" not in learner.display_name
    assert "script" not in learner.display_name
    assert learner.organisation == "Peace Lab"
    html = client.get(reverse("learners:profile")).content.decode()
    assert "<script>alert" not in html
    assert "onerror" not in html


def test_invalid_profile_shows_errors_tied_to_fields_and_changes_nothing(client, learner):
    response = profile_post(client, display_name="x" * 101, preferred_language="xx")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"display_name", "preferred_language"}
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'id="id_display_name_error"' in html
    assert 'aria-describedby="id_display_name_helptext id_display_name_error"' in html
    learner.refresh_from_db()
    assert learner.display_name == "Sova"


def test_profile_post_needs_a_csrf_token(learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = profile_post(client, display_name="Forged")
    assert response.status_code == 403
    learner.refresh_from_db()
    assert learner.display_name == "Sova"


def test_a_learner_only_ever_sees_and_edits_their_own_profile(client, learner):
    other = UserFactory(display_name="Orao", organisation="Other Org")
    html = client.get(reverse("learners:profile")).content.decode()
    assert "Orao" not in html
    assert other.email not in html
    # Posting an id changes nothing: the page works on the logged-in user only.
    profile_post(client, display_name="Golub", id=other.pk, user=other.pk, email=other.email)
    other.refresh_from_db()
    learner.refresh_from_db()
    assert other.display_name == "Orao"
    assert learner.display_name == "Golub"
    assert learner.email != other.email


# The preferred language


def test_preferred_language_choices_come_from_the_settings(client, learner):
    html = client.get(reverse("learners:profile")).content.decode()
    assert '<option value="sr-latn"' in html
    assert '<option value="en" selected>' in html


def test_changing_the_preferred_language_switches_the_site_to_it(client, learner):
    response = profile_post(client, preferred_language="sr-latn")
    assert response.status_code == 302
    assert response["Location"] == "/sr-latn/learn/profile/"
    learner.refresh_from_db()
    assert learner.preferred_language == "sr-latn"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sr-latn"


def test_logging_in_switches_to_the_preferred_language(client):
    user = UserFactory(preferred_language="sr-latn")
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/sr-latn/learn/"  # the dashboard, in their language
    assert client.session["_auth_user_id"] == str(user.pk)
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "sr-latn"
    assert cookie["path"] == settings.LANGUAGE_COOKIE_PATH


def test_logging_in_ignores_a_language_the_site_does_not_offer(client):
    user = UserFactory(preferred_language="de")  # not one of settings.LANGUAGES
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/learn/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_a_failed_login_sets_no_language(client):
    user = UserFactory(preferred_language="en")
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    assert response.status_code == 200
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
