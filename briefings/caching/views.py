"""Settings › Public site cache: editors empty the page cache (and the CDN's) by hand, e.g. after
changing a template or an image file in place."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.permission_policies.pages import PagePermissionPolicy

from .invalidation import forget_everything


def may_purge(user):
    """Whoever may publish a page (editors, superusers) may refresh what readers are served."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


@require_http_methods(["GET", "POST"])
def purge_view(request):
    if not may_purge(request.user):
        raise PermissionDenied
    if request.method == "POST":
        forget_everything()
        messages.success(request, "The public site's cache was emptied: readers now get every page fresh.")
        return redirect("wagtailadmin_home")
    return TemplateResponse(request, "caching/admin/purge.html", {"frontend_cache": bool(get_backends())})
