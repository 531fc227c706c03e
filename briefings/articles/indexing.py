"""Wagtail's search index rows of articles, as searches match them on PostgreSQL
(``briefings.search.matching``) and as an article's save reads its words
(``briefings.articles.scopes``)."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db.models import F
from django.db.models.expressions import CombinedExpression

from wagtail.search.models import IndexEntry


def index_entries(model):
    """The index rows of ``model``, with ``document``: title and body together, the expression the
    GIN index (``briefings.search`` migration 0001) covers."""
    return IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).alias(
        document=CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    )
