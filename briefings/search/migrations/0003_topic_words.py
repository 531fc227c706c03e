"""Adds each article's topic words (``briefings.articles.indexing.topic_word``) to its row in
Wagtail's search index, as the index writes them from now on (``ArticlePage.search_topics``, after
the month word): a search with a facet asks the index for the matches on its topics
(``briefings.search.matching``), and a row without its words would be missed. Nothing on SQLite
(FTS5), which searches unwindowed. A row that already has its first word is left as it is.
"""

from django.db import migrations

from modelsearch.backends.database.postgres.weights import get_weight

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
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.using(connection.alias)
        .filter(app_label="briefings", model="articlepage")
        .first()
    )
    if content_type is None:  # a new database: no article, no row
        return
    from wagtail.search.backends import get_search_backend

    config = getattr(get_search_backend(), "config", None)
    quote = connection.ops.quote_name
    links = " UNION ALL ".join(
        LINK_SQL.format(key=key, table=quote(apps.get_model("briefings", model)._meta.db_table))
        for key, model in LINKS.items()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            SQL.format(config="%(config)s::regconfig, " if config else "", links=links),
            {
                "config": config,
                "weight": get_weight(None),
                "prefix": TOPIC_WORD_PREFIX,
                "content_type": content_type.pk,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("briefings_search", "0002_month_words"),
        ("briefings", "0012_author_statistics"),
    ]

    operations = [migrations.RunPython(add_topic_words, migrations.RunPython.noop, elidable=False)]
