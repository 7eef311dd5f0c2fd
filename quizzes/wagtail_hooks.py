"""Quizzes in the Wagtail admin: the trainers' tools (``admin_views``) under
``/admin/quizzes/``, their buttons on quiz pages, and the "Essays to grade" menu item."""

from django.urls import include, path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from courses.admin_views import enrolment_access

from . import admin_views
from .models import QuizPage

app_name = "quizzes_admin"

urlpatterns = [
    path("essays/", admin_views.EssayQueueView.as_view(), name="essays"),
    path("attempts/<int:attempt_id>/", admin_views.AttemptGradeView.as_view(), name="attempt"),
    path("<int:page_id>/attempts/", admin_views.QuizAttemptsView.as_view(), name="attempts"),
    path("<int:page_id>/summary/", admin_views.QuestionSummaryView.as_view(), name="summary"),
    path("<int:page_id>/gift/import/", admin_views.GiftImportView.as_view(), name="gift_import"),
    path("<int:page_id>/gift/export/", admin_views.GiftExportView.as_view(), name="gift_export"),
]


@hooks.register("register_admin_urls")
def register_quiz_admin_urls():
    return [path("quizzes/", include((urlpatterns, app_name), namespace=app_name))]


class EssaysMenuItem(MenuItem):
    def is_shown(self, request):
        return enrolment_access(request.user) is not None


@hooks.register("register_admin_menu_item")
def register_essays_menu_item():
    return EssaysMenuItem(
        _("Essays to grade"),
        reverse_lazy("quizzes_admin:essays"),
        name="essays-to-grade",
        icon_name="doc-full",
        order=270,
    )


# Buttons on quiz pages (the page's header in the editor and the explorer, and the "More"
# menu of page listings) -------------------------------------------------------------------


class QuizToolButton(PageMenuItem):
    """A link to one of the quiz tools, shown to users the tool would let in."""

    def __init__(self, *, label, url_name, icon_name, priority, needs_edit, page):
        super().__init__(label=label, icon_name=icon_name, priority=priority, page=page)
        self.url_name = url_name
        self.needs_edit = needs_edit

    @property
    def url(self):
        return reverse(self.url_name, args=(self.page.pk,))

    def is_shown(self, user):
        if self.needs_edit:
            return admin_views.quiz_gift_allowed(user, self.page)
        return admin_views.quiz_in_scope(user, self.page)


TOOLS = (
    (_("Attempts"), "quizzes_admin:attempts", "list-ul", False),
    (_("Question summary"), "quizzes_admin:summary", "table", False),
    (_("Import GIFT"), "quizzes_admin:gift_import", "upload", True),
    (_("Export GIFT"), "quizzes_admin:gift_export", "download", True),
)


def _is_quiz(page) -> bool:
    specific_class = page.specific_class
    return specific_class is not None and issubclass(specific_class, QuizPage)


def quiz_tool_buttons(page, first_priority: int) -> list[QuizToolButton]:
    """Wagtail asks each button's ``is_shown`` before showing it."""
    if not _is_quiz(page):
        return []
    return [
        QuizToolButton(
            label=label,
            url_name=url_name,
            icon_name=icon,
            priority=first_priority + index,
            needs_edit=needs_edit,
            page=page,
        )
        for index, (label, url_name, icon, needs_edit) in enumerate(TOOLS)
    ]


@hooks.register("register_page_header_buttons")
def quiz_page_header_buttons(page, user, view_name=None, next_url=None):
    return quiz_tool_buttons(page, first_priority=80)


@hooks.register("register_page_listing_more_buttons")
def quiz_page_listing_more_buttons(page, user, next_url=None):
    return quiz_tool_buttons(page, first_priority=70)
