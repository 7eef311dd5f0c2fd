"""Page factories: the site tree (home → catalogue → course → module → lesson)."""

import factory
import wagtail_factories
from wagtail.models import Page, Site

from cms.models import HomePage, StandardPage
from courses.models import CourseIndexPage, CoursePage, LessonPage, Level, ModulePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    intro = "<p>Welcome</p>"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Faker("sentence", nb_words=3)
    intro = factory.Faker("sentence")


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = "courses"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    summary = factory.Faker("sentence")
    description = "<p>About the course.</p>"
    learning_outcomes = "Explain human security\nApply it locally"
    effort_hours = 3
    # Levels come from a data migration; the first is "introductory".
    level = factory.LazyFunction(lambda: Level.objects.order_by("sort_order").first())


class ModulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    summary = factory.Faker("sentence")


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    estimated_minutes = 15
    body = factory.LazyFunction(
        lambda: [{"type": "rich_text", "value": "<p>Freedom from fear.</p>"}]
    )


def make_site() -> tuple[HomePage, CourseIndexPage]:
    """A home page serving as the default site's root, with the catalogue under it."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="site-home")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    catalogue = CourseIndexPageFactory(parent=home)
    return home, catalogue
