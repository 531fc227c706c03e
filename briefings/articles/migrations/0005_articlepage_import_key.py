"""Imported articles get an import identity, ``import_key``: a hash of the source file's absolute
path (``import_path``, which the importer has always stored resolved). Existing imported articles
are keyed from their ``import_path``, so re-importing their files still finds them; when several
pages share one ``import_path`` (copies made in the admin carried it along) the oldest keeps it and
the copies count as written in the admin."""

import hashlib

from django.db import migrations, models


def key_for(import_path):
    # The same as briefings.importing.service.import_key (copied: a migration must not change
    # when the code does).
    return hashlib.sha256(import_path.encode("utf-8", "surrogateescape")).hexdigest()


def key_imported_articles(apps, schema_editor):
    ArticlePage = apps.get_model("briefings", "ArticlePage")
    taken = set()
    for pk, import_path in (
        ArticlePage.objects.exclude(import_path="").order_by("pk").values_list("pk", "import_path")
    ):
        key = key_for(import_path)
        if key in taken:
            continue
        taken.add(key)
        ArticlePage.objects.filter(pk=pk).update(import_key=key)


class Migration(migrations.Migration):
    dependencies = [("briefings", "0004_topic_links_move_to_articles")]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="import_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.RunPython(key_imported_articles, migrations.RunPython.noop),
    ]
