from django.db import migrations


def seed(apps, schema_editor):
    from taxonomy.seed import seed_vocabularies

    seed_vocabularies(
        apps.get_model("taxonomy", "Region"),
        apps.get_model("taxonomy", "Country"),
        apps.get_model("taxonomy", "Initiative"),
        apps.get_model("taxonomy", "Sector"),
    )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
