"""Topic statistics over the articles readers may see (``ArticlePage.objects.visible()``), kept in
tables so that ``/topics/``, hubs, intersections and the sitemap cost the same whatever the number
of articles: per-topic counts, topic pair (co-occurrence) counts, and the same by month.

A topic is a key ``(vocabulary key, topic id)``: countries, initiatives, sectors, and regions
(through their countries). ``TOTAL`` counts the visible articles themselves. Authors are counted the
same way, as keys ``(AUTHORS, author id)``: their number of articles, and the topics they share
articles with (pairs), not by month; ``AuthorArticle`` keeps each author's articles in date order.
Whatever lists topics asks for a vocabulary's keys, so it never meets an author. ``stats_updates``
keeps the tables up to date; this module only holds them and answers readers' questions, so the
page models and presenters can ask without importing the code that writes them.
"""

import contextvars
import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, Rank

from taxonomy.vocabularies import COUNTRIES, TAG_VOCABULARIES, VOCABULARIES, topic_order_key

# The key of the number of visible articles (no vocabulary has an empty key).
TOTAL = ("", 0)
# The "vocabulary" of authors' keys (no vocabulary has this key).
AUTHORS = "authors"

# What brings the tables up to date with the go-live and expiry times that have passed, run before
# a request's first read (``ScheduledTopicStatsMiddleware`` sets it for the request): a request
# that reads no statistics (``/healthz``, an image, a view that fails first) does not pay for it
# or depend on the database for it.
_sync_before_reading = contextvars.ContextVar("sync_topic_stats_before_reading", default=None)


def sync_before_first_read(sync):
    """Have ``sync()`` run once, before the first read of the statistics in this context; returns
    the token to pass to ``forget_sync``."""
    return _sync_before_reading.set(sync)


def forget_sync(token):
    _sync_before_reading.reset(token)


def _up_to_date():
    sync = _sync_before_reading.get()
    if sync is not None:
        _sync_before_reading.set(None)
        sync()


class TopicCount(models.Model):
    """How many visible articles carry a topic; ``changed_at``: when that last changed."""

    vocabulary = models.CharField(max_length=20)
    topic_id = models.BigIntegerField()
    articles = models.IntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vocabulary", "topic_id"], name="unique_topic_count")]

    def __str__(self):
        return f"{self.vocabulary} {self.topic_id}: {self.articles}"


class TopicPairCount(models.Model):
    """How many visible articles carry both topics; stored in both orders, so a hub reads its
    pairs from one index range."""

    vocabulary = models.CharField(max_length=20)
    topic_id = models.BigIntegerField()
    other_vocabulary = models.CharField(max_length=20)
    other_id = models.BigIntegerField()
    articles = models.IntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vocabulary", "topic_id", "other_vocabulary", "other_id"],
                name="unique_topic_pair_count",
            )
        ]

    def __str__(self):
        return f"{self.vocabulary} {self.topic_id} + {self.other_vocabulary} {self.other_id}: {self.articles}"


class TopicMonthCount(models.Model):
    """Visible articles on a topic by month (of their date, or of their first publication)."""

    vocabulary = models.CharField(max_length=20)
    topic_id = models.BigIntegerField()
    month = models.DateField()
    articles = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vocabulary", "topic_id", "month"], name="unique_topic_month_count"
            )
        ]

    def __str__(self):
        return f"{self.vocabulary} {self.topic_id} in {self.month:%Y-%m}: {self.articles}"


class TopicPairMonthCount(models.Model):
    """Visible articles on both topics by month; stored once per pair, in ``pair_key`` order."""

    vocabulary = models.CharField(max_length=20)
    topic_id = models.BigIntegerField()
    other_vocabulary = models.CharField(max_length=20)
    other_id = models.BigIntegerField()
    month = models.DateField()
    articles = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vocabulary", "topic_id", "other_vocabulary", "other_id", "month"],
                name="unique_topic_pair_month_count",
            )
        ]

    def __str__(self):
        return (
            f"{self.vocabulary} {self.topic_id} + {self.other_vocabulary} {self.other_id} "
            f"in {self.month:%Y-%m}: {self.articles}"
        )


class ArticleTopicState(models.Model):
    """What one article adds to the statistics now: its topic keys and month while it is visible,
    and ``changes_at``, the next go-live or expiry time that will change that (``stats_updates``
    recomputes the article then). The page id, not a foreign key: the row outlives a deleted page
    until its contribution has been taken back."""

    article_id = models.BigIntegerField(primary_key=True)
    topics = models.JSONField(default=list)
    month = models.DateField(null=True)
    changes_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["changes_at"], condition=Q(changes_at__isnull=False), name="article_topic_state_due"
            )
        ]

    def __str__(self):
        return f"article {self.article_id}: {len(self.topics)} topic keys"


UNDATED = datetime.date.min


class AuthorArticle(models.Model):
    """A visible article by an author, with what it sorts by, so that an author's latest piece is
    the first row of an index range however many they have written. Written with the article's
    ``ArticleTopicState`` (under its lock); ids, not foreign keys, as there."""

    author_id = models.BigIntegerField()
    article_id = models.BigIntegerField()
    # An undated article's is ``UNDATED`` (before any date), so that it sorts last with a plain
    # descending index: SQLite (``make run``) has no NULLS LAST in an index.
    date = models.DateField(null=True)
    first_published_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["author_id", "article_id"], name="unique_author_article")
        ]
        indexes = [
            models.Index(
                F("author_id"),
                F("date").desc(),
                F("first_published_at").desc(),
                F("article_id").desc(),
                name="author_article_newest",
            ),
            models.Index(fields=["article_id"], name="author_article_article"),
        ]

    def __str__(self):
        return f"author {self.author_id}: article {self.article_id}"


def pair_key(first, second):
    """The order a pair is stored in by ``TopicPairMonthCount``."""
    return tuple(sorted((tuple(first), tuple(second)), key=key_order))


# Every table of the statistics: emptied by a rebuild, written by an article's save.
STATS_MODELS = (
    ArticleTopicState,
    AuthorArticle,
    TopicCount,
    TopicPairCount,
    TopicMonthCount,
    TopicPairMonthCount,
)


def key_order(key):
    """Sort order of topic keys: ``TOTAL``, the vocabularies (``topic_order_key``), authors; then id."""
    if key[0] == AUTHORS:
        return ((len(VOCABULARIES), ""), key[1])
    return (topic_order_key(key[0], "") if key[0] else (-1, ""), key[1])


def _subject_ids():
    """The subject country (``settings.SUBJECT_COUNTRY``): on most articles, so it tells nothing
    about what an article or a topic is about."""
    return COUNTRIES.model.objects.filter(alpha2=settings.SUBJECT_COUNTRY).values("pk")


def total_articles():
    _up_to_date()
    row = TopicCount.objects.filter(vocabulary=TOTAL[0], topic_id=TOTAL[1]).values_list("articles", flat=True)
    return next(iter(row), 0)


def topic_total(key):
    _up_to_date()
    row = TopicCount.objects.filter(vocabulary=key[0], topic_id=key[1]).values_list("articles", flat=True)
    return next(iter(row), 0)


def pair_total(first, second):
    _up_to_date()
    row = TopicPairCount.objects.filter(
        vocabulary=first[0], topic_id=first[1], other_vocabulary=second[0], other_id=second[1]
    ).values_list("articles", flat=True)
    return next(iter(row), 0)


def vocabulary_counts(vocabulary_key):
    """``{topic id: visible articles}`` for every counted topic of a vocabulary, in one query."""
    _up_to_date()
    rows = TopicCount.objects.filter(vocabulary=vocabulary_key, articles__gt=0)
    return dict(rows.values_list("topic_id", "articles"))


def topic_counts(vocabulary, minimum=1, limit=None, without_subject=False):
    """The topics of ``vocabulary`` with their number of visible articles (``article_count``), most
    used first, in one query; with ``minimum=0`` unused topics too. ``without_subject`` leaves out
    the subject country (a "most active topics" list would always start with it)."""
    _up_to_date()
    counts = TopicCount.objects.filter(vocabulary=vocabulary.key, topic_id=OuterRef("pk")).values("articles")
    topics = vocabulary.topics().annotate(article_count=Coalesce(Subquery(counts), Value(0)))
    if minimum > 0:
        topics = topics.filter(article_count__gte=minimum)
    if without_subject and vocabulary is COUNTRIES:
        topics = topics.exclude(pk__in=_subject_ids())
    topics = topics.order_by("-article_count", "name")
    return list(topics[:limit] if limit is not None else topics)


def _tag_pairs(vocabulary_keys, topic_ids=None):
    """The pair rows of the keys ``(vocabulary key, id)`` of ``vocabulary_keys`` (for ``topic_ids``
    only, if given) with the tag-vocabulary topics, less the key itself and the subject country."""
    rows = TopicPairCount.objects.filter(
        vocabulary__in=vocabulary_keys, other_vocabulary__in=[v.key for v in TAG_VOCABULARIES]
    )
    if topic_ids is not None:
        rows = rows.filter(topic_id__in=topic_ids)
    return rows.exclude(other_vocabulary=COUNTRIES.key, other_id__in=_subject_ids()).exclude(
        other_vocabulary=F("vocabulary"), other_id=F("topic_id")
    )


def pairs_of(key, min_shared=1):
    """``[(other key, shared, other's total), …]``: the tag-vocabulary topics sharing at least
    ``min_shared`` visible articles with the topic ``key``, less itself and the subject country,
    in one query."""
    _up_to_date()
    totals = TopicCount.objects.filter(vocabulary=OuterRef("other_vocabulary"), topic_id=OuterRef("other_id"))
    rows = (
        _tag_pairs([key[0]], [key[1]])
        .filter(articles__gte=max(min_shared, 1))
        .annotate(total=Coalesce(Subquery(totals.values("articles")), Value(0)))
        .values_list("other_vocabulary", "other_id", "articles", "total")
    )
    return [((v, pk), shared, total) for v, pk, shared, total in rows]


def all_pairs(vocabulary_keys):
    """Every topic's ``pairs_of`` (with ``min_shared`` 1) at once, for the topics of
    ``vocabulary_keys``, and every topic's total, in two queries: ``(totals, pairs)``, where
    ``totals`` is ``{key: visible articles}`` (``TOTAL`` too) and ``pairs`` is
    ``{key: [(other key, shared, other's total), …]}``."""
    _up_to_date()
    totals = {(v, pk): n for v, pk, n in TopicCount.objects.values_list("vocabulary", "topic_id", "articles")}
    pairs = {}
    rows = _tag_pairs(vocabulary_keys).filter(articles__gte=1)
    for v, pk, other_v, other_pk, shared in rows.values_list(
        "vocabulary", "topic_id", "other_vocabulary", "other_id", "articles"
    ):
        pairs.setdefault((v, pk), []).append(
            ((other_v, other_pk), shared, totals.get((other_v, other_pk), 0))
        )
    return totals, pairs


def authors_with_articles():
    """``{author id: (visible articles, id of the latest)}`` for every author with a visible
    article, in one query: the latest by date (undated last), then first publication, then id --
    one ``AuthorArticle`` index probe per author."""
    _up_to_date()
    latest = (
        AuthorArticle.objects.filter(author_id=OuterRef("topic_id"))
        .order_by(F("date").desc(), F("first_published_at").desc(), F("article_id").desc())
        .values("article_id")[:1]
    )
    rows = (
        TopicCount.objects.filter(vocabulary=AUTHORS, articles__gt=0)
        .annotate(latest=Subquery(latest))
        .values_list("topic_id", "articles", "latest")
    )
    return {author_id: (articles, latest_id) for author_id, articles, latest_id in rows}


def author_topics(author_ids, limit=None):
    """``[(author id, (vocabulary key, topic id), articles), …]``: the tag-vocabulary topics on
    the visible articles of each of ``author_ids``, less the subject country, in one query; with
    ``limit``, only each author's ``limit`` most frequent (and those tied with the last)."""
    _up_to_date()
    rows = _tag_pairs([AUTHORS], author_ids).filter(articles__gt=0)
    if limit is not None:
        rank = Window(Rank(), partition_by=F("topic_id"), order_by=F("articles").desc())
        rows = rows.annotate(rank=rank).filter(rank__lte=limit)
    return [
        (author_id, (v, pk), n)
        for author_id, v, pk, n in rows.values_list("topic_id", "other_vocabulary", "other_id", "articles")
    ]


def monthly(key, other=None):
    """``{month: visible articles}`` on the topic ``key`` (and ``other``, if given)."""
    _up_to_date()
    if other is None:
        rows = TopicMonthCount.objects.filter(vocabulary=key[0], topic_id=key[1], articles__gt=0)
    else:
        first, second = pair_key(key, other)
        rows = TopicPairMonthCount.objects.filter(
            vocabulary=first[0],
            topic_id=first[1],
            other_vocabulary=second[0],
            other_id=second[1],
            articles__gt=0,
        )
    return dict(rows.values_list("month", "articles"))
