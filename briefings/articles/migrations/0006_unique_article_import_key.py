"""One article per import identity (kept apart from 0005 so that the index is built after, and
not in the same transaction as, the data migration)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("briefings", "0005_articlepage_import_key")]

    operations = [
        migrations.AddConstraint(
            model_name="articlepage",
            constraint=models.UniqueConstraint(
                condition=models.Q(("import_key", ""), _negated=True),
                fields=("import_key",),
                name="unique_article_import_key",
            ),
        ),
    ]
