"""The course catalogue at /courses/: search, facets with counts, sorting, pagination, junk
in the query string, and a query count that does not grow with the number of courses."""

import datetime
import re

import pytest
import wagtail_factories
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.content_cache import content_changed
from courses.models import Country, CoursePage, Level, Theme
from courses.selectors import catalogue_search
from tests.factories.pages import CoursePageFactory, make_site

pytestmark = pytest.mark.django_db


def make_course(
    catalogue,
    *,
    themes=(),
    countries=(),
    level="introductory",
    cover=False,
    **fields,
) -> CoursePage:
    course = CoursePageFactory(
        parent=catalogue,
        level=Level.objects.get(slug=level),
        cover_image=wagtail_factories.ImageFactory() if cover else None,
        cover_image_alt="Hands around a table" if cover else "",
        **fields,
    )
    course.themes.set(Theme.objects.filter(slug__in=themes))
    course.countries.set(Country.objects.filter(slug__in=countries))
    course.save()
    return course


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def titles(response) -> list[str]:
    return [course.title for course in response.context["catalogue"].courses]


def facet(response, param: str) -> dict[str, int]:
    """The options a facet shows, as value → count."""
    result = response.context["catalogue"]
    (found,) = [facet for facet in result.facets if facet.param == param]
    return {option.value: option.count for option in found.options}


@pytest.fixture
def catalogue(db):
    return make_site()[1]


@pytest.fixture
def courses(catalogue):
    """Four courses spread over the facets (the data migration provides the taxonomy)."""
    return {
        "reconcile": make_course(
            catalogue,
            title="Dealing with the past",
            themes=["reconciliation", "social-inclusion"],
            countries=["serbia", "kosovo"],
            level="intermediate",
            language="en",
            format=CoursePage.Format.SCHEDULED,
            starts_on=datetime.date(2026, 7, 1),
            ends_on=datetime.date(2026, 7, 8),
        ),
        "police": make_course(
            catalogue,
            title="Police accountability",
            themes=["police-accountability", "good-governance"],
            countries=["serbia"],
            level="intermediate",
            language="sr-latn",
        ),
        "intro": make_course(
            catalogue,
            title="Introduction to human security",
            themes=["human-security-concepts", "reconciliation"],
            countries=["bulgaria"],
            level="introductory",
            language="en",
        ),
        "crime": make_course(
            catalogue,
            title="Organised crime",
            themes=["organised-crime-and-illicit-economies"],
            countries=["turkey"],
            level="advanced",
            language="tr",
        ),
    }


# Search


def test_search_finds_a_course_by_a_word_only_in_its_description(client, catalogue):
    make_course(catalogue, title="Memory work", description="<p>A palimpsest of memories.</p>")
    make_course(catalogue, title="Another course")
    response = client.get("/courses/?q=palimpsest")
    assert response.status_code == 200
    assert titles(response) == ["Memory work"]
    assert response.context["catalogue"].sort == "relevance"


def test_search_finds_the_seeded_summer_school_by_a_word_in_its_description(client, seeded):
    response = client.get("/courses/?q=reconciliation")
    assert "Summer School: Reconciliation and Dealing with the Past" in titles(response)
    assert "Dobro upravljanje i odgovornost policije" not in titles(response)


def test_search_needs_every_word_and_shows_the_query_back(client, catalogue):
    make_course(catalogue, title="Memory", description="<p>Palimpsest of stories.</p>")
    make_course(catalogue, title="Stories", description="<p>Stories only.</p>")
    response = client.get("/courses/?q=%20%20palimpsest%20stories%20")
    assert titles(response) == ["Memory"]
    assert 'value="palimpsest stories"' in response.content.decode()


def test_search_query_is_capped_at_200_characters(client, catalogue):
    make_course(catalogue)
    response = client.get("/courses/", {"q": "x" * 10_000})
    assert response.status_code == 200
    assert response.context["catalogue"].query == "x" * 200


def test_search_combines_with_facets(client, courses):
    courses["police"].description = "<p>Oversight of the police.</p>"
    courses["police"].save()
    courses["crime"].description = "<p>Oversight of customs.</p>"
    courses["crime"].save()
    response = client.get("/courses/?q=oversight&language=tr")
    assert titles(response) == ["Organised crime"]
    assert facet(response, "language") == {"sr-latn": 1, "tr": 1}


def test_only_live_public_courses_of_this_catalogue_are_listed(client, catalogue):
    make_course(catalogue, title="Published course")
    draft = make_course(catalogue, title="Draft course")
    draft.unpublish()
    private = make_course(catalogue, title="Private course")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get("/courses/")
    assert titles(response) == ["Published course"]
    assert facet(response, "level") == {"introductory": 1}
    assert titles(client.get("/courses/?q=course")) == ["Published course"]


# Facets


@pytest.mark.parametrize(
    ("query_string", "expected"),
    [
        ("theme=reconciliation", {"Dealing with the past", "Introduction to human security"}),
        ("country=serbia", {"Dealing with the past", "Police accountability"}),
        ("language=en", {"Dealing with the past", "Introduction to human security"}),
        ("level=intermediate", {"Dealing with the past", "Police accountability"}),
        ("format=scheduled", {"Dealing with the past"}),
        (
            "format=self_paced",
            {"Police accountability", "Introduction to human security", "Organised crime"},
        ),
    ],
)
def test_each_facet_filters_on_its_own(client, courses, query_string, expected):
    response = client.get(f"/courses/?{query_string}")
    assert set(titles(response)) == expected
    assert response.context["catalogue"].total == len(expected)


def test_facets_combine(client, courses):
    response = client.get("/courses/?theme=reconciliation&level=intermediate&country=serbia")
    assert titles(response) == ["Dealing with the past"]
    assert titles(client.get("/courses/?theme=reconciliation&language=tr")) == []


def test_counts_without_filters(client, courses):
    response = client.get("/courses/")
    assert facet(response, "theme") == {
        # Model ordering: by name.
        "good-governance": 1,
        "human-security-concepts": 1,
        "organised-crime-and-illicit-economies": 1,
        "police-accountability": 1,
        "reconciliation": 2,
        "social-inclusion": 1,
    }
    assert list(facet(response, "theme")) == sorted(facet(response, "theme"))
    assert facet(response, "country") == {"bulgaria": 1, "kosovo": 1, "serbia": 2, "turkey": 1}
    assert facet(response, "language") == {"en": 2, "sr-latn": 1, "tr": 1}
    # Levels in their own order, not alphabetically.
    assert list(facet(response, "level").items()) == [
        ("introductory", 1),
        ("intermediate", 2),
        ("advanced", 1),
    ]
    assert facet(response, "format") == {"self_paced": 3, "scheduled": 1}


def test_counts_apply_the_other_facets_but_not_their_own(client, courses):
    response = client.get("/courses/?level=intermediate&language=en")
    assert titles(response) == ["Dealing with the past"]
    # Level counts: language=en applies, level=intermediate does not.
    assert facet(response, "level") == {"introductory": 1, "intermediate": 1}
    # Language counts: level=intermediate applies, language=en does not.
    assert facet(response, "language") == {"en": 1, "sr-latn": 1}
    assert facet(response, "theme") == {"reconciliation": 1, "social-inclusion": 1}
    assert facet(response, "country") == {"kosovo": 1, "serbia": 1}
    assert facet(response, "format") == {"scheduled": 1}


def test_a_selected_option_with_no_matches_stays_visible_with_its_count(client, courses):
    response = client.get("/courses/?theme=extremism-and-radicalisation")
    assert facet(response, "theme")["extremism-and-radicalisation"] == 0
    assert "human-security-concepts" in facet(response, "theme")
    assert titles(response) == []
    # Options no course would match are left out when not selected.
    assert "extremism-and-radicalisation" not in facet(client.get("/courses/"), "theme")


def test_counts_on_the_seeded_demo(client, seeded):
    response = client.get("/courses/?level=intermediate")
    assert facet(response, "level") == {"introductory": 1, "intermediate": 2}
    assert facet(response, "theme") == {
        "good-governance": 1,
        "police-accountability": 1,
        "reconciliation": 1,
        "social-inclusion": 1,
    }
    assert facet(response, "language") == {"en": 1, "sr-latn": 1}
    assert facet(response, "format") == {"self_paced": 1, "scheduled": 1}
    html = response.content.decode()
    assert re.search(r"Reconciliation\s*<span[^>]*>\(1\)</span>", html)


def test_selected_option_is_marked_and_its_link_removes_it(client, courses):
    html = html_of(client, "/courses/?theme=reconciliation&language=en&page=2&sort=title")
    selected = re.findall(r'<a href="([^"]*)" aria-current="true">', html)
    # The selected theme, the selected language and the current sort.
    assert selected == [
        "/courses/?language=en&amp;sort=title",
        "/courses/?theme=reconciliation&amp;sort=title",
        "/courses/?theme=reconciliation&amp;language=en&amp;sort=title",
    ]
    # An unselected option adds itself and keeps the rest (but never the page).
    assert (
        'href="/courses/?theme=reconciliation&amp;country=serbia&amp;language=en&amp;sort=title"'
    ) in html
    assert "Remove filter:" in html


def test_search_form_keeps_the_filters_in_hidden_inputs(client, courses):
    html = html_of(client, "/courses/?q=x&theme=reconciliation&format=scheduled&sort=title")
    assert '<input type="hidden" name="theme" value="reconciliation">' in html
    assert '<input type="hidden" name="format" value="scheduled">' in html
    assert '<input type="hidden" name="sort" value="title">' in html
    assert 'name="q" value="x"' in html
    assert '<label for="catalogue-q">' in html
    assert 'id="catalogue-q"' in html


# Cards


def test_card_shows_the_course_at_a_glance(client, catalogue):
    course = make_course(
        catalogue,
        title="Dealing with the past",
        summary="Eight days on memory and dialogue.",
        themes=["reconciliation", "social-inclusion"],
        level="intermediate",
        language="sr-latn",
        effort_hours=40,
        cover=True,
    )
    html = html_of(client, "/courses/")
    assert f'<a href="{course.url}">Dealing with the past</a>' in html
    assert "Eight days on memory and dialogue." in html
    assert "Intermediate" in html
    assert "40 hours" in html
    assert "Serbian (Latin)" in html
    assert "Reconciliation, Social inclusion" in html
    img = re.search(r"<img [^>]*>", html.split("<main", 1)[1]).group(0)
    for attribute in ('alt="Hands around a table"', 'loading="lazy"', "srcset=", "sizes="):
        assert attribute in img
    assert re.search(r'width="\d+" height="\d+"', img)


def test_one_hour_is_singular(client, catalogue):
    make_course(catalogue, effort_hours=1)
    assert "1 hour<" in html_of(client, "/courses/")


# Sorting and pagination


def test_newest_first_by_default_and_by_title_on_request(client, catalogue):
    now = timezone.now()
    for days, title in [(3, "Beta"), (1, "alpha"), (2, "Gamma")]:
        course = make_course(catalogue, title=title)
        CoursePage.objects.filter(pk=course.pk).update(
            first_published_at=now - datetime.timedelta(days=days)
        )
    assert titles(client.get("/courses/")) == ["alpha", "Gamma", "Beta"]
    assert titles(client.get("/courses/?sort=title")) == ["alpha", "Beta", "Gamma"]
    assert titles(client.get("/courses/?sort=newest")) == ["alpha", "Gamma", "Beta"]


def test_relevance_is_offered_only_with_a_query(client, catalogue):
    make_course(catalogue)
    make_course(catalogue)
    without_query = client.get("/courses/?sort=relevance")
    assert [o.value for o in without_query.context["catalogue"].sort_options] == [
        "newest",
        "title",
    ]
    assert without_query.context["catalogue"].sort == "newest"
    with_query = client.get("/courses/?q=course")
    assert [o.value for o in with_query.context["catalogue"].sort_options] == [
        "relevance",
        "newest",
        "title",
    ]


def test_pagination_keeps_the_filters(client, catalogue):
    for _ in range(13):
        make_course(catalogue, themes=["reconciliation"])
    make_course(catalogue, themes=["good-governance"])
    first = client.get("/courses/?theme=reconciliation&sort=title")
    assert len(first.context["catalogue"].courses) == 12
    assert first.context["catalogue"].total == 13
    html = first.content.decode()
    assert 'rel="next" href="/courses/?theme=reconciliation&amp;sort=title&amp;page=2"' in html
    assert 'rel="prev"' not in html

    second = client.get("/courses/?theme=reconciliation&sort=title&page=2")
    assert len(second.context["catalogue"].courses) == 1
    assert 'rel="prev" href="/courses/?theme=reconciliation&amp;sort=title"' in (
        second.content.decode()
    )
    assert not set(titles(first)) & set(titles(second))


@pytest.mark.parametrize(("page", "expected"), [("abc", 1), ("-1", 2), ("99999", 2), ("", 1)])
def test_out_of_range_pages_fall_back(client, catalogue, page, expected):
    for _ in range(13):
        make_course(catalogue)
    response = client.get(f"/courses/?page={page}")
    assert response.context["catalogue"].page.number == expected


# Empty states and junk


def test_empty_state_links_to_clear_the_filters(client, courses):
    html = html_of(client, "/courses/?q=nothingmatchesthis&level=advanced")
    assert "No courses match your search and filters." in html
    assert '<a href="/courses/">' in html


def test_empty_catalogue_says_so(client, catalogue):
    assert "No courses are published yet." in html_of(client, "/courses/")


@pytest.mark.parametrize(
    ("query_string", "ignored"),
    [
        ("theme=no-such-theme", ["theme"]),
        ("country=atlantis", ["country"]),
        ("language=xx", ["language"]),
        ("level=expert", ["level"]),
        ("format=%3Cscript%3Ealert(1)%3C/script%3E", ["format"]),
        ("sort=drop%20table", ["sort"]),
        ("theme=reconciliation&theme=good-governance", ["theme"]),
        ("q=a&q=b", ["q"]),
        ("theme=Reconciliation", ["theme"]),
        ("theme=%00", ["theme"]),
        ("level=%C0%AE%C0%AE%2F", ["level"]),
        ("theme[]=reconciliation&country=serbia'--", ["country"]),
    ],
)
def test_unrecognised_values_are_ignored_and_named(client, courses, query_string, ignored):
    response = client.get(f"/courses/?{query_string}")
    assert response.status_code == 200
    assert list(response.context["catalogue"].ignored) == ignored
    assert response.context["catalogue"].total == 4
    assert "Some filters were not recognised and were ignored." in response.content.decode()


NASTY_QUERY_STRINGS = [
    "q=" + "a" * 10_000,
    "q=%00%01%02",
    "q=%22",
    "q=%22unbalanced%20(quote",
    "q=*",
    "q=AND%20OR%20NOT%20NEAR",
    "q=reconciliation:*%20%26%20!police%20|%20'x'",
    "q=%25s%25d%25%25",
    "q=%5C%5C%5C",
    "q=%F0%9F%98%80%20%E2%80%AE",
    "q=%FF%FE%FD",
    "q=-",
    "q='; DROP TABLE wagtailcore_page; --",
    "q=%E5%AE%89%E5%85%A8&sort=relevance",
    "page=abc",
    "page=-1",
    "page=99999999999999999999999999",
    "page=1&page=2",
    "page=1e3",
    "sort=drop%20table",
    "sort=relevance",
    "sort=",
    "theme=" + "x" * 5_000,
    "language=xx&format=%3Cscript%3E",
    "level=&country=&theme=&q=",
    "country=serbia%00",
    "format=self_paced&format=self_paced",
    "q=a&q=b&theme=reconciliation&theme=reconciliation",
    "%ZZ=%ZZ&&&==&q",
    "utm_source=newsletter&q=security",
]


@pytest.mark.parametrize("query_string", NASTY_QUERY_STRINGS)
def test_malformed_query_strings_never_fail(client, courses, query_string):
    response = client.get(f"/courses/?{query_string}")
    assert response.status_code == 200
    assert "<h1" in response.content.decode()


def test_selector_can_be_called_directly(catalogue, courses):
    result = catalogue_search(catalogue=catalogue, params=QueryDict("format=scheduled&sort=title"))
    assert [course.title for course in result.courses] == ["Dealing with the past"]
    assert result.sort == "title"
    assert result.ignored == ()
    assert result.hidden_fields == (("format", "scheduled"), ("sort", "title"))


# Query budget


def populate(catalogue, count: int) -> None:
    themes = ["reconciliation", "social-inclusion", "good-governance", "police-accountability"]
    countries = ["serbia", "kosovo", "bulgaria", "turkey"]
    for n in range(count):
        make_course(
            catalogue,
            description="<p>Security for people, not only for states.</p>",
            themes=[themes[n % 4], themes[(n + 1) % 4]],
            countries=[countries[n % 4], "serbia"],
            level=["introductory", "intermediate"][n % 2],
            language=["en", "sr-latn"][n % 2],
            cover=n % 2 == 0,
        )


def count_queries(client, url: str) -> int:
    """The queries of a catalogue page computed afresh (its cached listing made stale)."""
    client.get(url)  # warm what every request shares (site root paths, renditions)
    content_changed()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["catalogue"].courses, "the budget is measured with cards shown"
    return len(queries)


QUERY_BUDGET_URLS = [
    "/courses/",
    "/courses/?sort=title",
    "/courses/?page=2",
    "/courses/?q=security",
    "/courses/?q=security&theme=reconciliation&country=serbia&language=en&level=introductory",
    "/courses/?q=security&format=self_paced&sort=newest",
    "/courses/?theme=reconciliation&country=serbia&language=en&level=introductory&format=self_paced",
]


@pytest.fixture
def private_cache(settings):
    """A cache of this process only: a concurrent test run flushing a shared Redis must not
    empty the warmed cache between the two requests compared (Wagtail caches site root
    paths and renditions there)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "catalogue-query-budget",
        }
    }


@pytest.mark.parametrize("url", QUERY_BUDGET_URLS)
def test_query_count_does_not_grow_with_the_number_of_courses(
    client, catalogue, private_cache, url
):
    populate(catalogue, 3)
    small = count_queries(client, url)
    populate(catalogue, 27)
    large = count_queries(client, url)
    assert small == large
    print(f"{url}: {small} queries")  # shown with pytest -s


# The cached listing


def test_a_repeated_search_is_served_from_the_cache_without_touching_the_courses(
    client, courses, private_cache
):
    url = "/courses/?q=security&theme=reconciliation"
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert titles(again) == titles(first) != []
    assert facet(again, "country") == facet(first, "country")
    assert not [q["sql"] for q in queries if "courses_coursepage" in q["sql"]]


def test_a_tracking_parameter_shares_the_cached_listing(client, courses, private_cache):
    client.get("/courses/?q=security")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/courses/?q=security&utm_source=newsletter")
    assert titles(response)
    assert not [q["sql"] for q in queries if "courses_coursepage" in q["sql"]]


def test_a_published_or_unpublished_course_shows_on_the_next_request(
    client, catalogue, private_cache
):
    make_course(catalogue, title="Dealing with the past")
    assert titles(client.get("/courses/?q=past")) == ["Dealing with the past"]
    newer = make_course(catalogue, title="The past in schoolbooks")
    assert sorted(titles(client.get("/courses/?q=past"))) == [
        "Dealing with the past",
        "The past in schoolbooks",
    ]
    newer.unpublish()
    assert titles(client.get("/courses/?q=past")) == ["Dealing with the past"]


def test_a_renamed_theme_shows_on_the_next_request(client, courses, private_cache):
    client.get("/courses/")
    theme = Theme.objects.get(slug="reconciliation")
    theme.name = "Reconciliation and memory"
    theme.save()
    assert "Reconciliation and memory" in html_of(client, "/courses/")


def test_each_language_has_its_own_cached_labels(client, courses, private_cache):
    assert "Country or region" in html_of(client, "/courses/")
    assert "Country or region" not in html_of(client, "/sq/courses/")
