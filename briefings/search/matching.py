"""Which articles contain a search's words, and in what order of relevance, at a cost bounded by the
page rather than by the number of matches.

A common word matches a large share of the articles, and ranking every match (reading each one's
full-text vector) costs in proportion to them. So a search works on a bounded **pool**: the newest
``MAX_RESULTS`` matching articles (``newest_ids``), which the date sort shows as they are, the
relevance sort ranks (``ranked``), and the facets and filter options count. Below the cap that is
every match; above it the page says so ("More than 1,000 results").

Finding the newest matches must not cost what finding all of them does: on PostgreSQL the index
hands back every match of a common word (a fifth of 100,000 articles for "pipeline") before any is
sorted by date. So ``Pool`` asks first for the matches among the newest articles only, through the
month word each article's index row carries (``briefings.articles.indexing.month_word``): the
newest months holding ``WINDOW`` articles. When they hold more than the pool, those are the newest
matches; else a window as large as the share of matches found suggests, then every month.

On PostgreSQL the words are matched in SQL against Wagtail's own index table, on the expression
``(title || body)`` its GIN index (``migrations/0001``) covers, and ranked with Wagtail's weights, so
neither the matches nor their vectors come back to Python. Elsewhere (SQLite's FTS5 under
``make run``) Wagtail's search backend does both, unbounded: a development site is small.
"""

import math

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, IntegerField, Subquery
from django.db.models.functions import Cast

from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from modelsearch.backends.database.postgres.weights import get_sql_weights

from briefings.articles import stats
from briefings.articles.indexing import UNDATED_WORD, index_entries, month_words, topic_word
from briefings.articles.models import ArticlePage
from briefings.core.lookups import among
from briefings.core.months import spanned as months_spanned

MAX_RESULTS = 1000  # the pool: newest matches ranked, shown and counted
WINDOW = 8 * MAX_RESULTS  # articles in the newest months a search looks in first
MAX_WINDOW_MONTHS = 240  # a window spanning more months is not worth its query: all are searched


def _postgres():
    return connection.vendor == "postgresql"


def _tsquery(terms, months=None, topics=()):
    """Every term, as Wagtail's PostgreSQL backend builds it (``'a' & 'b'``, normalised by the
    backend's text search configuration), with ``topics``, the words of those topic keys, and with
    ``months``, one of those month words. Terms are letters and digits only (``parse_query``);
    month and topic words are made here."""
    config = getattr(get_search_backend(), "config", None)
    query = " & ".join([*(f"'{term}'" for term in terms), *(f"'{topic_word(*key)}'" for key in topics)])
    if months:
        query += " & (" + " | ".join(f"'{word}'" for word in months) + ")"
    return SearchQuery(query, search_type="raw", config=config)


def _entry_ids(terms, months=None, topics=()):
    """The ids of the articles whose index rows contain every term (and are on every topic of
    ``topics``, and dated in one of ``months``): the filter reads the GIN index."""
    entries = index_entries(ArticlePage).filter(document=_tsquery(terms, months, topics))
    return entries.values(article_id=Cast("object_id", IntegerField()))


def _wagtail_search(queryset, terms, order_by_relevance):
    results = queryset.only("pk").search(
        " ".join(terms), operator="and", order_by_relevance=order_by_relevance
    )
    return [page.pk for page in results]


def containing(articles, terms):
    """``articles`` narrowed to those containing every term (a queryset, nothing fetched on
    PostgreSQL)."""
    if _postgres():
        return articles.filter(pk__in=_entry_ids(terms))
    # Wagtail search accepts only filters on indexed fields, and ``visible()`` also filters on
    # expiry, so the articles go in as an id subquery, as Wagtail's own pages API does.
    found = ArticlePage.objects.filter(pk__in=articles.values("pk"))
    return articles.filter(pk__in=_wagtail_search(found, terms, order_by_relevance=False))


def lexemes(terms):
    """The search index's words for ``terms``, normalised as the match normalises them (stop words
    dropped), on PostgreSQL; ``None`` elsewhere."""
    if not _postgres() or not terms:
        return None
    config = getattr(get_search_backend(), "config", None)
    text = " ".join(terms)
    with connection.cursor() as cursor:
        if config:
            cursor.execute("SELECT tsvector_to_array(to_tsvector(%s::regconfig, %s))", [config, text])
        else:
            cursor.execute("SELECT tsvector_to_array(to_tsvector(%s))", [text])
        return list(cursor.fetchone()[0])


def newest_ids(articles):
    """Ids of the newest ``MAX_RESULTS + 1`` of ``articles`` (one more than the pool, so a caller
    can tell that there are more), newest first."""
    return list(articles.newest_first().values_list("pk", flat=True)[: MAX_RESULTS + 1])


class Pool:
    """The newest matches of a search's ``terms`` (``newest_ids``), looked for in the newest
    months first. A window is every month from the one holding the ``size``-th newest dated article
    to the newest article's, and the undated articles (which sort first): a prefix of the
    articles in date order, so its newest matches are the newest of all once it has more than the
    pool. The windows' months are looked up once per search."""

    def __init__(self, terms, topics=()):
        """``topics``: the keys of topics every article searched is on (facets): the index is asked
        for the matches on them only, and windows are sized in the first one's articles, from its
        monthly counts, as the matches are among them."""
        self.terms = terms
        self.topics = list(topics)
        self.months = {}
        self.topic_months = None

    def newest_ids(self, articles):
        """As ``newest_ids(containing(articles, terms))``."""
        if not _postgres():
            return newest_ids(containing(articles, self.terms))
        size = WINDOW
        while True:
            months = self.window(size)
            ids = newest_ids(articles.filter(pk__in=_entry_ids(self.terms, months, self.topics)))
            if months is None or len(ids) > MAX_RESULTS:
                return ids
            # Enough articles, at the share of them that matched here, to fill the pool, and some.
            size = max(4 * size, math.ceil(size * (MAX_RESULTS + 1) * 1.5 / max(len(ids), 1)))

    def window(self, size):
        """The month words of the newest ``size`` articles (of the topic's, with a topic: then
        from its monthly counts too); None when that is every article."""
        if any(months is None and smaller <= size for smaller, months in self.months.items()):
            return None
        if size not in self.months:
            dated = ArticlePage.objects.filter(date__isnull=False).order_by("-date")
            newest = Subquery(dated.values("date")[:1])
            rows = dated.annotate(newest=newest).values_list("date", "newest")[size : size + 1]
            row = next(iter(rows), None)
            if row and self.topics:  # the first topic has fewer articles than the site
                first = self.topic_boundary(size)
                row = first and (first, row[1])
            spanned = months_spanned(*row) if row else 0  # counted before any word is made
            self.months[size] = (
                [UNDATED_WORD, *month_words(*row)] if 0 < spanned <= MAX_WINDOW_MONTHS else None
            )
        return self.months[size]

    def topic_boundary(self, size):
        """The month from which on the first topic has more than ``size`` articles; None if it has not.
        Only the window's size comes from the counts: it still runs to the newest article's month."""
        if self.topic_months is None:
            self.topic_months = sorted(stats.monthly(self.topics[0]).items(), reverse=True)
        total = 0
        for month, articles in self.topic_months:
            total += articles
            if total > size:
                return month
        return None


def ranked(ids, terms):
    """``ids`` (a pool) most relevant first, by Wagtail's ranking: the title's rank weighted by the
    title's length norm, plus the body's; ties newest id first."""
    if not ids:
        return []
    if not _postgres():
        return _wagtail_search(ArticlePage.objects.filter(pk__in=ids), terms, order_by_relevance=True)
    query, weights = _tsquery(terms), get_sql_weights()
    rows = (
        IndexEntry.objects.filter(
            among("object_id", [str(pk) for pk in ids]),
            content_type=ContentType.objects.get_for_model(ArticlePage),
        )
        .annotate(
            article_id=Cast("object_id", IntegerField()),
            rank=SearchRank(F("title"), query, weights=weights) * F("title_norm")
            + SearchRank(F("body"), query, weights=weights),
        )
        .order_by("-rank", "-article_id")
        .values_list("article_id", flat=True)
    )
    return list(rows)
