"""The article↔topic link models move from the taxonomy app to this one (the articles), so that
the vocabularies know nothing of articles. Their tables keep their names and rows: only Django's
record of which app owns them changes, and their content types move with them (so permissions
granted on them stay)."""

import django.db.models.deletion
from django.db import migrations, models

import modelcluster.contrib.taggit
import modelcluster.fields

LINK_MODELS = ("articlecountry", "articleinitiative", "articlesector")


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in LINK_MODELS:
        if not ContentType.objects.filter(app_label="briefings", model=model).exists():
            ContentType.objects.filter(app_label="taxonomy", model=model).update(app_label="briefings")


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in LINK_MODELS:
        if not ContentType.objects.filter(app_label="taxonomy", model=model).exists():
            ContentType.objects.filter(app_label="briefings", model=model).update(app_label="taxonomy")


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0003_editorial_roles"),
        ("taxonomy", "0002_seed_vocabularies"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name="ArticleCountry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "content_object",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="country_items",
                        to="briefings.articlepage",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_items",
                        to="taxonomy.country",
                    ),
                ),
            ],
            options={
                "db_table": "taxonomy_articlecountry",
                "indexes": [models.Index(fields=["tag", "content_object"], name="article_country_tag_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("content_object", "tag"), name="unique_article_country")
                ],
            },
        ),
        migrations.CreateModel(
            name="ArticleInitiative",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "content_object",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="initiative_items",
                        to="briefings.articlepage",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_items",
                        to="taxonomy.initiative",
                    ),
                ),
            ],
            options={
                "db_table": "taxonomy_articleinitiative",
                "indexes": [models.Index(fields=["tag", "content_object"], name="article_initiative_tag_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("content_object", "tag"), name="unique_article_initiative")
                ],
            },
        ),
        migrations.CreateModel(
            name="ArticleSector",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "content_object",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sector_items",
                        to="briefings.articlepage",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_items",
                        to="taxonomy.sector",
                    ),
                ),
            ],
            options={
                "db_table": "taxonomy_articlesector",
                "indexes": [models.Index(fields=["tag", "content_object"], name="article_sector_tag_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("content_object", "tag"), name="unique_article_sector")
                ],
            },
        ),
        migrations.AlterField(
            model_name="articlepage",
            name="countries",
            field=modelcluster.contrib.taggit.ClusterTaggableManager(
                blank=True,
                help_text="A comma-separated list of tags.",
                through="briefings.ArticleCountry",
                to="taxonomy.Country",
                verbose_name="Tags",
            ),
        ),
        migrations.AlterField(
            model_name="articlepage",
            name="initiatives",
            field=modelcluster.contrib.taggit.ClusterTaggableManager(
                blank=True,
                help_text="A comma-separated list of tags.",
                through="briefings.ArticleInitiative",
                to="taxonomy.Initiative",
                verbose_name="Tags",
            ),
        ),
        migrations.AlterField(
            model_name="articlepage",
            name="sectors",
            field=modelcluster.contrib.taggit.ClusterTaggableManager(
                blank=True,
                help_text="A comma-separated list of tags.",
                through="briefings.ArticleSector",
                to="taxonomy.Sector",
                verbose_name="Tags",
            ),
        ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
