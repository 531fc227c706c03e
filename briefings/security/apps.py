from briefings.core import appconfig


class SecurityConfig(appconfig.ProjectAppConfig):
    name = "briefings.security"
    label = "briefings_security"
    verbose_name = "Security"
