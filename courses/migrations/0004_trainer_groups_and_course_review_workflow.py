"""The editorial roles and the review workflow courses go through before publication.

* "Trainers" write courses: they may use the admin and upload/choose images and documents
  in the root collection. Their page permissions (add and edit, never publish) are granted
  on the catalogue page by ``courses.permissions.catalogue_permissions_apply``, because the
  catalogue does not exist yet when this migration runs.
* "Reviewers" approve courses and look after the taxonomy (themes, countries, levels).
* The "Course review" workflow has a single "Reviewer approval" step moderated by the
  Reviewers group; ``catalogue_permissions_apply`` assigns it to the catalogue.

Everything is created with get_or_create, so running this on a database that already has
some of it changes nothing. Reversing leaves the groups and workflow in place (they may
have members and history by then).
"""

from django.db import migrations

TRAINERS = "Trainers"
REVIEWERS = "Reviewers"
WORKFLOW_NAME = "Course review"
TASK_NAME = "Reviewer approval"

# (app_label, model, verbose_name used in the permission's name, actions)
TRAINER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", "document", ["add", "change", "choose"]),
]
REVIEWER_MODEL_PERMISSIONS = [
    ("courses", "theme", "theme", ["add", "change", "delete"]),
    ("courses", "country", "country or region", ["add", "change", "delete"]),
    ("courses", "level", "level", ["add", "change", "delete"]),
]


def get_permission(apps, app_label, model, codename, name):
    """The permission, created if post_migrate has not made it yet (fresh database).

    Model permissions (and content types) are normally created by the post_migrate signal,
    after every migration has run, so on a fresh database they do not exist yet here.
    post_migrate later finds them by (content type, codename) and leaves them alone.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def get_model_permission(apps, app_label, model, verbose_name, action):
    return get_permission(
        apps, app_label, model, f"{action}_{model}", f"Can {action} {verbose_name}"
    )


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    access_admin = get_permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )

    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    trainers.permissions.add(access_admin)
    reviewers.permissions.add(access_admin)

    root_collection = Collection.objects.get(depth=1)
    for app_label, model, verbose_name, actions in TRAINER_COLLECTION_PERMISSIONS:
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=trainers,
                collection=root_collection,
                permission=get_model_permission(apps, app_label, model, verbose_name, action),
            )

    for app_label, model, verbose_name, actions in REVIEWER_MODEL_PERMISSIONS:
        for action in actions:
            reviewers.permissions.add(
                get_model_permission(apps, app_label, model, verbose_name, action)
            )

    # Historical models know nothing of SpecificMixin, so set the task's content type.
    task_content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=task_content_type, active=True
        )
    task.groups.add(reviewers)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        position = WorkflowTask.objects.filter(workflow=workflow).count()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=position)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_seed_taxonomy"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Workflows, group collection permissions and the page permission codenames.
        ("wagtailcore", "0098_apitoken"),
        # The "Can access Wagtail admin" permission.
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # The "choose" permissions for images and documents.
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, migrations.RunPython.noop)]
