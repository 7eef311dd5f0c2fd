"""How course and lesson pages are served: routed in one query (none once cached), what
every viewer sees alike cached (and never shown stale: any change to it is on the next
page), in about the queries of a plain page, and Wagtail's view restrictions applied as
before."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses.models import Theme
from tests.factories.courses import EnrolmentFactory, course_with_lessons
from tests.factories.learners import UserFactory
from tests.factories.pages import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    StandardPageFactory,
    make_site,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    home, catalogue = make_site()
    about = StandardPageFactory(parent=home, slug="about", title="About")
    return home, catalogue, about


def queries(client, url: str) -> int:
    client.get(url)  # warm the caches every request shares (site root paths, course facts)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# Queries: those of a plain page, and for an enrolled learner what is theirs -------------------


def test_anonymous_visitors_cost_no_more_than_a_plain_page(client, site):
    _, catalogue, about = site
    course, lessons = course_with_lessons(catalogue, modules=2, lessons_per_module=3)
    lessons[0].is_preview = True
    lessons[0].save_revision().publish()
    floor = queries(client, about.url)
    # One fewer: the pages on a course's paths come from the cache, a plain page's from
    # Wagtail's routing.
    assert queries(client, course.url) == floor - 1
    assert queries(client, lessons[0].url) == floor - 1


def test_an_enrolled_learner_costs_their_enrolment_and_progress_more(site):
    _, catalogue, about = site
    course, lessons = course_with_lessons(catalogue, modules=2, lessons_per_module=3)
    learner = UserFactory()
    EnrolmentFactory(learner=learner, course=course, last_activity=lessons[1])
    client = Client()
    client.force_login(learner)
    floor = queries(client, about.url)
    # The enrolment, and the learner's completed activities (less the routing query).
    assert queries(client, course.url) == floor - 1 + 2
    # The same, and remembering the visit for "Continue where you left off".
    assert queries(client, lessons[2].url) == floor - 1 + 3


def test_a_cold_cache_costs_the_same_few_queries_at_any_size(client, site):
    _, catalogue, _ = site
    small, small_lessons = course_with_lessons(catalogue, modules=1, lessons_per_module=1)
    large, large_lessons = course_with_lessons(catalogue, modules=6, lessons_per_module=5)
    small_lessons[0].is_preview = large_lessons[-1].is_preview = True
    small_lessons[0].save_revision().publish()
    large_lessons[-1].save_revision().publish()

    def cold(url: str) -> int:
        client.get(url)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert cold(small.url) == cold(large.url)
    assert cold(small_lessons[0].url) == cold(large_lessons[-1].url)


# The cache follows every change ------------------------------------------------------------


def test_course_page_shows_each_change_at_once(client, site, django_user_model):
    _, catalogue, _ = site
    prerequisite = CoursePageFactory(parent=catalogue, title="Basics of safety")
    course, lessons = course_with_lessons(catalogue, modules=1, lessons_per_module=2)
    theme = Theme.objects.create(name="Policing", slug="policing")
    trainer = django_user_model.objects.create_user(
        email="trainer@example.org", first_name="Ana", last_name="Ilić"
    )
    course.themes.set([theme])
    course.prerequisites.set([prerequisite])
    course.trainers.create(user=trainer)
    course.save_revision().publish()
    page = html(client, course.url)
    assert "Policing" in page
    assert "Ana Ilić" in page
    assert "Basics of safety" in page

    added = LessonPageFactory(parent=lessons[0].get_parent(), title="A lesson added later")
    assert "A lesson added later" in html(client, course.url)

    lessons[0].title = "A lesson renamed"
    lessons[0].save_revision().publish()
    assert "A lesson renamed" in html(client, course.url)

    added.move(lessons[0], pos="left")  # first in its module now
    page = html(client, course.url)
    assert page.index("A lesson added later") < page.index("A lesson renamed")

    theme.name = "Police and communities"
    theme.save()
    assert "Police and communities" in html(client, course.url)

    trainer.first_name = "Ana Marija"
    trainer.save()
    assert "Ana Marija Ilić" in html(client, course.url)

    prerequisite.unpublish()
    assert "Basics of safety" not in html(client, course.url)

    course.title = "Human security, revised"
    course.save_revision().publish()
    assert "Human security, revised" in html(client, course.url)


def test_lesson_page_shows_each_change_at_once(client, site):
    _, catalogue, _ = site
    _course, lessons = course_with_lessons(catalogue, modules=1, lessons_per_module=2)
    lesson = lessons[0]
    lesson.is_preview = True
    lesson.save_revision().publish()
    assert "Freedom from fear." in html(client, lesson.url)

    lesson.body = [{"type": "rich_text", "value": "<p>Freedom from want.</p>"}]
    lesson.save_revision().publish()
    page = html(client, lesson.url)
    assert "Freedom from want." in page
    assert "Freedom from fear." not in page

    # A link in the body follows the page it points to.
    lesson.body = [
        {"type": "rich_text", "value": f'<p><a linktype="page" id="{lessons[1].pk}">Next</a></p>'}
    ]
    lesson.save_revision().publish()
    assert f'href="{lessons[1].url}"' in html(client, lesson.url)
    lessons[1].slug = "moved-elsewhere"
    lessons[1].save_revision().publish()
    lessons[1].refresh_from_db()
    assert f'href="{lessons[1].url}"' in html(client, lesson.url)
    assert "moved-elsewhere" in lessons[1].url

    # The outline beside it.
    lessons[1].unpublish()
    assert lessons[1].title not in html(client, lesson.url)


def test_pages_are_served_right_without_the_cache(client, site, redis_down):
    _, catalogue, _ = site
    course, lessons = course_with_lessons(catalogue, modules=1, lessons_per_module=2)
    lessons[0].is_preview = True
    lessons[0].save_revision().publish()
    assert lessons[1].title in html(client, course.url)
    assert "Freedom from fear." in html(client, lessons[0].url)
    lessons[1].title = "Renamed while Redis is down"
    lessons[1].save_revision().publish()
    assert "Renamed while Redis is down" in html(client, course.url)
    assert "Renamed while Redis is down" in html(client, lessons[0].url)


# Routing ------------------------------------------------------------------------------------


def test_routes_reach_every_page_and_route_as_wagtail_does(client, site):
    _, catalogue, _ = site
    course, lessons = course_with_lessons(catalogue, modules=1, lessons_per_module=2)
    module = lessons[0].get_parent()
    assert client.get(module.url).status_code == 200
    # The course's and the lesson's own routes take POST only.
    assert client.get(course.url + "enrol/").status_code == 405
    assert client.get(lessons[0].url + "complete/").status_code == 405
    assert client.get(course.url + "no-such-module/").status_code == 404
    assert client.get(lessons[0].url + "no-such-route/").status_code == 404
    lessons[1].unpublish()
    assert client.get(lessons[1].url).status_code == 404


def test_a_cached_route_follows_a_renamed_or_unpublished_page(client, site):
    _, catalogue, _ = site
    _course, lessons = course_with_lessons(catalogue, modules=1, lessons_per_module=1)
    lesson = lessons[0]
    lesson.is_preview = True
    lesson.save_revision().publish()
    old_url = lesson.url
    assert client.get(old_url).status_code == 200  # its route is cached now
    lesson.slug = "renamed"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(lesson.url).status_code == 200
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


def test_a_lesson_in_another_course_with_the_same_slugs_is_its_own(client, site):
    _, catalogue, _ = site
    first = CoursePageFactory(parent=catalogue, slug="first")
    second = CoursePageFactory(parent=catalogue, slug="second")
    for course, title in ((first, "In the first"), (second, "In the second")):
        module = ModulePageFactory(parent=course, slug="module")
        LessonPageFactory(parent=module, slug="lesson", title=title, is_preview=True)
    assert "In the second" in html(client, "/courses/second/module/lesson/")
    assert "In the first" in html(client, "/courses/first/module/lesson/")


# View restrictions --------------------------------------------------------------------------


@pytest.mark.parametrize("restricted", ["home", "catalogue", "course"])
def test_view_restrictions_on_the_page_or_above_still_apply(client, site, restricted):
    home, catalogue, _ = site
    course, lessons = course_with_lessons(catalogue, modules=1, lessons_per_module=1)
    lessons[0].is_preview = True
    lessons[0].save_revision().publish()
    page = {"home": home, "catalogue": catalogue, "course": course}[restricted]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Insiders")])
    for url in (course.url, lessons[0].url):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"]
        assert "no-cache" in response["Cache-Control"]
    insider = UserFactory()
    insider.groups.add(Group.objects.get(name="Insiders"))
    client.force_login(insider)
    assert client.get(course.url).status_code == 200
    assert "Freedom from fear." in html(client, lessons[0].url)
