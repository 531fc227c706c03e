"""Adds each article's topic words (``briefings.articles.indexing.topic_word``) to its row in
Wagtail's search index, as the index writes them from now on (``ArticlePage.search_topics``, after
the month word): a search with a facet asks the index for the matches on its topics
(``briefings.search.matching``), and a row without its words would be missed. Nothing on SQLite
(FTS5), which searches unwindowed. A row that already has its first word is left as it is.
"""

import importlib

from django.db import migrations

month_words = importlib.import_module("briefings.search.migrations.0002_month_words")

# As ``briefings.articles.indexing`` words them, kept here as they were when this migration was made.
TOPIC_WORD_PREFIX = "tp"
LINKS = {"countries": "ArticleCountry", "initiatives": "ArticleInitiative", "sectors": "ArticleSector"}

SQL = """
UPDATE wagtailsearch_indexentry AS e
SET body = e.body || setweight(to_tsvector({config}w.words), %(weight)s),
    body_text = e.body_text || ' ' || w.words
FROM (
    SELECT l.id, string_agg(l.word, ' ' ORDER BY l.key, l.tag_id) AS words, min(l.word) AS first
    FROM ({links}) AS l
    GROUP BY l.id
) AS w
WHERE e.content_type_id = %(content_type)s AND e.object_id = w.id
  AND NOT e.body @@ w.first::tsquery
"""
LINK_SQL = (
    "SELECT content_object_id::text AS id, '{key}' AS key, tag_id, %(prefix)s || '{key}' || tag_id AS word "
    "FROM {table}"
)


def add_topic_words(apps, schema_editor):
    quote = schema_editor.connection.ops.quote_name
    links = " UNION ALL ".join(
        LINK_SQL.format(key=key, table=quote(apps.get_model("briefings", model)._meta.db_table))
        for key, model in LINKS.items()
    )
    # ``{config}`` is left for the shared runner to fill.
    sql = SQL.replace("{links}", links)
    month_words.update_article_rows(apps, schema_editor, sql, {"prefix": TOPIC_WORD_PREFIX})


class Migration(migrations.Migration):
    dependencies = [
        ("briefings_search", "0002_month_words"),
        ("briefings", "0012_author_statistics"),
    ]

    operations = [migrations.RunPython(add_topic_words, migrations.RunPython.noop, elidable=False)]
