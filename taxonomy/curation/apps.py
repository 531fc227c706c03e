from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "taxonomy.curation"
    label = "curation"
    verbose_name = "Taxonomy curation"
    default_auto_field = "django.db.models.BigAutoField"
