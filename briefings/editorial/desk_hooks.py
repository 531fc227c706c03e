"""The fellows' desk in the admin (``wagtail_hooks`` imports this module for its hooks): the dashboard
panel, the author profile view, and the autosave guard around review actions."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.ui.components import Component

from briefings.articles.models import Author

from .autosave import refuse_autosave
from .desk import GROUPS, desk_for
from .desk_views import author_profile


@hooks.register("before_edit_page")
def no_autosave_over_a_review(request, page):
    return refuse_autosave(request, page)


class FellowsDeskPanel(Component):
    """A fellow's own articles by review status, with "Write new analysis"."""

    name = "fellows_desk"
    template_name = "editorial/desk_panel.html"
    order = 50

    def __init__(self, user, has_profile):
        self.user = user
        self.has_profile = has_profile

    def get_context_data(self, parent_context):
        desk = desk_for(self.user)
        return {
            "desk": desk,
            "groups": [(key, label, desk.groups[key]) for key, label in GROUPS.items()],
            "profile_url": reverse("editorial_author_profile") if self.has_profile else None,
        }


def _has_author_profile(user):
    return Author.objects.filter(user_id=user.pk).exists()


@hooks.register("construct_homepage_panels")
def add_fellows_desk(request, panels):
    """On the dashboard of anyone who writes: an account with an author profile."""
    if _has_author_profile(request.user):
        panels.append(FellowsDeskPanel(request.user, has_profile=True))


@hooks.register("register_admin_urls")
def desk_urls():
    return [path("desk/profile/", author_profile, name="editorial_author_profile")]


@hooks.register("register_account_menu_item")
def author_profile_menu_item(request):
    """On the account page (Account › …), for those who have an author profile."""
    if not _has_author_profile(request.user):
        return None
    return {
        "url": reverse("editorial_author_profile"),
        "label": "Your author profile",
        "help_text": "Your bio and photo, as readers see them.",
    }
