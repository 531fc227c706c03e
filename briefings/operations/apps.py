from briefings.core import appconfig


class OperationsConfig(appconfig.ProjectAppConfig):
    name = "briefings.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self):
        super().ready()
        from . import checks

        checks.register()
