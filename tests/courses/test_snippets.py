"""The course taxonomy (themes, countries and regions, levels) in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from courses.models import Country, Level, Theme
from courses.permissions import REVIEWERS, TRAINERS
from tests.factories.learners import UserFactory

pytestmark = pytest.mark.django_db

TAXONOMIES = [Theme, Country, Level]


def list_url(model) -> str:
    return reverse(f"wagtailsnippets_courses_{model._meta.model_name}:list")


def snippet_url(model, view: str, *args) -> str:
    return reverse(f"wagtailsnippets_courses_{model._meta.model_name}:{view}", args=args)


def member_of(group_name: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def trainer_client(client):
    client.force_login(member_of(TRAINERS))
    return client


@pytest.fixture
def reviewer_client(client):
    client.force_login(member_of(REVIEWERS))
    return client


@pytest.mark.parametrize("model", TAXONOMIES)
def test_admin_lists_every_term(admin_client, model):
    response = admin_client.get(list_url(model))
    assert response.status_code == 200
    html = response.content.decode()
    for term in model.objects.all():
        assert term.name in html
        assert term.slug in html


@pytest.mark.parametrize(
    ("model", "query", "found", "not_found"),
    [
        (Theme, "reconc", "Reconciliation", "Good governance"),
        (Country, "herzeg", "Bosnia and Herzegovina", "Montenegro"),
        (Level, "interm", "Intermediate", "Advanced"),
    ],
)
def test_admin_searches_terms_seeded_by_the_migration(admin_client, model, query, found, not_found):
    # The seeded terms were never added to the search index; the listing still finds them.
    response = admin_client.get(list_url(model), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert found in html
    assert not_found not in html


def test_admin_search_finds_a_term_created_in_the_admin(admin_client):
    response = admin_client.post(
        snippet_url(Theme, "add"),
        {"name": "Gender and security", "slug": "gender-and-security", "description": ""},
    )
    assert response.status_code == 302
    response = admin_client.get(list_url(Theme), {"q": "gender"})
    assert "Gender and security" in response.content.decode()


def test_levels_list_in_their_teaching_order(admin_client):
    html = admin_client.get(list_url(Level)).content.decode()
    positions = [html.index(name) for name in ("Introductory", "Intermediate", "Advanced")]
    assert positions == sorted(positions)


def test_taxonomy_menu_is_grouped_for_reviewers_but_hidden_from_trainers(client):
    client.force_login(member_of(REVIEWERS))
    assert "Course taxonomy" in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(member_of(TRAINERS))
    assert "Course taxonomy" not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("model", TAXONOMIES)
def test_trainer_cannot_list_add_or_edit_terms(trainer_client, model):
    term = model.objects.first()
    for url in (
        list_url(model),
        snippet_url(model, "add"),
        snippet_url(model, "edit", term.pk),
        snippet_url(model, "delete", term.pk),
    ):
        response = trainer_client.get(url)
        assert response.status_code in (302, 403), url
    response = trainer_client.post(
        snippet_url(model, "edit", term.pk),
        {"name": "Renamed by a trainer", "slug": term.slug, "description": "", "sort_order": "0"},
    )
    assert response.status_code in (302, 403)
    term.refresh_from_db()
    assert term.name != "Renamed by a trainer"
    trainer_client.post(snippet_url(model, "delete", term.pk))
    assert model.objects.filter(pk=term.pk).exists()


def test_trainer_can_still_choose_a_level_for_their_course(trainer_client):
    # The course form's level field is a snippet chooser: choosing needs no taxonomy rights.
    response = trainer_client.get(reverse("wagtailsnippetchoosers_courses_level:choose"))
    assert response.status_code == 200
    assert "Introductory" in response.json()["html"]


@pytest.mark.parametrize("model", TAXONOMIES)
def test_reviewer_edits_terms(reviewer_client, model):
    term = model.objects.first()
    response = reviewer_client.post(
        snippet_url(model, "edit", term.pk),
        {"name": f"{term.name} (edited)", "slug": term.slug, "description": "", "sort_order": "0"},
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.name.endswith("(edited)")
