"""Build the page tree a fresh site needs: a ``HomePage`` as the site root and the briefings index.

``briefings.editorial.setup.ensure_site`` adds the editorial roles and workflow on top."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
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
        hostname, port = site_address(settings.SITE_URL) if settings.SITE_URL else ("localhost", 80)
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Briefings"
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


def site_address(url):
    """``(hostname, port)`` of a Wagtail Site for ``SITE_URL``: "https://example.org" is
    ("example.org", 443), "http://127.0.0.1:8001" ("127.0.0.1", 8001)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ImproperlyConfigured(f"SITE_URL must look like https://briefings.example.org, not {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https" and port != 443:
        raise ImproperlyConfigured(
            "SITE_URL: an https address must use port 443 (Wagtail derives the scheme from it)"
        )
    return parts.hostname, port


def apply_site_url():
    """Point the default Wagtail Site at ``SITE_URL`` (when set); returns the site if it changed."""
    if not settings.SITE_URL:
        return None
    hostname, port = site_address(settings.SITE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return None
    site.hostname, site.port = hostname, port
    site.save()
    return site
