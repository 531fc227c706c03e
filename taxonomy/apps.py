from briefings.core import appconfig


class TaxonomyConfig(appconfig.ProjectAppConfig):
    name = "taxonomy"
    label = "taxonomy"
    verbose_name = "Taxonomy"
    signal_modules = ("redirects",)
