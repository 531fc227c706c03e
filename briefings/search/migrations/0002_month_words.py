"""Adds each article's month word (``briefings.articles.indexing.month_word``) to its row in
Wagtail's search index, as the index writes it from now on (``ArticlePage.search_month``, the last
of the body's fields): searches look for the newest matches by month (``briefings.search.matching``),
and a row without its word would be missed. Nothing on SQLite (FTS5), which searches unwindowed.
"""

from django.db import migrations

from modelsearch.backends.database.postgres.weights import get_weight

# As ``briefings.articles.indexing`` words them, kept here as they were when this migration was made.
MONTH_WORD_PREFIX = "ym"
UNDATED_WORD = "ymnone"

SQL = """
UPDATE wagtailsearch_indexentry AS e
SET body = e.body || setweight(to_tsvector({config}m.word), %(weight)s),
    body_text = e.body_text || ' ' || m.word
FROM (
    SELECT a.page_ptr_id::text AS id,
           CASE WHEN a.date IS NULL THEN %(undated)s ELSE %(prefix)s || to_char(a.date, 'YYYYMM') END AS word
    FROM briefings_articlepage AS a
) AS m
WHERE e.content_type_id = %(content_type)s AND e.object_id = m.id
  AND NOT e.body @@ m.word::tsquery
"""


def update_article_rows(apps, schema_editor, sql, params):
    """Run ``sql`` (an UPDATE of Wagtail's index rows, with ``{config}`` where the text search
    configuration goes) with ``params`` and ``content_type`` (the articles'), ``config`` and
    ``weight`` (a plain search field's); nothing but on PostgreSQL, or where there is no article
    type yet. Migration 0003 runs its own UPDATE through this too."""
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
    with connection.cursor() as cursor:
        cursor.execute(
            sql.format(config="%(config)s::regconfig, " if config else ""),
            {**params, "config": config, "weight": get_weight(None), "content_type": content_type.pk},
        )


def add_month_words(apps, schema_editor):
    update_article_rows(apps, schema_editor, SQL, {"undated": UNDATED_WORD, "prefix": MONTH_WORD_PREFIX})


class Migration(migrations.Migration):
    dependencies = [
        ("briefings_search", "0001_search_index_title_body"),
        ("briefings", "0012_author_statistics"),
    ]

    operations = [migrations.RunPython(add_month_words, migrations.RunPython.noop, elidable=False)]
