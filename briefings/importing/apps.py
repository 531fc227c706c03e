from briefings.core import appconfig


class ImportingConfig(appconfig.ProjectAppConfig):
    name = "briefings.importing"
    label = "importing"
    verbose_name = "Importing"
