"""Build the page tree a fresh site needs: a ``HomePage`` as the site root and the briefings index.

``briefings.editorial.setup.ensure_site`` adds the editorial roles and workflow on top."""

from django.db import transaction

from wagtail.models import Page, Site

from .models import BriefingIndexPage, HomePage

HOME_INTRO = (
    "Analysis of China's bilateral relations and its global initiatives, by country, initiative and sector."
)


@transaction.atomic
def ensure_site_tree():
    """Return ``(home, index)``, creating them if missing; safe to run any number of times."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's first migration leaves a placeholder "Welcome" page at the site root.
        placeholder = Page.objects.filter(depth=2, slug="home", content_type__model="page").first()
        if placeholder is not None:
            placeholder.delete()
            root.refresh_from_db()
        home = root.add_child(instance=HomePage(title="Briefings", slug="home", introduction=HOME_INTRO))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Briefings"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or "Briefings"
        site.save()
    index = BriefingIndexPage.objects.first()
    if index is None:
        home.refresh_from_db()
        index = home.add_child(
            instance=BriefingIndexPage(
                title="Analysis", slug="briefings", introduction="All published analysis, newest first."
            )
        )
        index.save_revision().publish()
    return home, index
