"""Course content as a Wagtail page tree: catalogue → course → module → lesson,
and the taxonomy snippets (themes, countries, levels) courses are filed under."""

import functools

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.models import AbstractDocument
from wagtail.embeds.models import Embed
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Orderable, Page, PageViewRestriction, Site
from wagtail.search import index

from cms.content_cache import content_changed, read_through

from ..blocks import LessonStreamBlock

# Languages a course can be taught in: the network's languages, independent of the
# languages the interface is translated into.
COURSE_LANGUAGES = [
    ("en", _("English")),
    ("sq", _("Albanian")),
    ("bs", _("Bosnian")),
    ("bg", _("Bulgarian")),
    ("hr", _("Croatian")),
    ("mk", _("Macedonian")),
    ("cnr", _("Montenegrin")),
    ("sr-latn", _("Serbian (Latin)")),
    ("sr", _("Serbian (Cyrillic)")),
    ("tr", _("Turkish")),
]


class TaxonomyTerm(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=500)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Theme(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Country(TaxonomyTerm):
    """A country or region a course is concerned with (includes "Western Balkans regional")."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("country or region")
        verbose_name_plural = _("countries and regions")


class Level(TaxonomyTerm):
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [*TaxonomyTerm.panels, FieldPanel("sort_order")]

    class Meta(TaxonomyTerm.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")


class CourseIndexPage(Page):
    """The course catalogue (``/courses/``)."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import catalogue_listing

        context = super().get_context(request, *args, **kwargs)
        context["catalogue"], context["course_languages"] = catalogue_listing(
            catalogue=self, params=request.GET, request=request
        )
        return context

    def route(self, request, path_components):
        """Route to a course, module or activity with one query for the pages on the way.

        Wagtail's own routing asks the database for each level twice (the child by its slug,
        then its specific page). Here the pages named by the path come in one query, each as
        its specific page with its parent cached (so ``get_parent()`` and the activity's
        course cost nothing), and every page on the way routes as Wagtail would: a live
        routable page (a course's ``enrol/``, a lesson's ``complete/``) answers its own
        routes before its children are looked at, and whatever the pages loaded here do not
        settle is left to that page's own ``route``.
        """
        page, remaining = self, list(path_components)
        for child in _pages_on_path(self, remaining):
            if page is not self and not _routes_to_child(page, request, remaining):
                break
            page, remaining = child, remaining[1:]
            if not remaining:
                break
        if page is self:
            return super().route(request, remaining)
        return page.route(request, remaining)


class CoursePage(RoutablePageMixin, Page):
    """One course: what it is, who teaches it, and its modules as child pages.

    Learners enrol, apply and withdraw by POST to ``enrol/`` and ``withdraw/`` under the
    course's URL (``courses.views``); module slugs cannot take those names.
    """

    ROUTE_SLUGS = frozenset({"enrol", "withdraw"})

    summary = models.CharField(
        _("summary"), max_length=250, help_text=_("One or two sentences for the course card.")
    )
    description = RichTextField(
        _("description"), features=["bold", "italic", "link", "ol", "ul", "h3"]
    )
    learning_outcomes = models.TextField(
        _("learning outcomes"),
        blank=True,
        help_text=_("One outcome per line: what a learner can do after the course."),
    )
    effort_hours = models.PositiveSmallIntegerField(
        _("estimated effort (hours)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        _("cover image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    level = models.ForeignKey(
        Level, verbose_name=_("level"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(
        _("language of instruction"), max_length=10, choices=COURSE_LANGUAGES, default="en"
    )
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    countries = ParentalManyToManyField(
        Country, verbose_name=_("countries and regions"), blank=True
    )

    class Format(models.TextChoices):
        SELF_PACED = "self_paced", _("Self-paced")
        SCHEDULED = "scheduled", _("Scheduled")

    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.SELF_PACED
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    certificate_offered = models.BooleanField(_("certificate offered"), default=False)
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("prerequisites"),
        blank=True,
        symmetrical=False,
        related_name="required_by",
        help_text=_("Courses a learner must have completed before enrolling."),
    )

    class EnrolmentMode(models.TextChoices):
        OPEN = "open", _("Open: learners enrol themselves")
        APPLICATION = "application", _("By application: trainers select participants")
        CLOSED = "closed", _("Closed")

    enrolment_mode = models.CharField(
        _("enrolment"), max_length=20, choices=EnrolmentMode.choices, default=EnrolmentMode.OPEN
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit. When full, new requests join a waitlist."),
    )
    enrolment_opens_at = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(_("enrolment closes"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Cover")
        ),
        MultiFieldPanel(
            [
                # A plain select: three levels need no chooser modal.
                FieldRowPanel([FieldPanel("level", widget=forms.Select), FieldPanel("language")]),
                FieldPanel("effort_hours"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Catalogue"),
        ),
        InlinePanel("trainers", label=_("Trainers"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("certificate_offered"),
            ],
            heading=_("Format"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enrolment_mode"),
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("enrolment_opens_at"), FieldPanel("enrolment_closes_at")]
                ),
                FieldPanel("prerequisites"),
            ],
            heading=_("Enrolment"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("learning_outcomes"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("countries", [index.SearchField("name")]),
        index.FilterField("language"),
        index.FilterField("format"),
        index.FilterField("level_id"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    def clean(self):
        super().clean()
        errors = {}
        if self.format == self.Format.SCHEDULED:
            if not self.starts_on:
                errors["starts_on"] = _("A scheduled course needs a start date.")
            if not self.ends_on:
                errors["ends_on"] = _("A scheduled course needs an end date.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The course cannot end before it starts.")
        if (
            self.enrolment_opens_at
            and self.enrolment_closes_at
            and self.enrolment_closes_at <= self.enrolment_opens_at
        ):
            errors["enrolment_closes_at"] = _("Enrolment must close after it opens.")
        if self.cover_image_id and not self.cover_image_alt.strip():
            errors["cover_image_alt"] = _("Describe the cover image for people who cannot see it.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from ..outline import (
            course_detail_for,
            course_outline_for,
            course_state_for,
            fragment_cache_for,
        )
        from ..views import EnrolmentForm

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = outline = course_outline_for(course=self, request=request)
        context["fragment_cache"] = fragment_cache_for(page=self, outline=outline, request=request)
        context["catalogue_page"] = self.get_parent()
        context.update(course_detail_for(course=self, facts=outline.facts))
        context["state"] = course_state_for(
            course=self, user=request.user, outline=outline, request=request, facts=outline.facts
        )
        context["enrol_form"] = EnrolmentForm(
            application=self.enrolment_mode == self.EnrolmentMode.APPLICATION
        )
        return context

    @path("enrol/", name="enrol")
    def enrol_route(self, request):
        from ..views import course_enrol

        return course_enrol(request, self)

    @path("withdraw/", name="withdraw")
    def withdraw_route(self, request):
        from ..views import course_withdraw

        return course_withdraw(request, self)

    def get_view_restrictions(self):
        restrictions = _view_restrictions_of_routed(self)
        return super().get_view_restrictions() if restrictions is None else restrictions

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]


class CourseTrainer(Orderable):
    """A trainer of a course: a platform user, or a named person from an organisation."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="trainers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses_trained",
        help_text=_("Link a platform account to let this trainer follow their learners."),
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    panels = [FieldPanel("user"), FieldPanel("name"), FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("trainer")

    def clean(self):
        super().clean()
        if not self.user_id and not self.name.strip():
            raise ValidationError(_("Give the trainer's name or choose their account."))

    @property
    def display_name(self) -> str:
        return self.name or (self.user.get_full_name() if self.user else "")


class ModulePage(Page):
    """A module groups lessons (and quizzes) in the order trainers arrange them."""

    summary = models.CharField(_("summary"), max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("module")

    def clean(self):
        super().clean()
        if self.slug in CoursePage.ROUTE_SLUGS:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is used by the course page itself: choose another slug.")
                    % {"slug": self.slug}
                }
            )


class LessonPage(RoutablePageMixin, Page):
    """A lesson: the learning content itself.

    Served only to those ``courses.access.activity_access_for`` allows; an enrolled learner
    marks it complete by POST to ``complete/`` under its URL (``courses.views``).
    """

    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=10, validators=[MinValueValidator(1)]
    )
    is_preview = models.BooleanField(
        _("preview lesson"),
        default=False,
        help_text=_("Preview lessons can be read by anyone, without enrolling."),
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("estimated_minutes"),
        FieldPanel("is_preview"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, access=None, **kwargs):
        """``access`` (from ``lesson_serve``) brings the course and the viewer's enrolment;
        without it (an editor's preview) the lesson is shown without progress."""
        from ..outline import (
            course_outline_for,
            fragment_cache_for,
            learner_progress_for,
            lesson_position_for,
        )

        context = super().get_context(request, *args, **kwargs)
        course = access.course if access else CoursePage.objects.ancestor_of(self).get()
        outline = course_outline_for(course=course, request=request)
        context["position"] = lesson_position_for(
            lesson=self, request=request, course=course, outline=outline
        )
        enrolment = access.enrolment if access else None
        context["enrolment"] = enrolment
        context["progress"] = (
            learner_progress_for(enrolment=enrolment, outline=outline) if enrolment else None
        )
        context["fragment_cache"] = fragment_cache_for(page=self, outline=outline, request=request)
        return context

    @path("", name="lesson")
    def index_route(self, request, *args, **kwargs):
        from ..views import lesson_serve

        request.is_preview = getattr(request, "is_preview", False)
        return lesson_serve(request, self)

    def serve(self, request, view=None, args=None, kwargs=None):
        # Whatever calls serve without a route still goes through the access check.
        if view is None:
            return self.index_route(request)
        return super().serve(request, view, args, kwargs)

    def get_view_restrictions(self):
        restrictions = _view_restrictions_of_routed(self)
        return super().get_view_restrictions() if restrictions is None else restrictions

    @path("complete/", name="complete")
    def complete_route(self, request):
        from ..views import lesson_complete

        return lesson_complete(request, self)

    def serve_preview(self, request, mode_name):
        # Editors previewing in the admin: Wagtail has checked their page permissions, and
        # a draft has no learners, so no access check and no progress.
        return TemplateResponse(
            request,
            self.get_preview_template(request, mode_name),
            self.get_preview_context(request, mode_name),
        )


@functools.cache
def _types_below(model: type[Page]) -> tuple[frozenset[type[Page]], ...]:
    """The page types allowed one, two, … levels below a ``model`` page, as deep as any."""
    found, types = [], {model}
    while types := {child for parent in types for child in parent.allowed_subpage_models()}:
        found.append(frozenset(types))
    return tuple(found)


def _pages_on_path(catalogue: CourseIndexPage, components: list[str]) -> list[Page]:
    """``_pages_on_path_from_db``, cached under the content generation when the path names
    a page at every level it can (a course, module and activity), so the cache holds at most
    one entry per real page, whatever paths are asked for."""
    depth = len(_types_below(type(catalogue))[: len(components)])
    key = f"courses:route:{catalogue.pk}:{catalogue.url_path}:{'/'.join(components[:depth])}"
    pages, _generation = read_through(
        key,
        lambda: _pages_on_path_from_db(catalogue, components),
        keep=lambda pages: bool(pages) and len(pages) == depth,
    )
    if pages:
        pages[0]._cached_parent_obj = catalogue  # the request's own instance
    return pages


def _pages_on_path_from_db(catalogue: CourseIndexPage, components: list[str]) -> list[Page]:
    """The pages below ``catalogue`` named by ``components``, from the top, as far as they
    exist, each with its parent cached, in one query.

    Each comes as its specific page, joined in the same query, except a page that routes like
    a plain page on the way to another (a module on a lesson's path): Wagtail's
    ``get_parent()`` gives the plain page too. (A course's level and cover image are not
    joined: only the page's header shows them, and it is cached.)
    """
    levels = _types_below(type(catalogue))[: len(components)]
    if not levels:
        return []
    joined: dict[type[Page], str] = {}
    for level, types in enumerate(levels, start=1):
        for model in types:
            link = model._meta.parents.get(Page)  # only direct subclasses join this way
            if link is not None and (level == len(levels) or model.route is not Page.route):
                joined[model] = link.related_query_name()
    # Only as deep as pages can be: what is left of a longer path is a page's own route.
    candidates = [
        catalogue.url_path + "/".join(components[: i + 1]) + "/" for i in range(len(levels))
    ]
    rows = (
        Page.objects.filter(
            url_path__in=candidates,
            slug__in=set(components[: len(levels)]),  # indexed: no need to scan the tree
            path__startswith=catalogue.path,
            depth__gt=catalogue.depth,
            depth__lte=catalogue.depth + len(levels),
        )
        .select_related(*joined.values())
        .order_by()  # no need for the tree's order
    )
    by_url_path = {row.url_path: row for row in rows}
    pages: list[Page] = []
    parent: Page = catalogue
    for level, (url_path, slug) in enumerate(zip(candidates, components, strict=False), start=1):
        row = by_url_path.get(url_path)
        if (
            row is None
            or row.slug != slug
            or row.depth != parent.depth + 1
            or row.path[: -Page.steplen] != parent.path
        ):
            break  # the page's own route takes it from here
        model = row.specific_class
        if model in joined:
            page = getattr(row, joined[model])
        elif model is not None and model.route is Page.route and level < len(levels):
            page = row  # on the way only: routing needs nothing of its own
        else:
            page = row.specific
        page._cached_parent_obj = parent
        pages.append(page)
        parent = page
    return pages


def _view_restrictions_of_routed(page: Page):
    """The view restrictions of ``page`` and its ancestors, as Wagtail's
    ``get_view_restrictions`` finds them, without its query for the ancestors when routing
    has cached them up to the site's root page and none is an alias; else None."""
    pages = [page]
    while (parent := pages[-1].__dict__.get("_cached_parent_obj")) is not None:
        pages.append(parent)
    if pages[-1].depth != 2 or any(item.alias_of_id for item in pages):
        return None
    # The tree's root (depth 1, never an alias) is the one ancestor not loaded.
    ancestors = [page.path[: Page.steplen * depth] for depth in range(1, page.depth + 1)]
    return PageViewRestriction.objects.filter(page__path__in=ancestors)


def _routes_to_child(page: Page, request, remaining: list[str]) -> bool:
    """Would Wagtail route ``remaining`` under ``page`` to its child named ``remaining[0]``?

    Yes for a plain page; for a routable page, unless it is live and has a route of its own
    for the path (as ``RoutablePageMixin.route`` decides). Any other ``route`` is left to
    decide for itself.
    """
    route = type(page).route
    if route is Page.route:
        return True
    if route is not RoutablePageMixin.route:
        return False
    if not page.live:
        return True
    try:
        page.resolve_subpage("/" + "/".join(remaining) + "/")
    except Http404:
        return True
    return False


# What pages show every viewer alike is cached (``cms.content_cache``) under
# a generation that any change to content they show moves on: pages, terms, images,
# documents, embeds, sites, and accounts (a trainer's name; not a login's timestamp).
_CONTENT = (Page, TaxonomyTerm, AbstractImage, AbstractDocument, Embed, Site)


@receiver(post_save, dispatch_uid="courses_content_saved")
@receiver(post_delete, dispatch_uid="courses_content_deleted")
def _content_changed(sender, instance, update_fields=None, **kwargs):
    if isinstance(instance, _CONTENT) or (
        isinstance(instance, get_user_model())
        and not (update_fields and set(update_fields) <= {"last_login"})
    ):
        content_changed()
