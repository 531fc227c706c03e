from briefings.core import appconfig


class ApiConfig(appconfig.ProjectAppConfig):
    name = "briefings.api"
    label = "briefings_api"
    verbose_name = "API"
