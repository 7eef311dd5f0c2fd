"""Trainers and admins decide applications in the Wagtail admin ("Enrolments").

Everything goes through real admin HTTP requests. Who sees which enrolments is decided on
the server: superusers and Reviewers see all, a trainer sees the courses they are linked to
as a ``CourseTrainer``, and an enrolment outside them is a 404. Decisions go through
``application_decide``; the email it queues is the enrolment-email tests' business, so here
the ``EnrolmentNotice`` row stands for it.
"""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from courses.models import (
    ActivityCompletion,
    CourseTrainer,
    Enrolment,
    EnrolmentNotice,
    Level,
)
from courses.permissions import REVIEWERS, TRAINERS
from tests.factories.learners import UserFactory
from tests.factories.pages import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    make_site,
)

pytestmark = pytest.mark.django_db

Status = Enrolment.Status
INDEX = "enrolments:index"
DETAIL = "enrolments:inspect"


# Data ------------------------------------------------------------------------------------


def member_of(group_name: str, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def course_trained_by(catalogue, user=None, **fields):
    course = CoursePageFactory(
        parent=catalogue,
        enrolment_mode="application",
        level=Level.objects.get(slug="introductory"),
        **fields,
    )
    CourseTrainer.objects.create(course=course, user=user, name="" if user else "Guest trainer")
    return course


def apply(course, *, status=Status.PENDING, motivation="I run a women's network in Prizren."):
    return Enrolment.objects.create(
        learner=UserFactory(display_name=""), course=course, status=status, motivation=motivation
    )


@pytest.fixture
def catalogue(db):
    _home, catalogue = make_site()
    return catalogue


@pytest.fixture
def trainer(db):
    return member_of(TRAINERS, email="trainer-a@example.org")


@pytest.fixture
def course_a(catalogue, trainer):
    return course_trained_by(catalogue, trainer, title="Summer school A")


@pytest.fixture
def course_b(catalogue):
    other = member_of(TRAINERS, email="trainer-b@example.org")
    return course_trained_by(catalogue, other, title="Summer school B")


@pytest.fixture
def application_a(course_a):
    return apply(course_a)


@pytest.fixture
def application_b(course_b):
    return apply(course_b)


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


def logged_in(client, user):
    client.force_login(user)
    return client


def listing(client, **params) -> str:
    response = client.get(reverse(INDEX), params)
    assert response.status_code == 200
    return response.content.decode()


def detail_url(enrolment) -> str:
    return reverse(DETAIL, args=(enrolment.pk,))


def decide(client, enrolment, decision: str, note: str = ""):
    return client.post(detail_url(enrolment), {"decision": decision, "note": note})


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


# Who sees what ---------------------------------------------------------------------------


def test_admin_sees_every_application(client, superuser, application_a, application_b):
    html = listing(logged_in(client, superuser))
    assert application_a.learner.email in html
    assert application_b.learner.email in html
    assert "Summer school A" in html
    assert "Summer school B" in html


def test_reviewer_sees_every_application(client, application_a, application_b):
    html = listing(logged_in(client, member_of(REVIEWERS)))
    assert application_a.learner.email in html
    assert application_b.learner.email in html


def test_trainer_sees_only_the_applications_of_their_courses(
    client, trainer, application_a, application_b
):
    logged_in(client, trainer)
    html = listing(client)
    assert application_a.learner.email in html
    assert application_b.learner.email not in html
    # Not by filtering on the other course, not by any status, not by search either.
    assert application_b.learner.email not in listing(client, course=application_b.course_id)
    assert application_b.learner.email not in listing(client, status="any")
    # (The search box echoes the query, so look for the row's link.)
    assert detail_url(application_b) not in listing(client, q=application_b.learner.email)

    # The results fragment the listing's search and filters fetch is restricted alike.
    results = client.get(reverse("enrolments:index_results"), {"status": "any"})
    assert detail_url(application_a) in results.content.decode()
    assert detail_url(application_b) not in results.content.decode()

    assert client.get(detail_url(application_a)).status_code == 200
    assert client.get(detail_url(application_b)).status_code == 404


def test_trainer_cannot_decide_an_application_of_another_course(client, trainer, application_b):
    response = decide(logged_in(client, trainer), application_b, "accept")
    assert response.status_code == 404
    application_b.refresh_from_db()
    assert application_b.status == Status.PENDING
    assert application_b.decided_by is None
    assert not EnrolmentNotice.objects.filter(enrolment=application_b).exists()


def test_an_unknown_enrolment_id_is_a_404(client, superuser):
    response = logged_in(client, superuser).get(reverse(DETAIL, args=(987654,)))
    assert response.status_code == 404


def test_trainer_named_on_a_course_without_an_account_link_sees_nothing(
    client, catalogue, application_b
):
    # In the Trainers group, but linked to no course: no menu item, no listing.
    trainer = member_of(TRAINERS)
    course_trained_by(catalogue, None)
    logged_in(client, trainer)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert reverse(INDEX) not in home.content.decode()
    response = client.get(reverse(INDEX))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url != reverse(INDEX)
    assert client.get(detail_url(application_b)).status_code == 404


def test_the_menu_shows_enrolments_to_trainers_of_a_course(client, trainer, course_a):
    home = logged_in(client, trainer).get(reverse("wagtailadmin_home"))
    assert reverse(INDEX) in home.content.decode()


def test_a_learner_without_admin_access_is_sent_to_the_admin_login(client, application_a):
    logged_in(client, application_a.learner)
    login = reverse("wagtailadmin_login")
    for response in (
        client.get(reverse(INDEX)),
        client.get(detail_url(application_a)),
        decide(client, application_a, "accept"),
    ):
        assert response.status_code == 302
        assert response.url.startswith(login)
    application_a.refresh_from_db()
    assert application_a.status == Status.PENDING


def test_a_linked_trainer_without_admin_access_is_sent_to_the_admin_login(client, catalogue):
    # A learner account named as trainer of a course still has no admin access.
    learner = UserFactory()
    course = course_trained_by(catalogue, learner)
    enrolment = apply(course)
    response = logged_in(client, learner).get(detail_url(enrolment))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_enrolments_cannot_be_added_edited_or_deleted_in_the_admin(
    client, superuser, application_a
):
    for name in ("add", "edit", "delete", "copy", "history"):
        with pytest.raises(NoReverseMatch):
            reverse(f"enrolments:{name}", args=() if name == "add" else (application_a.pk,))
    logged_in(client, superuser)
    base = reverse(INDEX)
    for path in ("new/", f"edit/{application_a.pk}/", f"delete/{application_a.pk}/"):
        assert client.get(base + path).status_code == 404
        assert client.post(base + path).status_code == 404
    assert Enrolment.objects.filter(pk=application_a.pk).exists()


# The listing -----------------------------------------------------------------------------


def test_listing_shows_pending_applications_unless_another_status_is_chosen(
    client, superuser, course_a
):
    pending = apply(course_a)
    active = apply(course_a, status=Status.ACTIVE, motivation="")
    declined = apply(course_a, status=Status.DECLINED)
    logged_in(client, superuser)

    html = listing(client)
    assert pending.learner.email in html
    assert active.learner.email not in html
    assert declined.learner.email not in html

    html = listing(client, status="declined")
    assert declined.learner.email in html
    assert pending.learner.email not in html

    html = listing(client, status="any")
    for enrolment in (pending, active, declined):
        assert enrolment.learner.email in html


def test_listing_filters_by_course_and_searches_learners(
    client, superuser, application_a, application_b
):
    logged_in(client, superuser)
    html = listing(client, course=application_a.course_id)
    assert application_a.learner.email in html
    assert application_b.learner.email not in html

    application_b.learner.display_name = "Vjosa from Peja"
    application_b.learner.save()
    html = listing(client, q="vjosa")
    assert detail_url(application_b) in html
    assert detail_url(application_a) not in html
    html = listing(client, q=application_a.learner.email.upper())
    assert detail_url(application_a) in html
    assert detail_url(application_b) not in html


def test_listing_shows_public_name_email_and_a_truncated_motivation(client, superuser, course_a):
    motivation = "I coordinate a network of mediators. " * 10 + "THE-END"
    enrolment = apply(course_a, motivation=motivation)
    enrolment.learner.display_name = "Drita (pseudonym)"
    enrolment.learner.save()
    html = listing(logged_in(client, superuser))
    assert "Drita (pseudonym)" in html
    assert enrolment.learner.email in html
    assert "I coordinate a network of mediators." in html
    assert "THE-END" not in html
    assert detail_url(enrolment) in html

    html = client.get(detail_url(enrolment)).content.decode()
    assert "THE-END" in html


def test_listing_takes_a_fixed_number_of_queries(client, catalogue, trainer, superuser):
    def add_rows(count: int) -> None:
        # Each row with its own learner, course and decider, so any per-row query shows.
        for _ in range(count):
            enrolment = apply(course_trained_by(catalogue, trainer))
            enrolment.status, enrolment.decided_by = Status.WAITLISTED, UserFactory()
            enrolment.save()

    def queries(user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(INDEX), {"status": "any"})
        assert response.status_code == 200
        html = response.content.decode()
        assert all(detail_url(enrolment) in html for enrolment in Enrolment.objects.all())
        return len(captured)

    add_rows(2)
    few = {"admin": queries(superuser), "trainer": queries(trainer)}
    add_rows(28)
    assert Enrolment.objects.count() == 30
    many = {"admin": queries(superuser), "trainer": queries(trainer)}
    assert many == few
    print(f"listing queries (2 and 30 rows): {few}")


# Deciding --------------------------------------------------------------------------------


def test_the_decision_page_shows_the_application_and_the_learners_progress(
    client, trainer, course_a
):
    module = ModulePageFactory(parent=course_a)
    lessons = [LessonPageFactory(parent=module) for _ in range(3)]
    enrolment = apply(course_a, motivation="First line.\n<b>Second</b> line & more.")
    for lesson in lessons[:2]:
        ActivityCompletion.objects.create(
            enrolment=enrolment,
            activity_key=lesson.translation_key,
            activity=lesson,
            activity_title=lesson.title,
        )
    response = logged_in(client, trainer).get(detail_url(enrolment))
    assert response.status_code == 200
    html = response.content.decode()
    assert enrolment.learner.email in html
    assert "Summer school A" in html
    # The statement is shown in full, escaped, with its line breaks.
    assert "First line.<br>&lt;b&gt;Second&lt;/b&gt; line &amp; more." in html
    assert "2 activities completed (2 of 3 required)" in html
    for decision in ("accept", "waitlist", "decline"):
        assert f'name="decision" value="{decision}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'method="post"' in html


@pytest.mark.parametrize(
    ("decision", "status", "kind"),
    [
        ("accept", Status.ACTIVE, EnrolmentNotice.Kind.ACCEPTED),
        ("waitlist", Status.WAITLISTED, EnrolmentNotice.Kind.WAITLISTED),
        ("decline", Status.DECLINED, EnrolmentNotice.Kind.DECLINED),
    ],
)
def test_trainer_decides_an_application(
    client, trainer, application_a, decision, status, kind, django_capture_on_commit_callbacks
):
    logged_in(client, trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, application_a, decision, note="See you in Ohrid.")
    assert response.status_code == 302
    assert response.url == reverse(INDEX)
    assert any(application_a.learner.public_name in message for message in messages_of(response))

    application_a.refresh_from_db()
    assert application_a.status == status
    assert application_a.decided_by == trainer
    assert application_a.decided_at is not None
    assert application_a.decision_note == "See you in Ohrid."
    assert (application_a.enrolled_at is not None) == (status == Status.ACTIVE)
    assert EnrolmentNotice.objects.filter(enrolment=application_a, kind=kind).exists()


def test_a_waitlisted_application_can_be_accepted_later(client, superuser, course_a):
    enrolment = apply(course_a, status=Status.WAITLISTED)
    html = logged_in(client, superuser).get(detail_url(enrolment)).content.decode()
    assert 'value="accept"' in html
    assert 'value="decline"' in html
    assert 'value="waitlist"' not in html
    assert decide(client, enrolment, "accept").status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Status.ACTIVE
    assert enrolment.decided_by == superuser


def test_accepting_into_a_full_course_is_refused_with_a_message(client, trainer, course_a):
    course_a.capacity = 1
    course_a.save()
    apply(course_a, status=Status.ACTIVE, motivation="")
    enrolment = apply(course_a)
    response = decide(logged_in(client, trainer), enrolment, "accept")
    assert response.status_code == 302
    assert response.url == detail_url(enrolment)
    assert any("full" in message for message in messages_of(response))
    enrolment.refresh_from_db()
    assert enrolment.status == Status.PENDING
    assert enrolment.decided_by is None
    assert not EnrolmentNotice.objects.filter(enrolment=enrolment).exists()


def test_an_enrolment_that_is_no_application_cannot_be_decided(client, superuser, course_a):
    enrolment = apply(course_a, status=Status.ACTIVE, motivation="")
    logged_in(client, superuser)
    html = client.get(detail_url(enrolment)).content.decode()
    assert 'name="decision"' not in html
    response = decide(client, enrolment, "decline")
    assert response.status_code == 302
    assert messages_of(response) == ["Only pending or waitlisted applications can be decided."]
    enrolment.refresh_from_db()
    assert enrolment.status == Status.ACTIVE


@pytest.mark.parametrize(
    "data", [{"decision": "expel"}, {}, {"decision": "accept", "note": "x" * 2001}]
)
def test_a_malformed_decision_changes_nothing(client, superuser, application_a, data):
    response = logged_in(client, superuser).post(detail_url(application_a), data)
    assert response.status_code == 200
    assert any("could not be saved" in message for message in messages_of(response))
    application_a.refresh_from_db()
    assert application_a.status == Status.PENDING


def test_a_decision_without_the_csrf_token_is_refused(trainer, application_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainer)
    response = client.post(detail_url(application_a), {"decision": "accept"})
    assert response.status_code == 403
    application_a.refresh_from_db()
    assert application_a.status == Status.PENDING


def test_a_decision_with_the_csrf_token_from_the_page_is_accepted(trainer, application_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainer)
    page = client.get(detail_url(application_a))
    token = page.context["csrf_token"]
    response = client.post(
        detail_url(application_a), {"decision": "accept", "csrfmiddlewaretoken": str(token)}
    )
    assert response.status_code == 302
    application_a.refresh_from_db()
    assert application_a.status == Status.ACTIVE
