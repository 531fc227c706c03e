from briefings.core import appconfig


class EditorialConfig(appconfig.ProjectAppConfig):
    name = "briefings.editorial"
    label = "editorial"
    verbose_name = "Editorial"
    signal_modules = ("signals",)

    def ready(self):
        super().ready()
        # Before any admin view asks for it (Wagtail allows AppConfig.ready() for this).
        from .privacy import register_page_policy

        register_page_policy()
