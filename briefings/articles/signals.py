from django.db.models.signals import post_migrate

from .setup import apply_site_url


def site_url_after_migrate(sender, app_config=None, **kwargs):
    """``manage.py migrate`` applies ``SITE_URL`` to the Wagtail Site (a deploy step)."""
    if app_config is not None and app_config.label == "briefings":
        apply_site_url()


def connect_signals():
    post_migrate.connect(site_url_after_migrate, dispatch_uid="briefings_site_url_after_migrate")
