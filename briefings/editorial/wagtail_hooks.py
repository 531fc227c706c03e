"""Editorial workflow in the admin: fellows write and submit, editors review and publish."""

from django.contrib import messages
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path

from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import desk_hooks  # noqa: F401 (registers the fellows' desk and autosave guard hooks)
from .bylines import check_byline, may_delete_or_move
from .privacy import refuse_unless_visible, visible_pages_for
from .review import awaiting_review
from .roles import is_editor
from .topics import add_topic


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


# A fellow may add co-authors to her article but not take herself (or the published byline) off it.
hooks.register("check_article_form", check_byline)


# Drafts stay private between fellows (privacy.py). The explorer listing, admin search, admin API and
# site history start from the page permission policy privacy.py registers; these cover the rest.


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_only_visible_drafts(parent_page, pages, request):
    """The explorer (its listing and the admin API's ``for_explorer``): a hidden page cannot be
    opened as a parent (its title is the heading), and its hidden children are left out."""
    refuse_unless_visible(request.user, parent_page)
    return visible_pages_for(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_only_visible_drafts(pages, request):
    """The page chooser, browsing and searching; browsing into a hidden page is refused."""
    parent_page_id = request.resolver_match.kwargs.get("parent_page_id") if request.resolver_match else None
    if parent_page_id is not None:
        refuse_unless_visible(request.user, parent_page_id)
    return visible_pages_for(request.user, pages)


class AwaitingReviewPanel(Component):
    """The editors' dashboard list of submitted articles: the topics the suggester proposes beside
    those chosen (one click adds one), and the co-authors the writer added."""

    name = "awaiting_editorial_review"
    template_name = "editorial/awaiting_review_panel.html"
    order = 100

    def get_context_data(self, parent_context):
        request = parent_context.get("request") if parent_context else None
        return {
            "submissions": awaiting_review(),
            # For the one-click "Add" forms: a component is rendered without the request's context.
            "csrf_token": get_token(request) if request else "",
            "here": request.get_full_path() if request else "",
        }


@hooks.register("register_admin_urls")
def register_add_topic_url():
    return [path("editorial/articles/<int:page_id>/add-topic/", add_topic, name="editorial_add_topic")]


@hooks.register("construct_homepage_panels")
def add_awaiting_review_panel(request, panels):
    if is_editor(request.user):
        panels.append(AwaitingReviewPanel())
