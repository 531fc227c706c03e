"""Reports › Email alerts, for editors: subscriber counts per topic, intersection and author."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from briefings.editorial.roles import is_editor

from .report import subscriber_counts


def alerts_report(request):
    if not is_editor(request.user):
        raise PermissionDenied
    sections, addresses = subscriber_counts()
    return TemplateResponse(
        request, "alerts/admin/report.html", {"sections": sections, "addresses": addresses}
    )


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_editor(request.user)


@hooks.register("register_admin_urls")
def register_alerts_report_url():
    return [path("reports/email-alerts/", alerts_report, name="alerts_report")]


@hooks.register("register_reports_menu_item")
def register_alerts_report_menu_item():
    return EditorsMenuItem("Email alerts", reverse("alerts_report"), icon_name="mail", order=900)
