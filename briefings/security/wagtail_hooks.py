"""Settings › Sign-in lockouts, for users with django-axes' "delete access attempt" permission
(superusers, and the Editors group: ``briefings.editorial.roles``)."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .lockouts import may_unlock
from .views import lockouts_view


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_unlock(request.user)


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [path("sign-in-lockouts/", lockouts_view, name="sign_in_lockouts")]


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem("Sign-in lockouts", reverse("sign_in_lockouts"), icon_name="lock", order=650)


@hooks.register("register_permissions")
def register_unlock_permission():
    """Lets Settings › Groups grant the permission to unlock sign-ins."""
    return Permission.objects.filter(
        content_type__app_label="axes", codename__in=["view_accessattempt", "delete_accessattempt"]
    )
