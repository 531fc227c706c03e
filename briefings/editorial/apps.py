from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "briefings.editorial"
    label = "editorial"
    verbose_name = "Editorial"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (connects the new-article byline handler)
