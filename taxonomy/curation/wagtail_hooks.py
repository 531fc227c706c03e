"""One "Taxonomy" menu for the vocabularies, plus the merge action."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from taxonomy.models import Country, Initiative, Region, Sector
from taxonomy.vocabularies import TAG_VOCABULARIES

from .views import merge_view


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    list_display = ["name", "alpha2", "region"]
    list_filter = ["region"]
    search_fields = ["name", "alpha2", "aliases"]
    ordering = ["name"]


class InitiativeViewSet(SnippetViewSet):
    model = Initiative
    icon = "pick"
    list_display = ["name", "acronym", "launch_year"]
    search_fields = ["name", "acronym", "aliases"]


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name", "keywords"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["name", "continent"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomy"
    menu_icon = "tag"
    menu_order = 210
    items = (CountryViewSet, InitiativeViewSet, SectorViewSet, RegionViewSet)


register_snippet(TaxonomyGroup)


@hooks.register("register_admin_urls")
def register_taxonomy_admin_urls():
    return [
        path("taxonomy/merge/<str:vocabulary>/<int:pk>/", merge_view, name="taxonomy_merge"),
    ]


@hooks.register("register_snippet_listing_buttons")
def merge_button(snippet, user, next_url=None):
    for vocabulary in TAG_VOCABULARIES:
        if isinstance(snippet, vocabulary.model) and all(
            user.has_perm(get_permission_name(action, vocabulary.model)) for action in ("change", "delete")
        ):
            url = reverse("taxonomy_merge", kwargs={"vocabulary": vocabulary.key, "pk": snippet.pk})
            yield MenuItem("Merge into…", url, icon_name="resubmit", priority=40)
