from briefings.core import appconfig


class CoreConfig(appconfig.ProjectAppConfig):
    name = "briefings.core"
    label = "briefings_core"
    verbose_name = "Briefings core"
