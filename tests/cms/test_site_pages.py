import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, StandardPage
from courses.models import CourseIndexPage, CoursePage

pytestmark = pytest.mark.django_db


def test_home_page_presents_the_network_and_links_to_the_catalogue(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "human security" in html.lower()
    assert 'href="/courses/"' in html
    assert "Introduction to Human Security" not in html or "/courses/" in html


def test_catalogue_lists_the_seeded_demo_course(client, seeded):
    response = client.get("/courses/")
    assert response.status_code == 200
    course = CoursePage.objects.get(
        slug="introduction-to-human-security", locale__language_code="en"
    )
    assert course.title in response.content.decode()
    assert course.url in response.content.decode()


def test_standard_page_renders(client, seeded):
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    response = client.get(about.url)
    assert response.status_code == 200
    assert about.title in response.content.decode()


def test_base_template_marks_language_and_has_a_language_switcher_slot(client, seeded):
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert 'href="#main"' in html


class TestSitePageTree(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(HomePage, {StandardPage, CourseIndexPage})

    def test_standard_pages_nest_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
