"""Wagtail's search index rows of articles, as searches match them on PostgreSQL
(``briefings.search.matching``) and as an article's save reads its words
(``briefings.articles.scopes``), and the month and topic words an article's row carries."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db.models import F
from django.db.models.expressions import CombinedExpression

from wagtail.search.backends import get_search_backends
from wagtail.search.models import IndexEntry

from briefings.core import months


def index_entries(model):
    """The index rows of ``model``, with ``document``: title and body together, the expression the
    GIN index (``briefings.search`` migration 0001) covers."""
    return IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).alias(
        document=CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    )


# Each article's row also holds a word for the month of its date ("ym202406"; "ymnone" when it has
# none), so that a search can ask the index itself for the matches in the newest months only
# (``briefings.search.matching``): a common word's matches then cost what a page shows, not what
# the archive holds.
MONTH_WORD_PREFIX = "ym"
UNDATED_WORD = MONTH_WORD_PREFIX + "none"


def month_word(date):
    return f"{MONTH_WORD_PREFIX}{date:%Y%m}" if date else UNDATED_WORD


def month_words(first, last):
    """The month words from ``first``'s month to ``last``'s, both included."""
    return [month_word(day) for day in months.first_days(first, last)]


# And a word for each of its topics ("tpcountries12": vocabulary key and topic id), so that a
# search with a facet asks the index for the matches on that topic only. The row is written from
# the article's row and topic links as they are in the database, but Wagtail indexes an article
# when its row is saved, before its links are (``stats_updates`` then indexes again an article
# whose topics changed: ``reindex``). A row may keep the word of a deleted topic: a search only
# narrows with the words of topics that exist, and still filters on the links.
TOPIC_WORD_PREFIX = "tp"


def topic_word(vocabulary_key, topic_id):
    return f"{TOPIC_WORD_PREFIX}{vocabulary_key}{topic_id}"


def topic_words(keys):
    """The words of topic keys ``(vocabulary key, topic id)``, in one order whoever writes them."""
    return " ".join(topic_word(*key) for key in sorted(keys))


def reindex(model, objects):
    """Write the search index rows of ``objects`` (of ``model``) again, in one statement per
    backend."""
    objects = list(objects)
    if objects:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)
