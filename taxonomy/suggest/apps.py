from briefings.core import appconfig


class SuggestConfig(appconfig.ProjectAppConfig):
    name = "taxonomy.suggest"
    label = "suggest"
    verbose_name = "Topic suggestion"
    signal_modules = ("adapter",)
