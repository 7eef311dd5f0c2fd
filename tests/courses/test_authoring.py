"""Trainers write courses in the Wagtail admin; reviewers approve them before publication.

Everything goes through real admin HTTP requests, with the groups and workflow created by
migration courses/0004 and the catalogue permissions applied by
``catalogue_permissions_apply``.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import HomePage, StandardPage
from courses.blocks import LESSON_RICH_TEXT_FEATURES
from courses.models import (
    Country,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    Level,
    ModulePage,
    Theme,
)
from courses.permissions import (
    COURSE_REVIEW_WORKFLOW,
    REVIEWERS,
    TRAINERS,
    catalogue_permissions_apply,
)
from tests.factories.learners import UserFactory
from tests.factories.pages import HomePageFactory, make_site

pytestmark = pytest.mark.django_db

DESCRIPTION_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


# Fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def catalogue(request, db):
    """A site with a catalogue set up as seed_demo does; tests marked ``demo`` get the whole
    demo (slower), the others only the pages they need."""
    if request.node.get_closest_marker("demo"):
        request.getfixturevalue("seeded")
        catalogue = CourseIndexPage.objects.get(locale__language_code="en")
    else:
        _, catalogue = make_site()
    catalogue_permissions_apply(catalogue=catalogue)
    return catalogue


def member_of(group_name: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def trainer(catalogue):
    return member_of(TRAINERS)


@pytest.fixture
def reviewer(catalogue):
    return member_of(REVIEWERS)


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


# Form data as the page editor posts it ----------------------------------------------------


def page_form(fields: dict, **multi) -> dict:
    """Flat admin form data, with the (empty) comments formset every page form carries.

    ``multi`` holds multiple-choice fields (checkboxes), passed to the test client as lists.
    """
    data = nested_form_data({**fields, "comments": inline_formset([])})
    data.update({name: [str(value) for value in values] for name, values in multi.items()})
    return data


def course_form(*, title="Protecting civilians", slug="protecting-civilians", **overrides):
    fields = {
        "title": title,
        "slug": slug,
        "summary": "How communities and institutions keep civilians safe.",
        "description": rich_text(
            "<p>A course on <b>civilian protection</b>.</p>", features=DESCRIPTION_FEATURES
        ),
        "learning_outcomes": "Name the actors\nMap local risks",
        "effort_hours": "4",
        "level": str(Level.objects.get(slug="introductory").pk),
        "language": "en",
        "format": "self_paced",
        "enrolment_mode": "open",
        "trainers": inline_formset(
            [{"user": "", "name": "Amra Hodžić", "organisation": "Network"}], min=1
        ),
        **overrides,
    }
    return page_form(
        fields,
        themes=Theme.objects.filter(slug="reconciliation").values_list("pk", flat=True),
        countries=Country.objects.filter(slug="kosovo").values_list("pk", flat=True),
    )


def module_form(*, title="Who protects whom", slug="who-protects-whom"):
    return page_form({"title": title, "slug": slug, "summary": "The actors."})


def lesson_form(*, title="Freedom from fear", slug="freedom-from-fear", text="Safety first."):
    return page_form(
        {
            "title": title,
            "slug": slug,
            "estimated_minutes": "12",
            "body": streamfield(
                [("rich_text", rich_text(f"<p>{text}</p>", features=LESSON_RICH_TEXT_FEATURES))]
            ),
        }
    )


def add_url(model, parent: Page) -> str:
    opts = model._meta
    return reverse("wagtailadmin_pages:add", args=(opts.app_label, opts.model_name, parent.pk))


def preview_add_url(model, parent: Page) -> str:
    opts = model._meta
    return reverse(
        "wagtailadmin_pages:preview_on_add", args=(opts.app_label, opts.model_name, parent.pk)
    )


def form_errors(response) -> str:
    context = response.context or {}
    form = context.get("form")
    if form is None:
        return f"status {response.status_code}"
    errors = dict(form.errors)
    for name, formset in getattr(form, "formsets", {}).items():
        if formset.non_form_errors() or any(formset.errors):
            errors[name] = [formset.non_form_errors(), formset.errors]
    return repr(errors)


def create_page(client, model, parent, data, action: str | None = "action-submit"):
    """POST the admin's add form; returns the created page (specific)."""
    if action:
        data = {**data, action: "1"}
    response = client.post(add_url(model, parent), data)
    assert response.status_code == 302, form_errors(response)
    return model.objects.child_of(parent).get(slug=data["slug"])


def workflow_action(client, page: Page, action: str, comment: str = ""):
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


# The groups, the workflow and catalogue_permissions_apply --------------------------------


def test_migration_creates_the_groups_and_the_course_review_workflow(db):
    trainers = Group.objects.get(name=TRAINERS)
    reviewers = Group.objects.get(name=REVIEWERS)
    assert trainers.permissions.filter(codename="access_admin").exists()
    assert set(
        GroupCollectionPermission.objects.filter(group=trainers, collection__depth=1).values_list(
            "permission__codename", flat=True
        )
    ) == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }
    # Taxonomy belongs to reviewers, not trainers.
    assert not trainers.permissions.filter(content_type__app_label="courses").exists()
    assert set(
        reviewers.permissions.filter(content_type__app_label="courses").values_list(
            "codename", flat=True
        )
    ) == {
        f"{action}_{model}"
        for action in ("add", "change", "delete")
        for model in (
            "theme",
            "country",
            "level",
        )
    }
    workflow = Workflow.objects.get(name=COURSE_REVIEW_WORKFLOW)
    (task,) = [task.specific for task in workflow.tasks]
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.all()) == [reviewers]


def catalogue_grants(catalogue) -> set[tuple[str, str]]:
    return set(
        GroupPagePermission.objects.filter(page=catalogue).values_list(
            "group__name", "permission__codename"
        )
    )


@pytest.mark.demo
def test_catalogue_permissions_apply_grants_page_permissions_and_assigns_the_workflow(
    catalogue,
):
    grants = catalogue_grants(catalogue)
    trainer_grants = {codename for group, codename in grants if group == TRAINERS}
    reviewer_grants = {codename for group, codename in grants if group == REVIEWERS}
    assert trainer_grants == {"add_page", "change_page"}
    assert reviewer_grants == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert WorkflowPage.objects.get(page=catalogue).workflow.name == COURSE_REVIEW_WORKFLOW
    course = CoursePage.objects.child_of(catalogue).first()
    assert course.get_workflow().name == COURSE_REVIEW_WORKFLOW


def test_catalogue_permissions_apply_is_idempotent(catalogue):
    before = (catalogue_grants(catalogue), GroupPagePermission.objects.count())
    workflows = Workflow.objects.count()
    catalogue_permissions_apply(catalogue=catalogue)
    catalogue_permissions_apply(catalogue=CourseIndexPage.objects.get(locale__language_code="en"))
    assert (catalogue_grants(catalogue), GroupPagePermission.objects.count()) == before
    assert Workflow.objects.count() == workflows
    assert WorkflowPage.objects.filter(page=catalogue).count() == 1


def test_catalogue_permissions_apply_repairs_a_deleted_workflow(catalogue):
    Workflow.objects.filter(name=COURSE_REVIEW_WORKFLOW).delete()
    catalogue_permissions_apply(catalogue=catalogue)
    workflow = WorkflowPage.objects.get(page=catalogue).workflow
    assert workflow.name == COURSE_REVIEW_WORKFLOW
    assert [task.name for task in workflow.tasks] == ["Reviewer approval"]


def test_creating_the_catalogue_in_the_admin_applies_the_permissions(client, superuser):
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="site-home")
    client.force_login(superuser)
    data = page_form({"title": "Courses", "slug": "courses", "intro": rich_text("")})
    catalogue = create_page(client, CourseIndexPage, home, data, action="action-publish")
    assert catalogue.live
    assert (TRAINERS, "add_page") in catalogue_grants(catalogue)
    assert WorkflowPage.objects.get(page=catalogue).workflow.name == COURSE_REVIEW_WORKFLOW


# Trainers write, reviewers approve -------------------------------------------------------


def test_trainer_submits_a_course_for_review(trainer_client, trainer, catalogue, client):
    course = create_page(trainer_client, CoursePage, catalogue, course_form())
    assert not course.live
    assert course.owner == trainer
    assert course.level.slug == "introductory"
    assert [t.name for t in course.trainers.all()] == ["Amra Hodžić"]
    assert [t.slug for t in course.themes.all()] == ["reconciliation"]
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(course.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == COURSE_REVIEW_WORKFLOW
    assert state.current_task_state.task.name == "Reviewer approval"
    client.logout()
    assert client.get(course.url).status_code == 404


def test_trainer_cannot_publish_a_course(trainer_client, catalogue):
    course = create_page(trainer_client, CoursePage, catalogue, course_form(), "action-publish")
    assert not course.live
    assert course.current_workflow_state is None  # saved as a draft, nothing else

    # Nor by editing it afterwards.
    response = trainer_client.post(
        reverse("wagtailadmin_pages:edit", args=(course.pk,)),
        {**course_form(title="Protecting civilians, again"), "action-publish": "1"},
    )
    assert response.status_code == 302, form_errors(response)
    course.refresh_from_db()
    assert not course.live
    assert course.get_latest_revision_as_object().title == "Protecting civilians, again"


def test_trainer_adds_a_module_and_a_lesson_under_their_course(trainer_client, catalogue):
    course = create_page(trainer_client, CoursePage, catalogue, course_form())
    module = create_page(trainer_client, ModulePage, course, module_form())
    lesson = create_page(trainer_client, LessonPage, module, lesson_form(text="Fear and want."))
    assert not module.live
    assert not lesson.live
    assert "Fear and want." in str(lesson.body)
    for page in (module, lesson):
        assert page.current_workflow_state.workflow.name == COURSE_REVIEW_WORKFLOW


def test_trainer_cannot_add_page_types_the_tree_does_not_allow(trainer_client, catalogue):
    # A lesson straight under the catalogue, or a standard page anywhere in it.
    response = trainer_client.get(add_url(LessonPage, catalogue))
    assert response.status_code in (302, 403)
    response = trainer_client.get(add_url(StandardPage, catalogue))
    assert response.status_code in (302, 403)
    # And nothing outside the catalogue (the home page is not theirs).
    response = trainer_client.get(
        add_url(StandardPage, HomePage.objects.get(locale__language_code="en"))
    )
    assert response.status_code in (302, 403)
    assert not StandardPage.objects.exclude(slug__in=["about", "privacy"]).exists()


def test_reviewer_approves_and_the_course_goes_live(trainer_client, catalogue, reviewer, client):
    course = create_page(trainer_client, CoursePage, catalogue, course_form())
    client.force_login(reviewer)
    response = workflow_action(client, course, "approve", comment="Ready.")
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.live
    assert course.current_workflow_state is None
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(course.pk))
    assert state.status == WorkflowState.STATUS_APPROVED

    client.logout()
    response = client.get(course.url)
    assert response.status_code == 200
    assert "Protecting civilians" in response.content.decode()


def test_trainer_cannot_approve_their_own_course(trainer_client, catalogue):
    course = create_page(trainer_client, CoursePage, catalogue, course_form())
    response = workflow_action(trainer_client, course, "approve")
    assert response.status_code in (302, 403)
    course.refresh_from_db()
    assert not course.live
    assert course.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_reviewer_requests_changes_and_the_course_stays_unpublished(
    trainer_client, catalogue, reviewer, client
):
    course = create_page(trainer_client, CoursePage, catalogue, course_form())
    client.force_login(reviewer)
    response = workflow_action(client, course, "reject", comment="Add a reading list.")
    assert response.status_code == 302
    course.refresh_from_db()
    assert not course.live
    state = course.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Add a reading list."

    # The trainer edits and resubmits; the review starts again.
    response = trainer_client.post(
        reverse("wagtailadmin_pages:edit", args=(course.pk,)),
        {**course_form(summary="Now with readings."), "action-submit": "1"},
    )
    assert response.status_code == 302, form_errors(response)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    client.logout()
    assert client.get(course.url).status_code == 404


def test_reviewer_can_publish_directly(client, catalogue, reviewer):
    client.force_login(reviewer)
    course = create_page(client, CoursePage, catalogue, course_form(), "action-publish")
    assert course.live


def test_admin_publishes_directly(client, catalogue, superuser):
    client.force_login(superuser)
    course = create_page(client, CoursePage, catalogue, course_form(), "action-publish")
    assert course.live
    client.logout()
    assert client.get(course.url).status_code == 200


# What trainers can reach in the admin ----------------------------------------------------


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailusers_users:index",
        "wagtailusers_groups:index",
        "wagtailsites:index",
        "wagtailadmin_workflows:index",
        "wagtailsnippets_courses_theme:list",
    ],
)
def test_trainer_cannot_reach_site_settings_or_users(trainer_client, url_name):
    response = trainer_client.get(reverse(url_name))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url != reverse(url_name)


@pytest.mark.parametrize(
    "url_name",
    ["wagtailadmin_home", "wagtailimages:add", "wagtaildocs:add", "wagtailimages_chooser:choose"],
)
def test_trainer_can_use_the_admin_images_and_documents(trainer_client, url_name):
    assert trainer_client.get(reverse(url_name)).status_code == 200


@pytest.mark.demo
def test_trainer_sees_the_catalogue_in_the_page_explorer(trainer_client, catalogue):
    response = trainer_client.get(reverse("wagtailadmin_explore", args=(catalogue.pk,)))
    assert response.status_code == 200
    assert "Introduction to Human Security" in response.content.decode()


# Previews --------------------------------------------------------------------------------


def preview(client, url: str, data: dict) -> str:
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.json() == {"is_valid": True, "is_available": True}
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.demo
def test_trainer_previews_a_new_course_module_and_lesson(trainer_client, catalogue):
    course = CoursePage.objects.child_of(catalogue).first()
    module = ModulePage.objects.child_of(course).first()
    html = preview(
        trainer_client,
        preview_add_url(CoursePage, catalogue),
        course_form(title="Preview course", summary="A summary only the preview shows."),
    )
    assert "A summary only the preview shows." in html

    html = preview(
        trainer_client,
        preview_add_url(ModulePage, course),
        module_form(title="A module in preview"),
    )
    assert "A module in preview" in html

    html = preview(
        trainer_client, preview_add_url(LessonPage, module), lesson_form(text="Lesson draft.")
    )
    assert "Lesson draft." in html


@pytest.mark.demo
def test_trainer_previews_edits_to_an_existing_lesson(trainer_client, catalogue):
    lesson = LessonPage.objects.descendant_of(catalogue).first()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(lesson.pk,))
    html = preview(
        trainer_client,
        url,
        lesson_form(title=lesson.title, slug=lesson.slug, text="An edited paragraph."),
    )
    assert "An edited paragraph." in html
    lesson.refresh_from_db()
    assert "An edited paragraph." not in str(lesson.body)


def test_admin_previews_the_home_page_and_a_standard_page(client, catalogue, superuser):
    client.force_login(superuser)
    home = HomePage.objects.get(locale__language_code="en")
    html = preview(
        client,
        reverse("wagtailadmin_pages:preview_on_edit", args=(home.pk,)),
        page_form(
            {
                "title": home.title,
                "slug": home.slug,
                "intro": rich_text("<p>A new welcome.</p>"),
                "catalogue_page": str(catalogue.pk),
                "catalogue_link_label": "See the courses",
                "body": streamfield([]),
            }
        ),
    )
    assert "A new welcome." in html
    html = preview(
        client,
        preview_add_url(StandardPage, home),
        page_form(
            {
                "title": "Contact",
                "slug": "contact",
                "intro": "How we handle your data.",
                "body": streamfield([]),
            }
        ),
    )
    assert "How we handle your data." in html
