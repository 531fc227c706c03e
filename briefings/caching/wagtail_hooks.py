"""Settings › Public site cache, for those who may publish (``views.may_purge``)."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import may_purge, purge_view


class PurgeMenuItem(MenuItem):
    def is_shown(self, request):
        return may_purge(request.user)


@hooks.register("register_admin_urls")
def register_purge_urls():
    return [path("page-cache/purge/", purge_view, name="page_cache_purge")]


@hooks.register("register_settings_menu_item")
def register_purge_menu_item():
    return PurgeMenuItem("Public site cache", reverse("page_cache_purge"), icon_name="resubmit", order=660)
