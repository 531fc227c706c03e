"""Editorial workflow in the admin: fellows write and submit, editors review and publish."""

from django.contrib import messages
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .bylines import may_delete_or_move
from .review import awaiting_review
from .roles import is_editor


def refuse_unless_publisher(request, page):
    if not may_delete_or_move(request.user, page):
        messages.error(request, "Only editors may delete or move articles.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_delete_page")
def only_publishers_delete(request, page):
    return refuse_unless_publisher(request, page)


@hooks.register("before_move_page")
def only_publishers_move(request, page, destination):
    return refuse_unless_publisher(request, page)


@hooks.register("before_bulk_action")
def only_publishers_bulk_delete_or_move(request, action_type, objects, action_class_instance):
    if action_type in ("delete", "move") and not all(
        may_delete_or_move(request.user, page) for page in objects
    ):
        messages.error(request, "Only editors may delete or move articles.")
        return redirect("wagtailadmin_home")
    return None


class AwaitingReviewPanel(Component):
    """The editors' dashboard list of submitted articles, with the topics the suggester proposes."""

    name = "awaiting_editorial_review"
    template_name = "editorial/awaiting_review_panel.html"
    order = 100

    def get_context_data(self, parent_context):
        return {"submissions": awaiting_review()}


@hooks.register("construct_homepage_panels")
def add_awaiting_review_panel(request, panels):
    if is_editor(request.user):
        panels.append(AwaitingReviewPanel())
