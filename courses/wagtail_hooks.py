"""Course authoring in the Wagtail admin: the taxonomy snippets' menu, and the catalogue's
review workflow and permissions applied as soon as the catalogue is created."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Country, CourseIndexPage, Level, Theme
from .permissions import catalogue_permissions_apply


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
