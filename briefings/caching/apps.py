from briefings.core import appconfig


class CachingConfig(appconfig.ProjectAppConfig):
    """Knows no content model: it watches every write to the database (``invalidation``), so it
    sits low in ``PROJECT_APPS`` and any app may ask it to forget what it has cached."""

    name = "briefings.caching"
    label = "caching"
    verbose_name = "Page cache"
    signal_modules = ("invalidation",)
