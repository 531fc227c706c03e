"""Formerly: the editorial roles. That set-up is the editorial app's now
(``briefings/editorial/migrations/0001_editorial_roles.py``); this migration stays, empty, so
databases that applied it keep a consistent history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0002_articlepage_countries_articlepage_initiatives_and_more"),
        ("taxonomy", "0002_seed_vocabularies"),
    ]

    operations = []
