"""What awaits editorial review: the editors' dashboard list, with the topics the suggester proposes
(``topics.topic_review``) and the co-authors the writer added (``bylines.authors_added``)."""

from dataclasses import dataclass

from django.urls import reverse

from wagtail.models import TaskState, WorkflowState

from briefings.articles.models import ArticlePage

from .bylines import authors_added
from .roles import EDITORS
from .topics import topic_review


@dataclass
class Submission:
    page: object  # the article as submitted, with any changes since (its latest revision), not as live
    task_state: object
    submitted_by: object
    submitted_at: object
    topics: list  # a ``topics.TopicReview`` per vocabulary
    added_authors: list  # co-authors the writer added since the published version (or at all)

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    @property
    def compare_url(self):
        """The latest revision beside the live one, changes highlighted (for a published article)."""
        if not self.page.live:
            return None
        return reverse(
            "wagtailadmin_pages:revisions_compare",
            kwargs={"pk": self.page.pk, "revision_id_a": "live", "revision_id_b": "latest"},
        )


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
        # As it is now: an editor may have changed it since (added a topic from this list).
        page = state.revision.content_object.specific.get_latest_revision_as_object()
        submitter = state.workflow_state.requested_by
        submissions.append(
            Submission(
                page=page,
                task_state=state,
                submitted_by=submitter,
                submitted_at=state.started_at,
                topics=topic_review(page),
                added_authors=authors_added(page, submitter),
            )
        )
    return submissions
