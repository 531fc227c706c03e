from briefings.core import appconfig


class HubsConfig(appconfig.ProjectAppConfig):
    name = "taxonomy.hubs"
    label = "hubs"
    verbose_name = "Topic hubs"
