"""Reads for the course catalogue, in a fixed number of queries whatever the number of courses.

``catalogue_search`` turns the catalogue's query string (``q``, the facet filters, ``sort`` and
``page``) into everything the catalogue template needs: one page of course cards, the facets
with their counts, sort and pagination links. Unknown or malformed values are ignored (and
named in the result), never an error, so any link anyone shares keeps working.

Queries, whatever the number of courses: 1 for the facets' known slugs, 1 for page view
restrictions (``public()``), 1 for the full-text search when there is a ``q``, 1 aggregate per
facet (5), 2 for the page of courses (count and rows, or, sorted by relevance, the matching
keys and rows) and 3 for the cards' themes, cover images and their renditions (the last two
only when a course on the page has a cover): 12 without ``q``, 13 with it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import (
    CharField,
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from cms.content_cache import read_through

from .languages import available_languages
from .models import COURSE_LANGUAGES, Country, CourseIndexPage, CoursePage, Level, Theme

if TYPE_CHECKING:
    from django.http import QueryDict
    from django.utils.functional import Promise

PER_PAGE = 12
MAX_QUERY_LENGTH = 200
# The card's cover image: 480px wide in the grid, 960px for high-density screens.
COVER_FILTERS = ("fill-480x270", "fill-960x540")

RELEVANCE, NEWEST, TITLE = "relevance", "newest", "title"
SORT_LABELS: dict[str, Promise] = {
    RELEVANCE: _("Relevance"),
    NEWEST: _("Newest"),
    TITLE: _("Title"),
}
# Parameters the catalogue understands, in the order they appear in the links it builds.
QUERY_PARAM, SORT_PARAM, PAGE_PARAM = "q", "sort", "page"
FACET_PARAMS = ("theme", "country", "language", "level", "format")
FACET_LOOKUPS = {
    "theme": "themes__slug",
    "country": "countries__slug",
    "language": "language",
    "level": "level__slug",
    "format": "format",
}
FACET_LABELS: dict[str, Promise] = {
    "theme": _("Theme"),
    "country": _("Country or region"),
    "language": _("Language"),
    "level": _("Level"),
    "format": _("Format"),
}
_PARAMS_READ = (QUERY_PARAM, *FACET_PARAMS, SORT_PARAM, PAGE_PARAM)
# Punctuation means nothing to full-text search but is syntax to some backends (SQLite FTS5).
_NOT_A_WORD = re.compile(r"[^\w\s]+")


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    # "?..." selecting this option (or removing it when selected), or "" for no parameters.
    query_string: str


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    options: tuple[FacetOption, ...]

    @property
    def selected(self) -> FacetOption | None:
        return next((option for option in self.options if option.selected), None)


@dataclass(frozen=True)
class SortOption:
    value: str
    label: str
    selected: bool
    query_string: str


@dataclass(frozen=True)
class Pagination:
    """Where a page of results is, as plain values (a result is cached; a paginator's page
    would carry its whole query)."""

    number: int
    num_pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1


@dataclass(frozen=True)
class CatalogueResult:
    """One page of the catalogue: plain data and the page's courses, the same for every
    viewer (the catalogue lists public courses only), so it can be cached as it is."""

    courses: tuple[CoursePage, ...]
    page: Pagination
    total: int
    query: str
    sort: str
    sort_options: tuple[SortOption, ...]
    facets: tuple[Facet, ...]
    # Names of the parameters whose values were not recognised and were ignored.
    ignored: tuple[str, ...]
    # Current filters (and an explicitly chosen sort) as hidden inputs for the search form.
    hidden_fields: tuple[tuple[str, str], ...]
    previous_query_string: str
    next_query_string: str
    # Keeps the search query and the sort, drops every facet filter.
    clear_filters_query_string: str

    @property
    def is_filtered(self) -> bool:
        return bool(self.query) or any(facet.selected for facet in self.facets)

    @property
    def has_facet_filters(self) -> bool:
        return any(facet.selected for facet in self.facets)


@dataclass(frozen=True)
class _Params:
    query: str
    search_terms: str
    filters: dict[str, str]
    sort: str
    explicit_sort: str | None
    page: str
    ignored: tuple[str, ...]


def catalogue_listing(
    *, catalogue: CourseIndexPage, params: QueryDict, request=None
) -> tuple[CatalogueResult, dict]:
    """``catalogue_search`` and the languages its courses are written in (for the cards).

    The same for every viewer, so cached under the content generation (``cms.content_cache``)
    by catalogue, interface language (labels are translated) and the parameters it reads:
    a publish or a change to a term shows on the next request. A preview is never cached.
    """

    def compute() -> tuple[CatalogueResult, dict]:
        result = catalogue_search(catalogue=catalogue, params=params)
        return result, available_languages(result.courses)

    if getattr(request, "is_preview", False):
        return compute()
    # Only what the catalogue reads: a tracking parameter makes no entry of its own.
    read = sorted((name, params.getlist(name)) for name in _PARAMS_READ if name in params)
    query = urlencode(read, doseq=True)
    digest = hashlib.sha256(query.encode()).hexdigest()
    return read_through(f"courses:catalogue:{catalogue.pk}:{get_language()}:{digest}", compute)[0]


def catalogue_search(*, catalogue: CourseIndexPage, params: QueryDict) -> CatalogueResult:
    """One page of the catalogue's live, public courses matching ``params``, with facets."""
    cleaned = _clean_params(params, known=_known_values())

    base = CoursePage.objects.live().public().child_of(catalogue)
    search_pks: list[int] | None = None
    if cleaned.query:
        search_pks = _search(base=CoursePage.objects.live().child_of(catalogue), cleaned=cleaned)
        base = base.filter(pk__in=search_pks)

    def filtered(*, without: str | None = None) -> QuerySet[CoursePage]:
        queryset = base
        for param, value in cleaned.filters.items():
            if param != without:
                # One filter() per facet. Slugs are unique, so no course is counted twice.
                queryset = queryset.filter(**{FACET_LOOKUPS[param]: value})
        return queryset

    # Each facet is counted with every other active filter applied, but not its own.
    options = {
        "theme": _taxonomy_counts(Theme, filtered(without="theme")),
        "country": _taxonomy_counts(Country, filtered(without="country")),
        "level": _level_counts(filtered(without="level")),
        "language": _field_counts("language", COURSE_LANGUAGES, filtered(without="language")),
        "format": _field_counts("format", CoursePage.Format.choices, filtered(without="format")),
    }
    facets = tuple(
        Facet(
            param=param,
            label=str(FACET_LABELS[param]),
            options=tuple(
                FacetOption(
                    value=value,
                    label=label,
                    count=count,
                    selected=cleaned.filters.get(param) == value,
                    query_string=_query_string(
                        cleaned, filters=_toggle(cleaned.filters, param, value)
                    ),
                )
                for value, label, count in options[param]
                if count or cleaned.filters.get(param) == value
            ),
        )
        for param in FACET_PARAMS
    )

    results = filtered()
    if cleaned.sort == RELEVANCE and search_pks is not None:
        # Keep the search backend's order: paginate its primary keys, then fetch one page.
        matching = set(results.values_list("pk", flat=True))
        ranked = [pk for pk in search_pks if pk in matching]
        page = Paginator(ranked, PER_PAGE).get_page(cleaned.page)
        cards = {c.pk: c for c in _cards(CoursePage.objects.filter(pk__in=page.object_list))}
        courses = tuple(cards[pk] for pk in page.object_list if pk in cards)
    else:
        if cleaned.sort == TITLE:
            ordering = (Lower("title").asc(), F("pk").asc())
        else:
            ordering = (F("first_published_at").desc(nulls_last=True), F("pk").desc())
        page = Paginator(_cards(results.order_by(*ordering)), PER_PAGE).get_page(cleaned.page)
        courses = tuple(page.object_list)

    return CatalogueResult(
        courses=courses,
        page=Pagination(number=page.number, num_pages=page.paginator.num_pages),
        total=page.paginator.count,
        query=cleaned.query,
        sort=cleaned.sort,
        sort_options=tuple(
            SortOption(
                value=value,
                label=str(SORT_LABELS[value]),
                selected=value == cleaned.sort,
                query_string=_query_string(cleaned, sort=value),
            )
            for value in _sorts(cleaned.query)
        ),
        facets=facets,
        ignored=cleaned.ignored,
        hidden_fields=tuple(_pairs(cleaned, query="")),
        previous_query_string=(
            _query_string(cleaned, page=page.previous_page_number()) if page.has_previous() else ""
        ),
        next_query_string=(
            _query_string(cleaned, page=page.next_page_number()) if page.has_next() else ""
        ),
        clear_filters_query_string=_query_string(cleaned, filters={}),
    )


def _known_values() -> dict[str, frozenset[str]]:
    """The values each facet accepts; the taxonomy slugs in one query."""
    kind = CharField()
    slugs = (
        Theme.objects.order_by()
        .values_list(Value("theme", output_field=kind), "slug")
        .union(
            Country.objects.order_by().values_list(Value("country", output_field=kind), "slug"),
            Level.objects.order_by().values_list(Value("level", output_field=kind), "slug"),
            all=True,
        )
    )
    known: dict[str, set[str]] = {"theme": set(), "country": set(), "level": set()}
    for param, slug in slugs:
        known[param].add(slug)
    return {
        **{param: frozenset(values) for param, values in known.items()},
        "language": frozenset(code for code, _label in COURSE_LANGUAGES),
        "format": frozenset(CoursePage.Format.values),
    }


def _clean_params(params: QueryDict, *, known: dict[str, frozenset[str]]) -> _Params:
    ignored: list[str] = []

    def single(name: str) -> str:
        values = [value for value in params.getlist(name) if value.strip()]
        if len(values) > 1:
            ignored.append(name)
            return ""
        return values[0].strip() if values else ""

    query = _clean_query(single(QUERY_PARAM))
    filters = {}
    for param in FACET_PARAMS:
        value = single(param)
        if value in known[param]:
            filters[param] = value
        elif value:
            ignored.append(param)

    sort = single(SORT_PARAM)
    explicit_sort = None
    if sort in SORT_LABELS:
        if sort != RELEVANCE or query:
            explicit_sort = sort
    elif sort:
        ignored.append(SORT_PARAM)

    page = params.getlist(PAGE_PARAM)
    return _Params(
        query=query,
        search_terms=_NOT_A_WORD.sub(" ", query).strip(),
        filters=filters,
        sort=explicit_sort or (RELEVANCE if query else NEWEST),
        explicit_sort=explicit_sort,
        # Paginator.get_page copes with anything but a list: keep only an unambiguous value.
        page=page[0][:20] if len(page) == 1 else "1",
        ignored=tuple(dict.fromkeys(ignored)),
    )


def _clean_query(value: str) -> str:
    """The search text: control characters dropped, whitespace collapsed, at most 200 chars."""
    text = unicodedata.normalize("NFC", value[: MAX_QUERY_LENGTH * 4])
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def _search(*, base: QuerySet[CoursePage], cleaned: _Params) -> list[int]:
    """Primary keys of the courses matching the search terms, best match first."""
    if not cleaned.search_terms:
        return []
    # One query; only the primary key is loaded (``id`` is Page's, ``page_ptr`` the course's).
    results = base.only("id").search(cleaned.search_terms, operator="and")
    return [course.pk for course in results]


def _toggle(filters: dict[str, str], param: str, value: str) -> dict[str, str]:
    changed = dict(filters)
    if changed.get(param) == value:
        del changed[param]
    else:
        changed[param] = value
    return changed


def _pairs(
    cleaned: _Params,
    *,
    query: str | None = None,
    filters: dict[str, str] | None = None,
    sort: str | None = None,
    page: int | None = None,
) -> Iterable[tuple[str, str]]:
    query = cleaned.query if query is None else query
    filters = cleaned.filters if filters is None else filters
    sort = cleaned.explicit_sort if sort is None else sort
    if query:
        yield QUERY_PARAM, query
    for param in FACET_PARAMS:
        if param in filters:
            yield param, filters[param]
    # The default sort stays out of the URL; relevance means nothing without a query.
    if sort and sort != (RELEVANCE if query else NEWEST) and sort in _sorts(query):
        yield SORT_PARAM, sort
    if page and page > 1:
        yield PAGE_PARAM, str(page)


def _sorts(query: str) -> tuple[str, ...]:
    return ((RELEVANCE,) if query else ()) + (NEWEST, TITLE)


def _query_string(cleaned: _Params, **changes) -> str:
    """A ``?...`` link to the catalogue with ``changes`` applied, always on the first page
    unless a page is given; "" when no parameter is left."""
    encoded = urlencode(list(_pairs(cleaned, **changes)))
    return f"?{encoded}" if encoded else ""


def _taxonomy_counts(
    model: type[Theme | Country], courses: QuerySet[CoursePage]
) -> list[tuple[str, str, int]]:
    """(slug, name, count) of each term, counting the ``courses`` filed under it: one query."""
    # An aggregate query ignores Meta.ordering: order explicitly.
    return list(
        model.objects.annotate(n=Count("coursepage", filter=Q(coursepage__in=courses.values("pk"))))
        .order_by(*model._meta.ordering)
        .values_list("slug", "name", "n")
    )


def _level_counts(courses: QuerySet[CoursePage]) -> list[tuple[str, str, int]]:
    """(slug, name, count) of each level: one query (the level FK has no reverse relation)."""
    per_level = (
        courses.filter(level=OuterRef("pk"))
        .order_by()
        .values("level")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        Level.objects.annotate(n=Coalesce(Subquery(per_level), Value(0)))
        .order_by(*Level._meta.ordering)
        .values_list("slug", "name", "n")
    )


def _field_counts(
    field: str, choices: Iterable[tuple[str, object]], courses: QuerySet[CoursePage]
) -> list[tuple[str, str, int]]:
    """(value, label, count) of each choice of a plain field: one query."""
    counts = dict(courses.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n"))
    return [(value, str(label), counts.get(value, 0)) for value, label in choices]


def _cards(courses: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
    """What a course card shows, prefetched: themes, level, cover image and its renditions."""
    images = get_image_model().objects.prefetch_renditions(*COVER_FILTERS)
    return courses.select_related("level").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("name")),
        Prefetch("cover_image", queryset=images),
    )
