"""Admin views the editorial rules replace: Site history narrowed by ``privacy.history_visible_pages``."""

from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import PageLogEntry

from .privacy import history_visible_pages


class SiteHistoryView(LogEntriesView):
    """**Reports › Site history**, with the page entries of only those pages whose own History the
    user may open (what they may edit or publish); other entries (snippets, images…) as Wagtail
    shows them."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if queryset.model is PageLogEntry and not self.request.user.is_superuser:
            queryset = queryset.filter(page_id__in=history_visible_pages(self.request.user).values("pk"))
        return queryset
