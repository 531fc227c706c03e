from django.apps import AppConfig


class SuggestConfig(AppConfig):
    name = "taxonomy.suggest"
    label = "suggest"
    verbose_name = "Topic suggestion"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import adapter

        adapter.connect_signals()
