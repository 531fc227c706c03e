from briefings.core import appconfig


class PeopleConfig(appconfig.ProjectAppConfig):
    name = "briefings.people"
    label = "people"
    verbose_name = "People"
