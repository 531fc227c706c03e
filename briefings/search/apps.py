from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "briefings.search"
    label = "briefings_search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"
