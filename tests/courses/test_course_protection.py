"""Courses learners are enrolled in cannot be deleted in the admin; they can be unpublished.

Enrolments point at their course with PROTECT, so without the ``before_delete_page`` and
``before_bulk_action`` hooks a delete would end in a ProtectedError (a 500). Modules and
lessons can be deleted: completions keep the activity's translation key.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page

from courses.models import (
    ActivityCompletion,
    CourseIndexPage,
    CoursePage,
    CourseTrainer,
    Enrolment,
    LessonPage,
    Level,
    ModulePage,
)
from tests.factories.learners import UserFactory
from tests.factories.pages import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    make_site,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    _home, catalogue = make_site()
    return catalogue


def make_course(catalogue, title: str) -> CoursePage:
    course = CoursePageFactory(
        parent=catalogue, title=title, level=Level.objects.get(slug="introductory")
    )
    CourseTrainer.objects.create(course=course, name="Amra Hodžić")
    return course


@pytest.fixture
def course(catalogue):
    return make_course(catalogue, "Protecting civilians")


@pytest.fixture
def lesson(course):
    return LessonPageFactory(parent=ModulePageFactory(parent=course))


@pytest.fixture
def enrolment(course):
    return Enrolment.objects.create(learner=UserFactory(), course=course)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def delete_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:delete", args=(page.pk,))


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def test_a_course_with_enrolments_is_not_deleted(admin_client, course, enrolment):
    response = admin_client.post(delete_url(course))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(course.pk,))
    (message,) = messages_of(response)
    assert "“Protecting civilians” cannot be deleted" in message
    assert "Unpublish" in message
    assert CoursePage.objects.filter(pk=course.pk).exists()
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()


def test_the_delete_confirmation_is_not_even_offered(admin_client, course, enrolment):
    response = admin_client.get(delete_url(course))
    assert response.status_code == 302
    assert "cannot be deleted" in messages_of(response)[0]


def test_the_refusal_goes_back_where_the_user_came_from(admin_client, course, enrolment):
    explorer = reverse("wagtailadmin_explore", args=(course.get_parent().pk,))
    response = admin_client.post(f"{delete_url(course)}?next={explorer}")
    assert response.status_code == 302
    assert response.url == explorer


def test_the_catalogue_holding_an_enrolled_course_is_not_deleted(
    admin_client, catalogue, course, enrolment
):
    make_course(catalogue, "A course nobody took")
    response = admin_client.post(delete_url(catalogue))
    assert response.status_code == 302
    (message,) = messages_of(response)
    assert "“Courses” cannot be deleted" in message
    assert "“Protecting civilians”" in message
    assert "A course nobody took" not in message
    assert CourseIndexPage.objects.filter(pk=catalogue.pk).exists()
    assert CoursePage.objects.count() == 2


def test_a_course_without_enrolments_is_deleted(admin_client, catalogue, course, enrolment):
    other = make_course(catalogue, "Not yet taken")
    ModulePageFactory(parent=other)
    response = admin_client.post(delete_url(other))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=other.pk).exists()
    assert CoursePage.objects.filter(pk=course.pk).exists()


def test_modules_and_lessons_of_an_enrolled_course_can_be_deleted(
    admin_client, course, lesson, enrolment
):
    completion = ActivityCompletion.objects.create(
        enrolment=enrolment,
        activity_key=lesson.translation_key,
        activity=lesson,
        activity_title=lesson.title,
    )
    module = lesson.get_parent()
    assert admin_client.post(delete_url(lesson)).status_code == 302
    assert not LessonPage.objects.filter(pk=lesson.pk).exists()
    assert admin_client.post(delete_url(module)).status_code == 302
    assert not ModulePage.objects.filter(pk=module.pk).exists()

    completion.refresh_from_db()
    assert completion.activity is None
    assert completion.activity_key == lesson.translation_key
    assert completion.activity_title == lesson.title


def test_an_enrolled_course_can_still_be_unpublished(admin_client, course, enrolment):
    assert course.live
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=(course.pk,)))
    assert response.status_code == 302
    course.refresh_from_db()
    assert not course.live
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()


def test_bulk_delete_refuses_enrolled_courses(admin_client, catalogue, course, enrolment):
    other = make_course(catalogue, "Not yet taken")
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    explorer = reverse("wagtailadmin_explore", args=(catalogue.pk,))
    response = admin_client.post(f"{url}?id={course.pk}&id={other.pk}&next={explorer}")
    assert response.status_code == 302
    assert response.url == explorer
    assert any("“Protecting civilians” cannot be deleted" in m for m in messages_of(response))
    # Nothing is deleted: the action is all or nothing.
    assert CoursePage.objects.filter(pk__in=(course.pk, other.pk)).count() == 2


def test_bulk_delete_of_courses_without_enrolments_still_works(admin_client, catalogue):
    first, second = make_course(catalogue, "First"), make_course(catalogue, "Second")
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    response = admin_client.post(f"{url}?id={first.pk}&id={second.pk}")
    assert response.status_code == 302
    assert not CoursePage.objects.filter(pk__in=(first.pk, second.pk)).exists()
