"""Wagtail's search index rows of articles, as searches match them on PostgreSQL
(``briefings.search.matching``) and as an article's save reads its words
(``briefings.articles.scopes``), and the month word an article's row carries."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db.models import F
from django.db.models.expressions import CombinedExpression

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
