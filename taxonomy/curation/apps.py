from briefings.core import appconfig


class CurationConfig(appconfig.ProjectAppConfig):
    name = "taxonomy.curation"
    label = "curation"
    verbose_name = "Taxonomy curation"
