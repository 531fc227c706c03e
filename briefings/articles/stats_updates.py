"""Keeping the topic statistics (``stats``) equal to a count of the visible articles.

Each article's contribution is recomputed from the database whenever something that decides it
may have changed, and the difference from what it contributed before (``ArticleTopicState``) is
added to the counts, in the transaction of the change:

- saving an article (publishing, unpublishing, a published revision that retags it or changes its
  byline, a schedule set on its row), deleting or moving it, a view restriction above it
  (``signals``);
- deleting a topic, moving a country to another region (``signals``), merging topics
  (``taxonomy.curation.merge`` calls ``sync_articles``);
- a go-live or expiry time passing, which no request or command announces: each article's next
  such time is kept (``ArticleTopicState.changes_at``) and ``sync_due`` recomputes the articles
  whose time has come -- ``ScheduledTopicStatsMiddleware`` has it run before a request's first
  read of the statistics (one indexed query), so a reader never sees counts that an expiry has
  made stale.

Race safety: an article's state row is locked (``SELECT … FOR UPDATE``, in id order) before its
contribution is recomputed, so two transactions changing one article take turns and the second
sees the first's result; counts are changed by adding deltas in the database (``INSERT … ON
CONFLICT DO UPDATE SET articles = articles + delta``, rows in key order), never by writing back a
value read earlier. ``rebuild`` recomputes everything from scratch (``manage.py
rebuild_topic_stats``), for data written around the ORM (bulk inserts of synthetic articles).
"""

import itertools
from collections import Counter

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

from taxonomy import names

from . import indexing, stats
from .models import TOPIC_LINKS, ArticleAuthor, ArticleCountry, ArticlePage
from .stats import (
    AUTHORS,
    TOTAL,
    UNDATED,
    ArticleTopicState,
    AuthorArticle,
    TopicCount,
    TopicMonthCount,
    TopicPairCount,
    TopicPairMonthCount,
)

BATCH = 2000  # articles recomputed per round
ROWS_PER_STATEMENT = 150  # rows per INSERT: at most 6 parameters each (SQLite's limit is 999)
DUE_PER_REQUEST = 500


def contributions(article_ids, now):
    """``{article id: (topic keys, month, changes_at, sorts_by)}`` for those of ``article_ids``
    that are live and public; topic keys (its authors' too), month and ``sorts_by`` (its date and
    first publication time) only when on schedule at ``now``."""
    rows = (
        ArticlePage.objects.filter(pk__in=article_ids)
        .live()
        .public()
        .values_list("pk", "date", "first_published_at", "go_live_at", "expire_at")
    )
    result, visible = {}, []
    for pk, date, first_published, go_live_at, expire_at in rows:
        on_schedule = (go_live_at is None or go_live_at <= now) and (expire_at is None or expire_at > now)
        changes_at = min((t for t in (go_live_at, expire_at) if t is not None and t > now), default=None)
        if not on_schedule:
            result[pk] = ((), None, changes_at, None)
            continue
        day = date or (
            timezone.localdate(first_published, timezone.get_current_timezone()) if first_published else None
        )
        result[pk] = ([TOTAL], day.replace(day=1) if day else None, changes_at, (date, first_published))
        visible.append(pk)
    if visible:
        for key, model in TOPIC_LINKS.items():
            links = model.objects.filter(content_object_id__in=visible)
            if model is ArticleCountry:
                for pk, tag, region in links.values_list("content_object_id", "tag_id", "tag__region_id"):
                    result[pk][0].append((key, tag))
                    if region is not None and (names.REGIONS, region) not in result[pk][0]:
                        result[pk][0].append((names.REGIONS, region))
            else:
                for pk, tag in links.values_list("content_object_id", "tag_id"):
                    result[pk][0].append((key, tag))
        bylines = ArticleAuthor.objects.filter(page_id__in=visible).values_list("page_id", "author_id")
        for pk, author_id in bylines:
            result[pk][0].append((AUTHORS, author_id))
    return result


def by_month(key):
    """Whether ``key`` is counted by month: topics are (hubs chart them); the total and authors
    are not."""
    return key[0] not in (TOTAL[0], AUTHORS)


class Deltas:
    """Changes to the four count tables, added up before they are written."""

    def __init__(self):
        self.counts, self.pairs, self.months, self.pair_months = Counter(), Counter(), Counter(), Counter()

    def add(self, topics, month, sign):
        topics = [tuple(key) for key in topics]
        for key in topics:
            self.counts[key] += sign
            if month is not None and by_month(key):
                self.months[(*key, month)] += sign
        tagged = sorted((key for key in topics if key != TOTAL), key=stats.key_order)
        for first, second in itertools.combinations(tagged, 2):
            self.pairs[(*first, *second)] += sign
            self.pairs[(*second, *first)] += sign
            if month is not None and by_month(first) and by_month(second):
                self.pair_months[(*first, *second, month)] += sign

    def apply(self, now):
        _add(TopicCount, ("vocabulary", "topic_id"), self.counts, now)
        _add(TopicPairCount, ("vocabulary", "topic_id", "other_vocabulary", "other_id"), self.pairs, now)
        _add(TopicMonthCount, ("vocabulary", "topic_id", "month"), self.months)
        _add(
            TopicPairMonthCount,
            ("vocabulary", "topic_id", "other_vocabulary", "other_id", "month"),
            self.pair_months,
        )


def _add(model, key_fields, deltas, now=None):
    """Add ``deltas`` (``{key: n}``) to ``model``'s ``articles``, creating rows as needed, then
    drop the rows of the changed topics that fell to zero. Parameters only: no value is ever
    written into the SQL text."""
    rows = sorted((key, n) for key, n in deltas.items() if n)
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [*key_fields, "articles"] + (["changed_at"] if now is not None else [])
    changed = f", {quote('changed_at')} = EXCLUDED.{quote('changed_at')}" if now is not None else ""
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    month = key_fields.index("month") if "month" in key_fields else None
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            params = []
            for key, n in chunk:
                key = list(key)
                if month is not None:
                    key[month] = connection.ops.adapt_datefield_value(key[month])
                params += [*key, n] + (
                    [connection.ops.adapt_datetimefield_value(now)] if now is not None else []
                )
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608 - names from the model
                f"VALUES {', '.join([placeholders] * len(chunk))} "
                f"ON CONFLICT ({', '.join(quote(c) for c in key_fields)}) DO UPDATE SET "
                f"{quote('articles')} = {table}.{quote('articles')} + EXCLUDED.{quote('articles')}{changed}",
                params,
            )
    emptied = {(key[0], key[1]) for key, n in rows if n < 0}
    if emptied:
        topics = Q()
        for vocabulary, topic_id in emptied:
            topics |= Q(vocabulary=vocabulary, topic_id=topic_id)
        model.objects.filter(topics, articles__lte=0).delete()


@transaction.atomic
def sync_articles(article_ids, now=None, reindex=True):
    """Bring the statistics up to date with ``article_ids`` as they are now (an id that is no
    longer an article takes its contribution away), and the search index rows of the visible ones
    whose topics changed (``indexing.reindex``: a row written when the article's row was saved
    has the links from before), unless ``reindex`` is false."""
    now = now or timezone.now()
    ids = sorted(set(article_ids))
    # The changes of every batch are added up and written once: a rebuild writes each count row
    # once, not once per batch it appears in.
    deltas = Deltas()
    retagged = []
    for start in range(0, len(ids), BATCH):
        retagged += _sync_batch(ids[start : start + BATCH], now, deltas)
    deltas.apply(now)
    if reindex and retagged:
        indexing.reindex(ArticlePage, ArticlePage.get_indexed_objects().filter(pk__in=retagged))


def _tags(keys):
    return sorted(key for key in keys if key[0] in TOPIC_LINKS)


def _sync_batch(ids, now, deltas):
    ArticleTopicState.objects.bulk_create(
        [ArticleTopicState(article_id=pk) for pk in ids], ignore_conflicts=True
    )
    before = {
        state.article_id: state
        for state in ArticleTopicState.objects.select_for_update()
        .filter(article_id__in=ids)
        .order_by("article_id")
    }
    after = contributions(ids, now)
    changed, emptied, retagged = [], [], []
    for pk in ids:
        state = before[pk]
        topics, month, changes_at, _ = after.get(pk, ((), None, None, None))
        old = sorted(tuple(key) for key in state.topics)
        new = sorted(tuple(key) for key in topics)
        if (old, state.month) != (new, month):
            deltas.add(old, state.month, -1)
            deltas.add(new, month, +1)
        if new and _tags(old) != _tags(new):
            retagged.append(pk)
        if not new and changes_at is None:
            emptied.append(pk)
        elif (old, state.month, state.changes_at) != (new, month, changes_at):
            state.topics, state.month, state.changes_at = [list(key) for key in new], month, changes_at
            changed.append(state)
    ArticleTopicState.objects.bulk_update(changed, ["topics", "month", "changes_at"])
    ArticleTopicState.objects.filter(article_id__in=emptied).delete()
    _replace_author_articles(ids, after)
    return retagged


def _replace_author_articles(ids, after):
    """``AuthorArticle`` rows of the articles ``ids`` as they are now (their state rows locked)."""
    AuthorArticle.objects.filter(article_id__in=ids).delete()
    AuthorArticle.objects.bulk_create(
        [
            AuthorArticle(
                author_id=author_id,
                article_id=pk,
                date=sorts_by[0] or UNDATED,
                first_published_at=sorts_by[1],
            )
            for pk, (topics, _, _, sorts_by) in after.items()
            for vocabulary, author_id in topics
            if vocabulary == AUTHORS
        ],
        batch_size=ROWS_PER_STATEMENT,
    )


def sync_due(now=None):
    """Recompute the articles whose go-live or expiry time has passed since they were last
    computed (one indexed query when there are none)."""
    now = now or timezone.now()
    due = list(
        ArticleTopicState.objects.filter(changes_at__lte=now)
        .order_by("changes_at")
        .values_list("article_id", flat=True)[:DUE_PER_REQUEST]
    )
    if due:
        sync_articles(due, now)
    return len(due)


@transaction.atomic
def rebuild():
    """Empty the statistics and count every article again; returns the number of articles."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # no article is synced meanwhile
            cursor.execute(f"LOCK TABLE {connection.ops.quote_name(ArticleTopicState._meta.db_table)}")
    for model in stats.STATS_MODELS:
        model.objects.all().delete()
    ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
    sync_articles(ids, reindex=False)  # the statistics only: the index rows are not theirs
    return len(ids)


def count_if_empty():
    """Fill the statistics of a database migrated from before they existed (``post_migrate``)."""
    if not ArticleTopicState.objects.exists() and ArticlePage.objects.live().exists():
        rebuild()


def articles_under(page):
    """Ids of the articles at or below ``page`` (where it is now)."""
    page = Page.objects.get(pk=page.pk)
    return list(ArticlePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def articles_tagged(vocabulary_key, topic_ids):
    return list(
        TOPIC_LINKS[vocabulary_key]
        .objects.filter(tag_id__in=topic_ids)
        .values_list("content_object_id", flat=True)
        .distinct()
    )
