"""Who may write, review and publish courses.

Courses are written by trainers from the member organisations and reviewed before they
are published (see the About page). Wagtail expresses that with two pieces that both hang
off a page, so they can only be set once the course catalogue exists; migration
``courses/0004`` creates everything else (the groups, their admin, image, document and
taxonomy permissions, and the "Course review" workflow).

* Page permissions on the catalogue, inherited by every course, module and lesson under it:
  Trainers may add and edit pages but not publish them; Reviewers may also publish, and
  lock or unlock pages while they review them. Which page types can go where is decided by
  the models' ``parent_page_types``/``subpage_types``, so a trainer can only add a course
  under the catalogue, a module under a course and a lesson under a module.
* The "Course review" workflow assigned to the catalogue: a trainer's "Submit for
  moderation" starts it, and a page becomes live only when a reviewer approves it (or an
  administrator, or a reviewer, publishes directly). Without the assignment the catalogue
  would inherit whatever workflow sits on an ancestor (Wagtail's default "Moderators
  approval" on the root), which the Reviewers group cannot act on.

``catalogue_permissions_apply`` is idempotent: ``seed_demo`` calls it on every run and the
admin calls it when someone creates the catalogue page (``courses/wagtail_hooks.py``).
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

TRAINERS = "Trainers"
REVIEWERS = "Reviewers"
COURSE_REVIEW_WORKFLOW = "Course review"
REVIEWER_APPROVAL_TASK = "Reviewer approval"

#: Page actions each group gets on the catalogue (and so on everything below it).
CATALOGUE_PAGE_ACTIONS = {
    TRAINERS: ("add", "change"),
    REVIEWERS: ("add", "change", "publish", "lock", "unlock"),
}


def _admin_group(name: str) -> Group:
    """The group, recreated with admin access if somebody deleted it."""
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


def course_review_workflow() -> Workflow:
    """The "Course review" workflow (one "Reviewer approval" step), created if missing.

    Migration ``courses/0004`` normally creates it; this only repairs a deleted one.
    """
    workflow = Workflow.objects.filter(name=COURSE_REVIEW_WORKFLOW).first()
    if workflow is not None:
        return workflow
    task = GroupApprovalTask.objects.filter(name=REVIEWER_APPROVAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEWER_APPROVAL_TASK)
        task.groups.add(_admin_group(REVIEWERS))
    workflow = Workflow.objects.create(name=COURSE_REVIEW_WORKFLOW)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


@transaction.atomic
def catalogue_permissions_apply(*, catalogue: Page) -> None:
    """Give Trainers and Reviewers their page permissions on the catalogue and put it (and
    everything under it) through the "Course review" workflow. Safe to call repeatedly."""
    page_content_type = ContentType.objects.get_for_model(Page)
    model_name = Page._meta.model_name
    for group_name, actions in CATALOGUE_PAGE_ACTIONS.items():
        group = _admin_group(group_name)
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=catalogue,
                permission=Permission.objects.get(
                    content_type=page_content_type, codename=f"{action}_{model_name}"
                ),
            )
    WorkflowPage.objects.update_or_create(
        page=catalogue, defaults={"workflow": course_review_workflow()}
    )
