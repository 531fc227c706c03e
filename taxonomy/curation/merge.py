"""Rename and merge topics without losing anything: old hub addresses answer 301, and every
retagged article gets a new revision."""

from django.db import transaction

from briefings.articles import stats_updates
from briefings.articles.models import TOPIC_LINKS, ArticlePage
from taxonomy.redirects import record_rename
from taxonomy.vocabularies import vocabulary_of


def _merge_text(target_text, *additions):
    lines = [line for line in (target_text or "").splitlines() if line.strip()]
    seen = {line.strip().casefold() for line in lines}
    for text in additions:
        for line in (text or "").splitlines():
            if line.strip() and line.strip().casefold() not in seen:
                seen.add(line.strip().casefold())
                lines.append(line.strip())
    return "\n".join(lines)


@transaction.atomic
def merge_topics(source, target, user=None):
    """Retag every article of ``source`` with ``target``, then delete ``source``.

    Returns the number of articles retagged. The live version of an article with unpublished
    changes keeps its topic too: its tag links are moved in place, and its draft gets a new
    revision with the merged topic.
    """
    vocabulary = vocabulary_of(source)
    if type(source) is not type(target) or source.pk == target.pk:
        raise ValueError("Choose a different topic of the same vocabulary to merge into.")
    through = TOPIC_LINKS[vocabulary.key]
    page_ids = list(through.objects.filter(tag=source).values_list("content_object_id", flat=True))
    for page in ArticlePage.objects.filter(pk__in=page_ids).specific():
        draft = page.get_latest_revision_as_object()
        manager = getattr(draft, vocabulary.key)
        kept = [topic for topic in manager.all() if topic.pk != source.pk]
        if all(topic.pk != target.pk for topic in kept):
            kept.append(target)
        manager.set(kept)
        publish_now = page.live and not page.has_unpublished_changes
        revision = draft.save_revision(user=user, log_action=True, clean=False)
        if publish_now:
            revision.publish(user=user)
    # Links left on live versions (articles with pending drafts, or never re-published).
    already = through.objects.filter(tag=target).values("content_object_id")
    through.objects.filter(tag=source).exclude(content_object_id__in=already).update(tag=target)
    through.objects.filter(tag=source).delete()
    # The links moved in place, around the articles' saves: recount their articles.
    stats_updates.sync_articles(page_ids)

    if hasattr(target, "aliases"):
        target.aliases = _merge_text(target.aliases, source.name, getattr(source, "aliases", ""))
    if hasattr(target, "demonyms"):
        target.demonyms = _merge_text(target.demonyms, source.demonyms)
    if hasattr(target, "keywords"):
        target.keywords = _merge_text(target.keywords, source.keywords)
    target.save()
    old_slug = source.slug
    source.delete()
    record_rename(vocabulary.key, old_slug, target.slug)
    return len(page_ids)
