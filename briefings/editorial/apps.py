from briefings.core import appconfig


class EditorialConfig(appconfig.ProjectAppConfig):
    name = "briefings.editorial"
    label = "editorial"
    verbose_name = "Editorial"
    signal_modules = ("signals",)
