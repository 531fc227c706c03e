"""What saving or deleting one article changes for readers (``briefings.core.freshness``): the
month of its date (the article pages near it by date show it) and, when it is the oldest or newest
of its kind, that edge (the pages near that end show every article up to it); its topics and pairs
of topics (the hubs, topic feeds and intersections listing it); the words it has in the search
index (the searches finding it); as it was before the write and as it is after; ``ARTICLES``
(every listing) always. ``ArticlePage.save`` and ``delete`` run inside ``freshness.writing(ArticleWrite)``.
"""

import itertools

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import F, Func, TextField

from briefings.core import freshness

from .indexing import index_entries
from .stats import AUTHORS, TOTAL, ArticleTopicState


class ArticleWrite(freshness.ScopedWrite):
    def __init__(self, page, tables):
        self.page = page
        self.tables = tables

    @property
    def identity(self):
        return ("article", self.page.pk) if self.page.pk else id(self)

    def scopes(self):
        """The article's scopes as the database stands: its month, and the edges it is on, while it
        is live; its topics (and authors) while the statistics count it."""
        scopes = {freshness.ARTICLES}
        pk = self.page.pk
        if pk is None:
            return scopes
        row = (
            type(self.page)
            ._base_manager.filter(pk=pk, live=True)
            .values_list("date", "first_published_at")
            .first()
        )
        if row is not None and (row[0] or row[1]):
            date, first_published = row
            scopes.add(freshness.month(date or first_published.date()))
            scopes.update(edges(type(self.page)(pk=pk, date=date, first_published_at=first_published)))
        counted = ArticleTopicState.objects.filter(article_id=pk).values_list("topics", flat=True).first()
        topics = [tuple(key) for key in counted or () if key[0] not in (TOTAL[0], AUTHORS)]
        scopes.update(freshness.topic(key) for key in topics)
        scopes.update(freshness.pair(first, second) for first, second in itertools.combinations(topics, 2))
        scopes.update(freshness.lexeme(word) for word in indexed_words(type(self.page), pk))
        return scopes


def edges(article):
    """The edges (``freshness.edge``) a live article is on: no visible article of its kind (dated,
    undated) comes before it, or after it, by date (``beside``)."""
    dated = article.date is not None
    visible = type(article).objects.visible()
    return {
        freshness.edge(dated, later)
        for later in (False, True)
        if not visible.beside(article, later)[0 if dated else 1].exists()
    }


def indexed_words(model, pk):
    """The words (lexemes) of the article in the search index, where a search matches them in SQL
    (PostgreSQL, ``briefings.search.matching``); elsewhere none, and searches depend on every
    article."""
    if connection.vendor != "postgresql":
        return []
    found = (
        index_entries(model)
        .filter(object_id=str(pk))
        .annotate(
            words=Func(F("document"), function="tsvector_to_array", output_field=ArrayField(TextField()))
        )
        .values_list("words", flat=True)
        .first()
    )
    return found or []
