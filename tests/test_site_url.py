"""SITE_URL: the one public address of the site, applied to the Wagtail Site that every absolute
address is built from; production refuses to run while the Site is still localhost."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from wagtail.models import Site

import pytest

from briefings.articles.setup import apply_site_url, site_address
from briefings.operations.checks import public_site_address

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://briefings.example.org", ("briefings.example.org", 443)),
        ("http://127.0.0.1:8001/", ("127.0.0.1", 8001)),
        ("http://briefings.example.org", ("briefings.example.org", 80)),
    ],
)
def test_site_url_gives_the_sites_host_and_port(url, address):
    assert site_address(url) == address


@pytest.mark.parametrize(
    "url", ["briefings.example.org", "ftp://x.org", "https://x.org/sub/", "https://x.org:8443"]
)
def test_a_site_url_wagtail_cannot_represent_is_refused_with_a_message(url):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        site_address(url)


def test_migrate_applies_site_url_so_absolute_addresses_use_it(site_tree, settings, client):
    settings.SITE_URL = "https://briefings.example.org"
    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "briefings.example.org",
        443,
        "https://briefings.example.org",
    )
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://briefings.example.org/sitemap.xml" in robots


def test_without_site_url_the_site_is_left_alone(site_tree, settings):
    settings.SITE_URL = ""
    assert apply_site_url() is None
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


def test_deploy_check_fails_while_the_site_is_localhost(site_tree, settings):
    errors = public_site_address()
    assert [error.id for error in errors] == ["operations.E004"]
    assert isinstance(errors[0], checks.Error)
    settings.SITE_URL = "https://briefings.example.org"
    apply_site_url()
    assert public_site_address() == []


def test_deploy_check_accepts_a_local_address_that_site_url_asks_for(site_tree, settings):
    settings.SITE_URL = "http://127.0.0.1:8123"  # make serve, make loadtest
    assert [error.id for error in public_site_address()] == ["operations.E004"]  # not applied yet
    apply_site_url()
    assert public_site_address() == []


def test_site_tree_on_a_fresh_database_uses_site_url(db, settings):
    from briefings.articles.setup import ensure_site_tree

    Site.objects.all().delete()
    settings.SITE_URL = "http://127.0.0.1:8123"
    ensure_site_tree()
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8123"
