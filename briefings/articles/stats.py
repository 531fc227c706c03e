"""Topic statistics over the articles readers may see (``ArticlePage.objects.visible()``), kept in
tables so that ``/topics/``, hubs, intersections and the sitemap cost the same whatever the number
of articles: per-topic counts, topic pair (co-occurrence) counts, and the same by month.

A topic is a key ``(vocabulary key, topic id)``: countries, initiatives, sectors, and regions
(through their countries). ``TOTAL`` counts the visible articles themselves. ``stats_updates`` keeps
the tables up to date; this module only holds them and answers readers' questions, so the page
models and presenters can ask without importing the code that writes them.
"""

import contextvars

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from taxonomy.vocabularies import COUNTRIES, TAG_VOCABULARIES, topic_order_key

# The key of the number of visible articles (no vocabulary has an empty key).
TOTAL = ("", 0)

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


def pair_key(first, second):
    """The order a pair is stored in by ``TopicPairMonthCount``."""
    return tuple(sorted((tuple(first), tuple(second)), key=key_order))


def key_order(key):
    """Sort order of topic keys: by vocabulary (``topic_order_key``), then id."""
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


def pairs_of(key, min_shared=1):
    """``[(other key, shared, other's total), …]``: the tag-vocabulary topics sharing at least
    ``min_shared`` visible articles with the topic ``key``, less itself and the subject country,
    in one query."""
    _up_to_date()
    totals = TopicCount.objects.filter(vocabulary=OuterRef("other_vocabulary"), topic_id=OuterRef("other_id"))
    rows = (
        TopicPairCount.objects.filter(
            vocabulary=key[0],
            topic_id=key[1],
            other_vocabulary__in=[v.key for v in TAG_VOCABULARIES],
            articles__gte=max(min_shared, 1),
        )
        .exclude(other_vocabulary=COUNTRIES.key, other_id__in=_subject_ids())
        .exclude(other_vocabulary=key[0], other_id=key[1])
        .annotate(total=Coalesce(Subquery(totals.values("articles")), Value(0)))
        .values_list("other_vocabulary", "other_id", "articles", "total")
    )
    return [((v, pk), shared, total) for v, pk, shared, total in rows]


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
