"""Wagtail's default "Moderators" group and "Moderators approval" workflow give way to the Editors
and "Editorial review" on a database that already has its page tree (``roles._retire_default_moderation``;
a fresh one retires them when set-up builds the tree). Idempotent, like 0001."""

from django.db import migrations


def retire(apps, schema_editor):
    from briefings.editorial.roles import ensure_editorial_setup

    ensure_editorial_setup(apps)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0002_editors_unlock_sign_ins")]

    operations = [migrations.RunPython(retire, migrations.RunPython.noop)]
