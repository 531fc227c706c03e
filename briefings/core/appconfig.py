from importlib import import_module

from django.apps import AppConfig


class ProjectAppConfig(AppConfig):
    """Every app of the project: its signal handlers connect in ``ready()``, from the modules it
    names in ``signal_modules`` (each has a ``connect_signals()``), never as a side effect of an
    import."""

    default_auto_field = "django.db.models.BigAutoField"
    signal_modules = ()

    def ready(self):
        for module in self.signal_modules:
            import_module(f"{self.name}.{module}").connect_signals()
