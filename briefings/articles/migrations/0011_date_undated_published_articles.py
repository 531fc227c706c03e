"""A published article always has a date now (``ArticlePage.save`` fills it in with the day it was
first published): give the ones published without a date that day, so listings that sort on the
date (indexed) put them where readers expect."""

from django.db import migrations


def date_undated(apps, schema_editor):
    ArticlePage = apps.get_model("briefings", "ArticlePage")
    undated = ArticlePage.objects.filter(date__isnull=True, first_published_at__isnull=False)
    for pk, published in undated.values_list("pk", "first_published_at").iterator():
        ArticlePage.objects.filter(pk=pk).update(date=published.date())


class Migration(migrations.Migration):
    dependencies = [("briefings", "0010_topic_stats")]

    operations = [migrations.RunPython(date_undated, migrations.RunPython.noop)]
