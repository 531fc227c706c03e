"""Editorial roles: the Research Fellows and Editors groups and their permissions (idempotent: on a
database that had them from ``briefings.0003``, it only adds what is missing).

Page permissions and the review workflow need the briefings index, which a fresh database does
not have yet: ``ensure_site_tree`` adds them when it builds the index (and this migration does,
on a database that already has it).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from briefings.editorial.roles import ensure_editorial_setup

    # Permissions are normally created after the last migration has run (post_migrate); the
    # groups need them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    ensure_editorial_setup(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0004_topic_links_move_to_articles"),
        ("taxonomy", "0003_topic_links_move_to_articles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
