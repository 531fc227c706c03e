from briefings.core import appconfig


class AlertsConfig(appconfig.ProjectAppConfig):
    name = "briefings.alerts"
    label = "alerts"
    verbose_name = "Email alerts"
    signal_modules = ("signals",)
