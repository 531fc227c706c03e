from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = "Taxonomy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import redirects

        redirects.connect_signals()
