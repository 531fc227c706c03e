from django.apps import AppConfig


class HubsConfig(AppConfig):
    name = "taxonomy.hubs"
    label = "hubs"
    verbose_name = "Topic hubs"
    default_auto_field = "django.db.models.BigAutoField"
