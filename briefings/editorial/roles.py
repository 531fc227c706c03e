"""Editorial roles and review: Research Fellows write and submit, Editors moderate and publish.

``ensure_editorial_setup`` is the one, idempotent definition of who may do what. The data migration
calls it with the historical app registry (groups, model and collection permissions: a fresh
database has no page tree yet); ``setup.ensure_site`` calls it again once the briefings index exists,
to grant page permissions there and assign the "Editorial review" workflow to it. Permissions:
https://docs.wagtail.org/en/stable/topics/permissions.html; workflows:
https://docs.wagtail.org/en/stable/extending/customizing_workflows.html
"""

from django.apps import apps as global_apps
from django.conf import settings

FELLOWS = "Research Fellows"
EDITORS = "Editors"
WORKFLOW = "Editorial review"
REVIEW_TASK = "Editors' review"
# What Wagtail's own migrations set up for moderation; ``ensure_editorial_setup`` retires them.
DEFAULT_MODERATORS = "Moderators"
DEFAULT_MODERATION = "Moderators approval"

# Model permissions, as (app label, codename).
_VOCABULARY_MODELS = ("country", "initiative", "sector", "region")
MODEL_PERMISSIONS = {
    FELLOWS: [("wagtailadmin", "access_admin")],
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        *[("briefings", f"{action}_author") for action in ("add", "change", "delete", "view")],
        *[
            ("taxonomy", f"{action}_{model}")
            for model in _VOCABULARY_MODELS
            for action in ("add", "change", "delete", "view")
        ],
    ],
}
# Unlocking sign-ins (Settings › Sign-in lockouts, briefings.security). django-axes' tables come
# with their own migrations, which may run after 0001_editorial_roles: granted once they exist.
ACCOUNT_PERMISSIONS = {
    FELLOWS: [],
    EDITORS: [("axes", "view_accessattempt"), ("axes", "delete_accessattempt")],
}
# Image and document permissions, granted on the root collection.
_UPLOAD = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
COLLECTION_PERMISSIONS = {
    FELLOWS: _UPLOAD,
    EDITORS: [
        *_UPLOAD,
        ("wagtailimages", "change_image"),
        ("wagtailimages", "delete_image"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "delete_document"),
    ],
}
# Page permissions on the briefings index. "add" lets a fellow create articles and edit the ones
# they own (``Page.owner``), nothing else; publishing goes through the workflow.
PAGE_PERMISSIONS = {
    FELLOWS: ["add_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


def ensure_editorial_setup(apps=global_apps):
    """Create the two groups and their permissions and, once the briefings index exists, its page
    permissions and the review workflow. Only adds what is missing, so it can run any number of
    times and never takes away a permission an administrator has granted.

    ``apps`` is the app registry: a migration passes its historical one.
    """
    group_model = apps.get_model("auth", "Group")
    groups = {name: group_model.objects.get_or_create(name=name)[0] for name in (FELLOWS, EDITORS)}
    for name, group in groups.items():
        group.permissions.add(*_permissions(apps, MODEL_PERMISSIONS[name]))
        group.permissions.add(*_existing_permissions(apps, ACCOUNT_PERMISSIONS[name]))
    _grant_collection_permissions(apps, groups)
    index = apps.get_model("briefings", "BriefingIndexPage").objects.order_by("path").first()
    if index is not None:
        _grant_page_permissions(apps, groups, index)
        _assign_review_workflow(apps, groups[EDITORS], index)
    return groups


def _permissions(apps, pairs):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codename in pairs:
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def _existing_permissions(apps, pairs):
    Permission = apps.get_model("auth", "Permission")
    return [
        permission
        for app_label, codename in pairs
        for permission in Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    ]


def _grant_collection_permissions(apps, groups):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for name, group in groups.items():
        for permission in _permissions(apps, COLLECTION_PERMISSIONS[name]):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection_id=root.pk, permission=permission
            )


def _grant_page_permissions(apps, groups, index):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for name, group in groups.items():
        codenames = [("wagtailcore", codename) for codename in PAGE_PERMISSIONS[name]]
        for permission in _permissions(apps, codenames):
            GroupPagePermission.objects.get_or_create(group=group, page_id=index.pk, permission=permission)


def _assign_review_workflow(apps, editors, index):
    """The "Editorial review" workflow (one group approval task for Editors) on the index, unless
    an administrator has already given the index a workflow of their choice."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    if WorkflowPage.objects.filter(page_id=index.pk).exists():
        return
    task_type = ContentType.objects.get_for_model(GroupApprovalTask)
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=REVIEW_TASK, defaults={"content_type_id": task_type.pk, "active": True}
    )
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})
    WorkflowPage.objects.create(page_id=index.pk, workflow=workflow)


def retire_default_moderation(apps=global_apps):
    """Wagtail's first migrations make a "Moderators" group and a "Moderators approval" workflow
    on the root page, beside the Editors who review everything here. Pages that workflow covers
    move to "Editorial review"; the workflow (and its task) is deleted if it never ran, else
    disabled; the group is deleted while no one is in it. An administrator's own workflows and a
    Moderators group with members are left alone.

    Set-up (``setup.ensure_site``) runs it, not the migrations: upgrading a database changes none
    of its rows (``scripts/check-upgrade.sh``); the next set-up (``load_sample_content``,
    ``import_articles``) retires them there too."""
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    moderation = Workflow.objects.filter(name=DEFAULT_MODERATION).first()
    if moderation is not None:
        review = Workflow.objects.filter(name=WORKFLOW).first()
        pages = WorkflowPage.objects.filter(workflow=moderation)
        if review is not None:
            pages.update(workflow=review)
        else:
            pages.delete()
        task_ids = list(WorkflowTask.objects.filter(workflow=moderation).values_list("task_id", flat=True))
        if WorkflowState.objects.filter(workflow=moderation).exists():
            Workflow.objects.filter(pk=moderation.pk).update(active=False)
        else:
            WorkflowTask.objects.filter(workflow=moderation).delete()
            moderation.delete()
        unused = GroupApprovalTask.objects.filter(pk__in=task_ids, name=DEFAULT_MODERATION).exclude(
            pk__in=WorkflowTask.objects.values("task_id")
        )
        unused.filter(pk__in=TaskState.objects.values("task_id")).update(active=False)
        unused.exclude(pk__in=TaskState.objects.values("task_id")).delete()
    moderators = Group.objects.filter(name=DEFAULT_MODERATORS).first()
    if moderators is not None and not User.objects.filter(groups=moderators).exists():
        moderators.delete()


def is_editor(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=EDITORS).exists())
