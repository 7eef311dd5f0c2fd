"""Course content as a Wagtail page tree: catalogue → course → module → lesson,
and the taxonomy snippets (themes, countries, levels) courses are filed under."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

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
        from ..selectors import catalogue_search

        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = catalogue_search(catalogue=self, params=request.GET)
        return context


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
        from ..outline import course_detail_for, course_outline_for, course_state_for
        from ..views import EnrolmentForm

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = outline = course_outline_for(course=self, request=request)
        context["catalogue_page"] = self.get_parent()
        context.update(course_detail_for(course=self))
        context["state"] = course_state_for(
            course=self, user=request.user, outline=outline, request=request
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
        from ..outline import learner_progress_for, lesson_position_for

        context = super().get_context(request, *args, **kwargs)
        context["position"] = lesson_position_for(
            lesson=self, request=request, course=access.course if access else None
        )
        enrolment = access.enrolment if access else None
        context["enrolment"] = enrolment
        context["progress"] = learner_progress_for(enrolment=enrolment) if enrolment else None
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
