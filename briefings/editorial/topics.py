"""Topics on the editors' dashboard: what the suggester proposes for a submitted article, how that
differs from the topics its writer chose, and the one-click add.

The suggestions come from the same code as the editor's **Suggest topics** button
(``taxonomy.suggest.adapter.suggest_topics``, reading the body one paragraph at a time as the
editor sends it), so both show the same topics for the same text.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from briefings.articles.blocks import body_paragraphs
from briefings.articles.models import ArticlePage
from taxonomy.suggest.adapter import suggest_topics
from taxonomy.vocabularies import TAG_VOCABULARIES, get_vocabulary


@dataclass
class TopicReview:
    """One vocabulary of a submitted article: suggested and chosen, suggested only, chosen only."""

    vocabulary: object
    agreed: list  # suggested, and chosen by the writer
    to_add: list  # suggested, not chosen: the editor may add them in one click
    not_suggested: list  # chosen, though the suggester did not find them in the text

    @property
    def differs(self):
        return bool(self.to_add or self.not_suggested)


def topic_review(page):
    """``[TopicReview, …]`` for ``page`` (the submitted revision), one per tag vocabulary."""
    suggested = suggest_topics(page.title, body_paragraphs(page.body, split=True))
    chosen = page.topics_by_key()
    reviews = []
    for vocabulary in TAG_VOCABULARIES:
        found = [topic for topic, _ in suggested[vocabulary.key]]
        mine = chosen[vocabulary.key]
        reviews.append(
            TopicReview(
                vocabulary,
                agreed=[topic for topic in found if topic in mine],
                to_add=[topic for topic in found if topic not in mine],
                not_suggested=sorted((topic for topic in mine if topic not in found), key=lambda t: t.name),
            )
        )
    return reviews


def add_topic_to_latest_revision(page, vocabulary, topic, user):
    """Add ``topic`` to the article's latest revision, saved as a new revision by ``user`` (the
    workflow goes on: approving publishes the latest revision). ``False`` if it was there."""
    with transaction.atomic():
        page = ArticlePage.objects.select_for_update().get(pk=page.pk)
        latest = page.get_latest_revision_as_object()
        topics = getattr(latest, vocabulary.key)
        if topic in topics.all():
            return False
        topics.add(topic)
        latest.save_revision(user=user, log_action=True)
        return True


@require_POST
def add_topic(request, page_id):
    """The dashboard's one-click add: ``vocabulary`` and ``topic`` (its id) in the POST. Only for
    those who may edit the article now (not locked for them, as it is for its writer under review)."""
    page = get_object_or_404(ArticlePage, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    lock = page.get_lock()
    if not permissions.can_edit() or not permissions.can_publish() or (lock and lock.for_user(request.user)):
        raise PermissionDenied
    vocabulary = get_vocabulary(request.POST.get("vocabulary", ""))
    if vocabulary is None or not vocabulary.tagged:
        messages.error(request, "Choose countries, initiatives or sectors.")
        return _back(request)
    topic_id = request.POST.get("topic", "")
    topic = vocabulary.model.objects.filter(pk=int(topic_id)).first() if topic_id.isdigit() else None
    if topic is None:
        messages.error(request, f"No such {vocabulary.singular.lower()}: it may have been merged or deleted.")
        return _back(request)
    title = page.get_admin_display_title()
    if add_topic_to_latest_revision(page, vocabulary, topic, request.user):
        messages.success(request, f"Added {topic.name} to the {vocabulary.label.lower()} of “{title}”.")
    else:
        messages.info(request, f"“{title}” already has {topic.name}.")
    return _back(request)


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("wagtailadmin_home")
