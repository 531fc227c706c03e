"""A GIN index on what Wagtail's database search backend matches on PostgreSQL.

Its full-text query filters on ``(title || body) @@ tsquery`` (modelsearch's
``PostgresSearchQueryCompiler.search``): the separate GIN indexes on ``title`` and on ``body`` cannot
serve that expression, so every search read the whole index table. Nothing on SQLite (FTS5).
"""

from django.db import migrations

INDEX = "briefings_search_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
