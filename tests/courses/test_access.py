"""Who may read a lesson: preview lessons for anyone, the others for enrolled learners, the
course's trainers, reviewers and superusers; and nobody reaches another learner's records."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from courses.access import Reason, activity_access_for
from courses.models import ActivityCompletion, CourseTrainer, Enrolment
from courses.permissions import REVIEWERS
from tests.factories.courses import ActivityCompletionFactory, EnrolmentFactory, course_with_lessons
from tests.factories.learners import UserFactory
from tests.factories.pages import make_site

pytestmark = pytest.mark.django_db

Status = Enrolment.Status


@pytest.fixture
def course_and_lessons():
    _, catalogue = make_site()
    return course_with_lessons(catalogue, modules=1, lessons_per_module=3)


@pytest.fixture
def course(course_and_lessons):
    return course_and_lessons[0]


@pytest.fixture
def lesson(course_and_lessons):
    return course_and_lessons[1][1]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def complete_url(lesson) -> str:
    return lesson.url + lesson.reverse_subpage("complete")


def test_anonymous_visitor_is_sent_to_login_with_next(client, lesson):
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={lesson.url}"


def test_learner_not_enrolled_is_sent_to_the_course_page_with_a_message(course, lesson):
    response = logged_in(UserFactory()).get(lesson.url, follow=True)
    assert response.redirect_chain == [(course.url, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Enrol in this course to read this lesson."
    ]
    assert "Freedom from fear." not in response.content.decode()


@pytest.mark.parametrize(
    "status", [Status.PENDING, Status.WAITLISTED, Status.WITHDRAWN, Status.DECLINED]
)
def test_learner_without_an_active_enrolment_is_sent_to_the_course_page(course, lesson, status):
    learner = UserFactory()
    EnrolmentFactory(learner=learner, course=course, status=status)
    response = logged_in(learner).get(lesson.url)
    assert response.status_code == 302
    assert response["Location"] == course.url


def test_enrolled_learner_reads_the_lesson_and_the_visit_is_remembered(course, lesson):
    learner = UserFactory()
    enrolment = EnrolmentFactory(learner=learner, course=course)
    response = logged_in(learner).get(lesson.url)
    assert response.status_code == 200
    assert "Freedom from fear." in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.last_activity_id == lesson.pk
    assert enrolment.last_active_at is not None


def test_trainer_of_the_course_reads_the_lesson(course, lesson):
    trainer = UserFactory()
    CourseTrainer.objects.create(course=course, user=trainer, name="Tarik")
    assert logged_in(trainer).get(lesson.url).status_code == 200


def test_trainer_of_another_course_does_not(course, lesson):
    other, _ = course_with_lessons(course.get_parent())
    trainer = UserFactory()
    CourseTrainer.objects.create(course=other, user=trainer, name="Tarik")
    assert logged_in(trainer).get(lesson.url).status_code == 302


def test_reviewers_and_superusers_read_the_lesson(lesson):
    reviewer = UserFactory()
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert logged_in(reviewer).get(lesson.url).status_code == 200
    assert logged_in(superuser).get(lesson.url).status_code == 200


def test_preview_lesson_is_open_to_anyone(client, lesson):
    lesson.is_preview = True
    lesson.save_revision().publish()
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert "Freedom from fear." in response.content.decode()
    assert "Mark as complete" not in response.content.decode()
    assert logged_in(UserFactory()).get(lesson.url).status_code == 200


def test_enrolled_learner_gets_progress_on_a_preview_lesson_too(course, lesson):
    lesson.is_preview = True
    lesson.save_revision().publish()
    learner = UserFactory()
    EnrolmentFactory(learner=learner, course=course)
    access = activity_access_for(user=learner, activity=lesson)
    assert access.reason == Reason.ENROLLED
    assert "Mark as complete" in logged_in(learner).get(lesson.url).content.decode()


def test_editor_preview_in_the_admin_needs_no_enrolment(lesson):
    trainer = UserFactory(is_staff=True)
    response = lesson.make_preview_request(extra_request_attrs={"user": trainer})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Freedom from fear." in html
    assert "Mark as complete" not in html


def test_admin_draft_view_renders_a_lesson_for_a_trainer_who_is_not_enrolled(client, lesson):
    """A trainer editing a lesson of a course they do not teach still sees its preview."""
    from django.urls import reverse

    from courses.permissions import TRAINERS, catalogue_permissions_apply

    catalogue_permissions_apply(catalogue=lesson.get_parent().get_parent().get_parent())
    trainer = UserFactory(is_staff=True)
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    client.force_login(trainer)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(lesson.pk,)))
    assert response.status_code == 200
    assert "Freedom from fear." in response.content.decode()


# No learner reaches another learner's records -----------------------------------------


def test_learner_cannot_complete_an_activity_of_a_course_they_are_not_in(course, lesson):
    other = UserFactory()
    other_enrolment = EnrolmentFactory(learner=other, course=course)
    ActivityCompletionFactory(enrolment=other_enrolment, activity=lesson)
    before = list(ActivityCompletion.objects.values_list("pk", "enrolment_id", "completed_at"))

    intruder = UserFactory()
    response = logged_in(intruder).post(
        complete_url(lesson),
        {"enrolment": other_enrolment.pk, "learner": other.pk, "user": other.pk},
    )
    assert response.status_code == 403
    assert "Enrol in this course to record your progress." in response.content.decode()
    assert list(ActivityCompletion.objects.values_list("pk", "enrolment_id", "completed_at")) == (
        before
    )
    assert not Enrolment.objects.filter(learner=intruder).exists()


def test_ids_in_a_form_never_change_another_learners_enrolment(course, lesson):
    """A enrolled in one course posts B's ids at every endpoint: only A's rows change."""
    a, b = UserFactory(), UserFactory()
    other, _ = course_with_lessons(course.get_parent())
    EnrolmentFactory(learner=a, course=other)
    b_enrolment = EnrolmentFactory(learner=b, course=course)
    snapshot = list(Enrolment.objects.filter(learner=b).values())
    completions = ActivityCompletion.objects.filter(enrolment__learner=b).count()
    forged = {"enrolment": b_enrolment.pk, "learner": b.pk, "enrolment_id": b_enrolment.pk}

    client = logged_in(a)
    assert client.post(complete_url(lesson), forged).status_code == 403
    client.post(course.url + course.reverse_subpage("withdraw"), forged)
    client.post(other.url + other.reverse_subpage("withdraw"), forged)  # A's own course
    client.get(lesson.url + f"?enrolment={b_enrolment.pk}")

    assert list(Enrolment.objects.filter(learner=b).values()) == snapshot
    assert ActivityCompletion.objects.filter(enrolment__learner=b).count() == completions
    assert Enrolment.objects.get(learner=a).status == Status.WITHDRAWN


def test_anonymous_complete_is_sent_to_login(client, lesson):
    response = client.post(complete_url(lesson))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={lesson.url}"


def test_get_on_complete_is_refused_with_405(course, lesson):
    learner = UserFactory()
    EnrolmentFactory(learner=learner, course=course)
    assert logged_in(learner).get(complete_url(lesson)).status_code == 405
    assert not ActivityCompletion.objects.exists()


def test_a_trainer_can_read_but_not_record_progress(course, lesson):
    trainer = UserFactory()
    CourseTrainer.objects.create(course=course, user=trainer, name="Tarik")
    client = logged_in(trainer)
    assert "Mark as complete" not in client.get(lesson.url).content.decode()
    assert client.post(complete_url(lesson)).status_code == 403


def test_serving_without_a_route_still_checks_access(rf, lesson):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = rf.get(lesson.url)
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    response = lesson.serve(request)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
