"""Editorial roles and review: Research Fellows write and submit, Editors moderate and publish.

``ensure_editorial_setup`` is the one, idempotent definition of who may do what. The data migration
calls it with the historical app registry (groups, model and collection permissions: a fresh
database has no page tree yet); ``ensure_site_tree`` calls it again once the briefings index exists,
to grant page permissions there and assign the "Editorial review" workflow to it. Permissions:
https://docs.wagtail.org/en/stable/topics/permissions.html; workflows:
https://docs.wagtail.org/en/stable/extending/customizing_workflows.html
"""

import secrets
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wagtail.models import TaskState, WorkflowState

from taxonomy.suggestions import paragraphs_from_page, suggest_for

from .models import ArticleAuthor, ArticlePage, Author

FELLOWS = "Research Fellows"
EDITORS = "Editors"
WORKFLOW = "Editorial review"
REVIEW_TASK = "Editors' review"

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


# ------------------------------------------------------------------------------------------------
# In the admin
# ------------------------------------------------------------------------------------------------


def is_editor(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=EDITORS).exists())


def may_delete_or_move(user, page):
    """Fellows may not delete or move pages, not even their own drafts (Wagtail's "add" permission
    would let them): only those who may publish there may."""
    return page.permissions_for_user(user).can_publish()


def start_with_own_byline(page, user):
    """A new article starts with its writer as its first author, when they have an author profile."""
    if not isinstance(page, ArticlePage) or page.article_authors.all():
        return
    author = Author.objects.filter(user_id=user.pk).first() if user and user.pk else None
    if author is not None:
        page.article_authors = [ArticleAuthor(author=author, sort_order=0)]


# ------------------------------------------------------------------------------------------------
# What awaits review
# ------------------------------------------------------------------------------------------------


@dataclass
class Submission:
    page: object  # the article as submitted (its revision), not as live
    task_state: object
    submitted_by: object
    submitted_at: object
    topics: dict | None  # suggested topic keys per vocabulary, when the suggester is available

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])


def awaiting_review():
    """Articles whose workflow is at a task the Editors group approves, oldest submission first."""
    states = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            task__groupapprovaltask__groups__name=EDITORS,
            revision__content_type__app_label=ArticlePage._meta.app_label,
            revision__content_type__model=ArticlePage._meta.model_name,
        )
        .select_related("revision", "workflow_state__requested_by")
        .prefetch_related("revision__content_object")
        .order_by("started_at")
        .distinct()
    )
    submissions = []
    for state in states:
        page = state.revision.as_object()
        submissions.append(
            Submission(
                page=page,
                task_state=state,
                submitted_by=state.workflow_state.requested_by,
                submitted_at=state.started_at,
                topics=suggested_topics(page),
            )
        )
    return submissions


def suggested_topics(page):
    """Topic keys the suggester proposes for the submitted text, from the editable vocabularies."""
    return suggest_for(page.title, paragraphs_from_page(page)).keys()


# ------------------------------------------------------------------------------------------------
# Accounts
# ------------------------------------------------------------------------------------------------


@dataclass
class Invitation:
    user: object
    author: object
    password: str | None  # shown once; None when the fellow sets their own through ``reset_url``
    login_url: str
    reset_url: str


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@transaction.atomic
def create_fellow(
    email,
    name,
    *,
    affiliation="",
    role="Research Fellow",
    honorific="",
    set_password=True,
):
    """Create a fellow's account (username = email) in Research Fellows, linked to their author profile
    (an existing author with the same name and affiliation is reused), and return the invitation.

    Raises ``ValidationError`` for a bad email, an existing account or an author profile that
    already belongs to someone else; nothing is written then.
    """
    email = email.strip().lower()
    name = " ".join(name.split())
    validate_email(email)
    if not name:
        raise ValidationError("The fellow's full name is required.")
    User = get_user_model()
    if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        raise ValidationError(f"An account for {email} already exists.")
    author = Author.objects.filter(name=name, affiliation=affiliation).first()
    if author is not None and author.user_id is not None:
        raise ValidationError(f"The author profile of {name} already belongs to account {author.user}.")
    ensure_editorial_setup()
    first_name, _, last_name = name.rpartition(" ")
    user = User(
        username=email,
        email=email,
        first_name=(first_name or last_name)[:150],
        last_name=(last_name if first_name else "")[:150],
    )
    password = secrets.token_urlsafe(12) if set_password else None
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=FELLOWS))
    if author is None:
        author = Author.objects.create(
            name=name, affiliation=affiliation, role=role, honorific=honorific, user=user
        )
    else:
        author.user = user
        author.role = author.role or role
        author.honorific = author.honorific or honorific
        author.save()
    reset_path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return Invitation(
        user=user,
        author=author,
        password=password,
        login_url=admin_url(reverse("wagtailadmin_login")),
        reset_url=admin_url(reset_path),
    )
