"""Admin routes the editorial rules take over from Wagtail's (``briefings.urls`` puts them first),
with the admin's own access check."""

from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access

from .views import SiteHistoryView


def admin_view(view):
    return never_cache(require_admin_access(view))


# Under /admin/reports/, the paths of Wagtail's Site history report (its URL names still reverse to them).
urlpatterns = [
    path("site-history/", admin_view(SiteHistoryView.as_view())),
    path(
        "site-history/results/",
        admin_view(SiteHistoryView.as_view(results_only=True)),
    ),
]
