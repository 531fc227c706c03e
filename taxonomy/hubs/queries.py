"""Hub queries: what a topic hub shows, in a fixed number of SQL queries whatever the data size
(counts, related topics and activity from the topic statistics, ``briefings.articles.stats``)."""

import datetime
import hashlib
from dataclasses import dataclass

from django.urls import reverse

from briefings.articles import stats
from briefings.articles.models import ArticlePage
from briefings.core import freshness
from briefings.core.months import add as add_months
from briefings.core.months import first_days as month_days
from taxonomy.models import Country
from taxonomy.subject import subject_code
from taxonomy.vocabularies import COUNTRIES, REGIONS, TAG_VOCABULARIES, topic_order_key

from . import worldmap

# A related topic must share at least this many live articles with the hub's topic, so one
# chance co-occurrence does not make a relation -- once the hub has enough articles for that to
# be meaningful (below that, one shared article is the only evidence there can be).
MIN_SHARED_ARTICLES = 2
MIN_SHARED_FROM = 5
RELATED_PER_VOCABULARY = 8
CHART_MONTHS = 24
HUB_VOCABULARIES = (*TAG_VOCABULARIES, REGIONS)
# Room under the bars for the first and last month's labels side by side ("Feb 2024 … Mar 2024").
CHART_MIN_WIDTH = 120


def visible_articles():
    return ArticlePage.objects.visible()


def topic_articles(vocabulary, topic, visible=None):
    """``visible``: ``visible_articles()`` when the caller has built it (it looks up the view
    restrictions: once per request is enough)."""
    return (visible_articles() if visible is None else visible).tagged_with(vocabulary.key, topic)


def map_rows():
    """Every country as a ``worldmap.MapRow`` with its number of visible articles: one query for
    the countries, one for their counts (the topic statistics), whatever the number of articles."""
    counts = stats.vocabulary_counts(COUNTRIES.key)
    hubs = reverse("taxonomy:vocabulary", kwargs={"vocabulary": COUNTRIES.key})
    regions = reverse("taxonomy:vocabulary", kwargs={"vocabulary": REGIONS.key})
    rows = Country.objects.order_by().values_list(
        "pk", "alpha2", "name", "slug", "region__name", "region__slug"
    )
    return [
        worldmap.MapRow(
            code=alpha2.upper(),
            name=name,
            url=f"{hubs}{slug}/",
            count=counts.get(pk, 0),
            region=region or "",
            region_url=f"{regions}{region_slug}/" if region_slug else "",
        )
        for pk, alpha2, name, slug, region, region_slug in rows
    ]


def partners_map(region=None):
    """The world map of the subject's partners; for a ``region``, zoomed onto its countries."""
    rows = map_rows()
    focus = None
    if region is not None:
        focus = {row.code for row in rows if row.region == region.name}
    return worldmap.build(rows, subject_code(), focus=focus)


def intersection_articles(first, second):
    """Articles tagged with both topics; each argument is ``(vocabulary, topic)``."""
    return topic_articles(*first).tagged_with(second[0].key, second[1])


@dataclass
class RelatedTopic:
    vocabulary: object
    topic: object
    shared: int
    total: int
    lift: float
    intersection_url: str


def topic_key(vocabulary, topic):
    """How the topic statistics name a topic."""
    return (vocabulary.key, topic.pk)


def related_topics(vocabulary, topic, topic_total=None):
    """Topics that occur with ``topic`` more often than chance, by vocabulary, from the topic
    statistics (a few queries whatever the number of articles): ``[(vocabulary, [RelatedTopic,
    …]), …]`` (``rank_related``). ``topic_total``: the number of visible articles on ``topic``,
    when the caller has it."""
    key = topic_key(vocabulary, topic)
    if topic_total is None:
        topic_total = stats.topic_total(key)
    if not topic_total:
        return []
    found = {}

    def names(other, ids):
        found[other.key] = {t.pk: t for t in other.topics().filter(pk__in=ids)}
        return {pk: t.name for pk, t in found[other.key].items()}

    pairs = stats.pairs_of(key, min_shared(topic_total))
    return [
        (
            other,
            [
                RelatedTopic(
                    other,
                    found[other.key][pk],
                    shared,
                    total,
                    lift,
                    intersection_url(vocabulary, topic, other, found[other.key][pk]),
                )
                for pk, shared, total, lift in ranked
            ],
        )
        for other, ranked in rank_related(topic_total, stats.total_articles(), pairs, names)
    ]


def min_shared(topic_total):
    return MIN_SHARED_ARTICLES if topic_total >= MIN_SHARED_FROM else 1


def rank_related(topic_total, total_articles, pairs, names):
    """The related topics of a topic on ``topic_total`` of ``total_articles`` visible articles,
    from its ``pairs`` (``stats.pairs_of``): ``[(vocabulary, [(id, shared, total, lift), …]), …]``,
    at most ``RELATED_PER_VOCABULARY`` each, of those ``names(vocabulary, ids)`` (``{id: name}``)
    knows.

    Ranked by lift = P(both) / (P(this) × P(other)): a topic on nearly every article has a lift
    near 1 and sinks below the topics that are specifically associated with this one; the subject
    country, on most articles, is left out (``stats.pairs_of``).
    """
    by_vocabulary = {}
    for (other_key, other_id), shared, total in pairs:
        lift = (shared * total_articles) / (topic_total * total) if total else 0
        if shared >= min_shared(topic_total) and lift >= 1:
            by_vocabulary.setdefault(other_key, []).append((other_id, shared, total, lift))
    groups = []
    for other in TAG_VOCABULARIES:
        candidates = by_vocabulary.get(other.key)
        if not candidates:
            continue
        known = names(other, [c[0] for c in candidates])
        related = sorted((c for c in candidates if c[0] in known), key=lambda c: (-c[3], -c[1], known[c[0]]))
        groups.append((other, related[:RELATED_PER_VOCABULARY]))
    return groups


def related_digest(groups):
    """A digest of what a hub shows of its related topics: which topics, in which order, with how
    many shared articles (``groups``: ``rank_related``'s)."""
    shown = [(other.key, [(pk, shared) for pk, shared, *_ in items]) for other, items in groups]
    return hashlib.blake2b(repr(shown).encode(), digest_size=12).hexdigest()


def shown_related_digest(related):
    """``related_digest`` of ``related_topics``' answer."""
    return related_digest([(other, [(r.topic.pk, r.shared) for r in items]) for other, items in related])


def related_digests():
    """``{freshness.related(key): related_digest}`` for every topic with a hub, from the topic
    statistics in a few queries (``freshness.provide_digests``: computed again after every change
    to them)."""
    totals, pairs = stats.all_pairs([v.key for v in HUB_VOCABULARIES])
    total_articles = totals.get(stats.TOTAL, 0)
    names = {v.key: dict(v.topics().values_list("pk", "name")) for v in HUB_VOCABULARIES}

    def known(other, ids):
        return names[other.key]

    digests = {}
    for vocabulary in HUB_VOCABULARIES:
        for pk in names[vocabulary.key]:
            key = (vocabulary.key, pk)
            topic_total = totals.get(key, 0)
            groups = (
                rank_related(topic_total, total_articles, pairs.get(key, []), known) if topic_total else []
            )
            digests[freshness.related(key)] = related_digest(groups)
    return digests


def intersection_url(vocabulary, topic, other_vocabulary, other):
    return reverse(
        "taxonomy:intersection",
        kwargs={
            "vocabulary": vocabulary.key,
            "slug": topic.slug,
            "vocabulary2": other_vocabulary.key,
            "slug2": other.slug,
        },
    )


@dataclass
class ChartBar:
    month: datetime.date
    count: int
    x: int
    height: int
    y: int


def activity_chart(counts, months=CHART_MONTHS, height=80, bar_width=12, gap=3):
    """Month-by-month article counts (``{month: n}``, from ``stats.monthly``) for the most recent
    ``months`` months with activity."""
    counts = {month: n for month, n in counts.items() if n}
    if not counts:
        return None
    last = max(counts)
    first = max(min(counts), add_months(last, -(months - 1)))
    peak = max(counts.values())
    bars = []
    for n, month in enumerate(month_days(first, last)):
        count = counts.get(month, 0)
        bar_height = round(height * count / peak) if count else 0
        bars.append(ChartBar(month, count, n * (bar_width + gap), bar_height, height - bar_height))
    return {
        "bars": bars,
        "width": max(len(bars) * (bar_width + gap), CHART_MIN_WIDTH),
        "height": height,
        "bar_width": bar_width,
        "peak": peak,
        "first": first,
        "last": last,
    }


def canonical_intersection_url(first, second):
    """An intersection answers at both orders of its topics; this is the one search engines get."""
    first, second = sorted((first, second), key=lambda pair: topic_order_key(pair[0].key, pair[1].slug))
    return intersection_url(first[0], first[1], second[0], second[1])
