"""Courses in the Wagtail admin: the taxonomy snippets' menu, the catalogue's review
workflow and permissions applied as soon as the catalogue is created, enrolments and
applications (``admin_views``), and courses with enrolments kept from deletion."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import EnrolmentPermissionPolicy, EnrolmentViewSet
from .models import Country, CourseIndexPage, CoursePage, Enrolment, Level, Theme
from .permissions import catalogue_permissions_apply

# Before anything asks Wagtail for the enrolment policy (it would get a fallback).
register_permission_policy(Enrolment, EnrolmentPermissionPolicy(Enrolment))


@hooks.register("after_create_page")
def apply_catalogue_permissions(request, page):
    """A catalogue created in the admin goes straight under review and trainer permissions."""
    if isinstance(page, CourseIndexPage):
        catalogue_permissions_apply(catalogue=page)


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug"]
    # Search the listing with the ORM (``icontains``), not the search index: the terms are
    # created by a data migration, which cannot index them, so they are missing from the
    # index until ``update_index`` runs. Taxonomies are a few dozen rows.
    search_backend_name = None
    search_fields = ["name", "slug", "description"]
    ordering = ["name"]


class ThemeViewSet(TaxonomyViewSet):
    model = Theme
    icon = "tag"
    menu_order = 1


class CountryViewSet(TaxonomyViewSet):
    model = Country
    icon = "site"
    menu_order = 2


class LevelViewSet(TaxonomyViewSet):
    model = Level
    icon = "order"
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    menu_order = 3


class CourseTaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, CountryViewSet, LevelViewSet)
    menu_label = _("Course taxonomy")
    menu_name = "course-taxonomy"
    menu_icon = "folder-open-1"
    add_to_admin_menu = True
    menu_order = 250


register_snippet(CourseTaxonomyViewSetGroup)


# Enrolments and applications ------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_enrolment_viewset():
    return EnrolmentViewSet()


# Courses with enrolments are never deleted ----------------------------------------------

#: How many course titles a refusal names before it stops listing them.
PROTECTED_TITLES_SHOWN = 5


def enrolled_course_titles(page: Page) -> list[str]:
    """Titles of the courses at or below ``page`` that learners are enrolled in.

    A course counts in every language: its enrolments sit on the canonical version, and
    deleting a translation of a course is deleting that course for its learners.
    Modules and lessons have no courses below them; their completions keep the
    activity's key, so they can be deleted.
    """
    courses_here = CoursePage.objects.filter(path__startswith=page.path).values("translation_key")
    return list(
        CoursePage.objects.filter(translation_key__in=courses_here, enrolments__isnull=False)
        .order_by("title")
        .values_list("title", flat=True)
        .distinct()[: PROTECTED_TITLES_SHOWN + 1]
    )


def deletion_refused_message(page: Page, titles: list[str]) -> str:
    if len(titles) == 1 and issubclass(page.specific_class, CoursePage):
        return gettext(
            "“%(title)s” cannot be deleted: learners are enrolled in it, and their records "
            "must be kept. Unpublish the course instead to take it offline."
        ) % {"title": page.get_admin_display_title()}
    shown = ", ".join(f"“{title}”" for title in titles[:PROTECTED_TITLES_SHOWN])
    if len(titles) > PROTECTED_TITLES_SHOWN:
        shown += ", …"
    return gettext(
        "“%(title)s” cannot be deleted: learners are enrolled in courses it contains "
        "(%(courses)s), and their records must be kept. Unpublish instead to take it offline."
    ) % {"title": page.get_admin_display_title(), "courses": shown}


@hooks.register("before_delete_page")
def refuse_deleting_courses_with_enrolments(request, page):
    """Without this, deleting such a course fails on the database's PROTECT (a 500)."""
    titles = enrolled_course_titles(page)
    if not titles:
        return None
    messages.error(request, deletion_refused_message(page, titles))
    # Back where the user came from, else to the page's editor, where "Unpublish" is.
    next_url = get_valid_next_url_from_request(request)
    return redirect(next_url or reverse("wagtailadmin_pages:edit", args=(page.pk,)))


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_courses_with_enrolments(request, action_type, objects, action):
    if action_type != "delete":
        return None
    refusals = [
        deletion_refused_message(page, titles)
        for page in objects
        if isinstance(page, Page) and (titles := enrolled_course_titles(page))
    ]
    if not refusals:
        return None
    for refusal in refusals:
        messages.error(request, refusal)
    return redirect(action.next_url)
