"""Which articles contain a search's words, and in what order of relevance, at a cost bounded by the
page rather than by the number of matches.

A common word matches a large share of the articles, and ranking every match (reading each one's
full-text vector) costs in proportion to them. So a search works on a bounded **pool**: the newest
``MAX_RESULTS`` matching articles (``newest_ids``), which the date sort shows as they are, the
relevance sort ranks (``ranked``), and the facets and filter options count. Below the cap that is
every match; above it the page says so ("More than 1,000 results").

On PostgreSQL the words are matched in SQL against Wagtail's own index table, on the expression
``(title || body)`` its GIN index (``migrations/0001``) covers, and ranked with Wagtail's weights, so
neither the matches nor their vectors come back to Python. Elsewhere (SQLite's FTS5 under
``make run``) Wagtail's search backend does both, unbounded: a development site is small.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, IntegerField
from django.db.models.functions import Cast

from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from modelsearch.backends.database.postgres.weights import get_sql_weights

from briefings.articles.indexing import index_entries
from briefings.articles.models import ArticlePage

MAX_RESULTS = 1000  # the pool: newest matches ranked, shown and counted


def _postgres():
    return connection.vendor == "postgresql"


def _tsquery(terms):
    """Every term, as Wagtail's PostgreSQL backend builds it (``'a' & 'b'``, normalised by the
    backend's text search configuration). Terms are letters and digits only (``parse_query``)."""
    config = getattr(get_search_backend(), "config", None)
    return SearchQuery(" & ".join(f"'{term}'" for term in terms), search_type="raw", config=config)


def _entries(terms):
    """Wagtail's index rows of articles containing every term: the filter reads the GIN index."""
    return index_entries(ArticlePage).filter(document=_tsquery(terms))


def _wagtail_search(queryset, terms, order_by_relevance):
    results = queryset.only("pk").search(
        " ".join(terms), operator="and", order_by_relevance=order_by_relevance
    )
    return [page.pk for page in results]


def containing(articles, terms):
    """``articles`` narrowed to those containing every term (a queryset, nothing fetched on
    PostgreSQL)."""
    if _postgres():
        return articles.filter(pk__in=_entries(terms).values(article_id=Cast("object_id", IntegerField())))
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
            content_type=ContentType.objects.get_for_model(ArticlePage),
            object_id__in=[str(pk) for pk in ids],
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
