"""What awaits editorial review: the editors' dashboard list, with the topics the suggester proposes."""

from dataclasses import dataclass

from django.urls import reverse

from wagtail.models import TaskState, WorkflowState

from briefings.articles.blocks import body_paragraphs
from briefings.articles.models import ArticlePage
from taxonomy.suggest.adapter import suggest_for

from .roles import EDITORS


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
    return suggest_for(page.title, body_paragraphs(page.body)).keys()
