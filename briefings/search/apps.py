from briefings.core import appconfig


class SearchConfig(appconfig.ProjectAppConfig):
    name = "briefings.search"
    label = "briefings_search"
    verbose_name = "Search"
