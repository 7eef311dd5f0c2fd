"""Site-level Wagtail pages: the home page and standard content pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import SitePageStreamBlock


class HomePage(Page):
    """The network's front page: who we are and a way into the course catalogue."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    catalogue_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("course catalogue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The catalogue page the front page invites visitors to."),
    )
    catalogue_link_label = models.CharField(
        _("catalogue link label"), max_length=60, default="Browse the courses"
    )
    body = StreamField(SitePageStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("catalogue_page"),
        FieldPanel("catalogue_link_label"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.StandardPage", "courses.CourseIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """An ordinary content page: about the network, privacy policy, contact."""

    intro = models.TextField(_("introduction"), blank=True, max_length=400)
    body = StreamField(SitePageStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
