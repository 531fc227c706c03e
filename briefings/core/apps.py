from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "briefings.core"
    label = "briefings_core"
    verbose_name = "Briefings core"
    default_auto_field = "django.db.models.BigAutoField"
