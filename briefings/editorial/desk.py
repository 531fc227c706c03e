"""The fellows' desk: their articles by review status, the editor's latest request for changes, and
their own author profile (bio and photo)."""

from dataclasses import dataclass, field
from datetime import datetime

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.images.widgets import AdminImageChooser
from wagtail.models import Page, TaskState, WorkflowState

from briefings.articles.models import ArticlePage, Author, BriefingIndexPage

DRAFTS, IN_REVIEW, CHANGES_REQUESTED, PUBLISHED = "drafts", "in_review", "changes_requested", "published"
GROUPS = {
    DRAFTS: "Drafts",
    IN_REVIEW: "In review",
    CHANGES_REQUESTED: "Changes requested",
    PUBLISHED: "Published",
}


@dataclass
class ChangeRequest:
    """An editor's "Request changes" on a submission: who, when and what they asked for."""

    comment: str
    requested_by: object
    requested_at: datetime

    @property
    def requested_by_name(self):
        user = self.requested_by
        if user is None:
            return "an editor"
        return user.get_full_name() or user.get_username()


@dataclass
class DeskArticle:
    page: ArticlePage
    group: str
    at: datetime | None  # when it entered its group: last edited, submitted, sent back, published
    change_request: ChangeRequest | None = None
    live: bool = False  # a published article with a newer draft is listed with the drafts

    @property
    def title(self):
        return self.page.get_admin_display_title()

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])


@dataclass
class Desk:
    groups: dict = field(default_factory=dict)  # group key -> [DeskArticle], in GROUPS order
    new_article_url: str | None = None

    @property
    def is_empty(self):
        return not any(self.groups.values())


def _page_states(page_ids):
    """The active workflow state of each page (``{page id: WorkflowState}``), in one query."""
    states = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in page_ids],
    )
    return {int(state.object_id): state for state in states}


def _change_requests(states):
    """``{workflow state id: ChangeRequest}`` for the states sent back for changes: the comment of
    their latest rejected task, in one query."""
    ids = [state.pk for state in states if state.status == WorkflowState.STATUS_NEEDS_CHANGES]
    requests = {}
    rejected = (
        TaskState.objects.filter(workflow_state_id__in=ids, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("finished_at", "pk")
    )
    for task_state in rejected:  # oldest first: the latest one wins
        requests[task_state.workflow_state_id] = ChangeRequest(
            comment=task_state.comment,
            requested_by=task_state.finished_by,
            requested_at=task_state.finished_at,
        )
    return requests


def latest_change_request(page):
    """The editor's request for changes the page is waiting on (``None`` once it is resubmitted)."""
    state = _page_states([page.pk]).get(page.pk)
    if state is None:
        return None
    return _change_requests([state]).get(state.pk)


def desk_for(user):
    """``user``'s articles (those they own, which they may edit) grouped by where they stand in
    review, newest first in each group, and where to start a new one."""
    pages = list(ArticlePage.objects.filter(owner=user).order_by("-latest_revision_created_at", "-pk"))
    states = _page_states([page.pk for page in pages])
    requests = _change_requests(states.values())
    desk = Desk(groups={key: [] for key in GROUPS}, new_article_url=new_article_url())
    for page in pages:
        state = states.get(page.pk)
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            request = requests.get(state.pk)
            item = DeskArticle(
                page, CHANGES_REQUESTED, request.requested_at if request else state.created_at, request
            )
        elif state is not None:
            item = DeskArticle(page, IN_REVIEW, state.created_at)
        elif page.has_unpublished_changes or not page.live:
            item = DeskArticle(page, DRAFTS, page.latest_revision_created_at, live=page.live)
        else:
            item = DeskArticle(page, PUBLISHED, page.last_published_at or page.first_published_at)
        desk.groups[item.group].append(item)
    return desk


def new_article_url():
    """The editor for a new article under the briefings index (``None`` before set-up made one)."""
    index = BriefingIndexPage.objects.order_by("path").first()
    if index is None:
        return None
    return reverse("wagtailadmin_pages:add", args=["briefings", "articlepage", index.pk])


class AuthorProfileForm(forms.ModelForm):
    """What a fellow may change in her own author profile; the rest (name, affiliation, role,
    account) is the editors'."""

    class Meta:
        model = Author
        fields = ["bio", "photo"]
        widgets = {"photo": AdminImageChooser}
        help_texts = {
            "bio": "A few sentences shown on your author page and under your articles.",
            "photo": "A portrait, shown with your bio.",
        }
