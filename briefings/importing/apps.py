from django.apps import AppConfig


class ImportingConfig(AppConfig):
    name = "briefings.importing"
    label = "importing"
    verbose_name = "Importing"
    default_auto_field = "django.db.models.BigAutoField"
