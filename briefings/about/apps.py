from briefings.core import appconfig


class AboutConfig(appconfig.ProjectAppConfig):
    """The About and Contact pages."""

    name = "briefings.about"
    label = "about"
    verbose_name = "About and Contact"
