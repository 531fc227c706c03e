"""Issue 14, identity: what editors set under Settings › Identity shows in the header, the footer,
link previews, JSON-LD, feeds and emails; the favicon, app icons and manifest; About and Contact."""

import json

from django.core.exceptions import ValidationError

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

import feedparser
import pytest
from bs4 import BeautifulSoup

from briefings.about.models import AboutPage, ContactPage
from briefings.core import generation
from briefings.core.identity import identity_for
from briefings.core.models import SiteIdentity
from tests.factories import AuthorFactory, make_article

pytestmark = pytest.mark.django_db

CENTRE = "Centre for Silk Road Studies"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def json_ld(page):
    return [json.loads(script.string) for script in page.find_all("script", type="application/ld+json")]


@pytest.fixture
def identity(home):
    """The site's identity with every field set, a logo and About and Contact pages."""
    about = home.add_child(instance=AboutPage(title="About us", slug="about", introduction="Who we are."))
    about.save_revision().publish()
    contact = home.add_child(instance=ContactPage(title="Contact", slug="contact"))
    contact.save_revision().publish()
    return SiteIdentity.objects.create(
        site=Site.objects.get(is_default_site=True),
        name=CENTRE,
        description="Research on China & its partners.",
        logo=Image.objects.create(title="Logo", file=get_test_image_file(size=(600, 600))),
        address="1 Sample Avenue\nIslamabad 44000",
        email="contact@example.org",
        phone="+92 51 555 0100",
        x_url="https://x.com/example",
        linkedin_url="https://www.linkedin.com/company/example",
        about_page=about,
        contact_page=contact,
    )


def test_without_settings_the_site_is_briefings_with_the_default_icons(client, index):
    page = soup(client.get("/briefings/"))
    assert page.title.string.endswith(" · Briefings")
    assert page.select_one(".site-title").get_text(strip=True) == "Briefings"
    assert page.select_one(".site-title img") is None
    assert page.find("meta", property="og:site_name")["content"] == "Briefings"
    icons = {
        link["rel"][0] + link.get("type", ""): link["href"] for link in page.select("head link[rel~=icon]")
    }
    assert icons == {
        "iconimage/png": "/static/icons/favicon-32.png",
        "iconimage/svg+xml": "/static/icons/favicon.svg",
    }
    assert page.select_one("link[rel=apple-touch-icon]")["href"] == "/static/icons/apple-touch-icon.png"
    assert page.select_one("link[rel=manifest]")["href"] == "/manifest.webmanifest"
    footer = page.select_one(".site-footer")
    assert (
        footer.select_one("address") is None and footer.select_one("nav[aria-label='Social media']") is None
    )
    assert [a["href"] for a in footer.select("nav[aria-label='About us'] a")] == ["/experts/"]
    assert client.get("/favicon.ico")["Location"] == "/static/icons/favicon-32.png"
    for path in ("/static/icons/favicon-32.png", "/static/icons/favicon.svg", "/static/icons/icon-512.png"):
        assert client.get(path).status_code == 200, path


def test_identity_shows_in_the_header_footer_and_page_titles(client, index, identity):
    page = soup(client.get("/briefings/"))
    assert page.title.string == f"Analysis · {CENTRE}"
    title = page.select_one("header .site-title")
    assert title.get_text(strip=True) == CENTRE and title["href"] == "/"
    logo = title.find("img")
    assert logo["src"].startswith("/media/images/") and logo["alt"] == "" and logo["height"] == "96"
    assert page.select_one("nav[aria-label=Main] a[href='/about/']").get_text() == "About"
    footer = page.select_one(".site-footer")
    assert "Research on China &amp; its partners." in str(footer)
    address = footer.select_one("address")
    assert [line.strip() for line in address.get_text("\n").splitlines() if line.strip()] == [
        "1 Sample Avenue",
        "Islamabad 44000",
        "contact@example.org",
        "+92 51 555 0100",
    ]
    assert address.select_one("a[href='mailto:contact@example.org']")
    assert address.select_one("a[href='tel:+92515550100']")
    social = footer.select_one("nav[aria-label='Social media']")
    assert [(a.get_text(), a["href"]) for a in social.select("a")] == [
        ("X", "https://x.com/example"),
        ("LinkedIn", "https://www.linkedin.com/company/example"),
    ]
    assert [a["href"] for a in footer.select("nav[aria-label='About us'] a")] == [
        "/about/",
        "/experts/",
        "/contact/",
    ]


def test_identity_is_the_publisher_in_link_previews_json_ld_and_feeds(client, index, identity):
    author = AuthorFactory(name="Hafsa Akram")
    article = make_article(index, "Xi Visits Astana", authors=[author])
    page = soup(client.get(article.url))
    assert page.find("meta", property="og:site_name")["content"] == CENTRE
    (data,) = json_ld(page)
    publisher = data["publisher"]
    assert publisher["name"] == CENTRE and publisher["url"] == "http://localhost/"
    assert publisher["logo"]["url"].startswith("http://localhost/media/images/")
    assert publisher["logo"]["url"].endswith(".fill-512x512.format-png.png")
    assert (publisher["logo"]["width"], publisher["logo"]["height"]) == (512, 512)
    assert publisher["sameAs"] == ["https://x.com/example", "https://www.linkedin.com/company/example"]
    (website,) = json_ld(soup(client.get("/")))
    assert website["name"] == CENTRE and website["description"] == "Research on China & its partners."

    feed = feedparser.parse(client.get("/feed/").content)
    assert feed.feed.title == f"{CENTRE}: latest analysis"
    assert feed.feed.description == "Research on China & its partners."
    assert (
        feedparser.parse(client.get(f"/authors/{author.slug}/feed/").content).feed.title
        == f"{CENTRE}: Hafsa Akram"
    )
    assert identity_for(Site.objects.get()).from_email == f"{CENTRE} <briefings@localhost>"


def test_citations_name_the_organisation_as_the_publisher(client, index, identity):
    article = make_article(index, "Xi Visits Astana", authors=[AuthorFactory(name="Hafsa Akram")])
    page = soup(client.get(article.url))
    apa = page.select_one('[data-citation="APA"] .cite__text').get_text()
    assert f"Xi Visits Astana. {CENTRE}. {article.full_url}" in apa
    assert f"” {CENTRE}, " in page.select_one('[data-citation="Chicago"] .cite__text').get_text()
    for name in ("citation_journal_title", "citation_publisher"):
        assert page.find("meta", attrs={"name": name})["content"] == CENTRE
    assert f"journal = {{{CENTRE}}}" in client.get(f"/cite/{article.pk}.bib").content.decode()
    assert f"PB  - {CENTRE}" in client.get(f"/cite/{article.pk}.ris").content.decode()


def test_a_change_to_the_identity_shows_at_once(client, index, identity):
    assert CENTRE in client.get("/").content.decode()
    identity.name = "Institute of Belt and Road Studies"
    identity.save()
    html = client.get("/").content.decode()
    assert "Institute of Belt and Road Studies" in html and CENTRE not in html
    # The About page renamed: the header follows it.
    about = AboutPage.objects.get()
    about.slug = "who-we-are"
    about.save_revision().publish()
    assert 'href="/who-we-are/">About</a>' in client.get("/").content.decode()
    about.unpublish()
    assert ">About</a>" not in client.get("/").content.decode()


@pytest.mark.parametrize("page_cache", [True, False], ids=["page cache on", "page cache off"])
def test_a_renamed_identity_shows_in_the_header_on_the_next_request(
    client, index, identity, settings, page_cache
):
    settings.PAGE_CACHE_ENABLED = page_cache

    def header():
        return soup(client.get("/briefings/")).select_one("header .site-title").get_text(strip=True)

    assert header() == CENTRE
    identity.name = "Institute of Belt and Road Studies"
    identity.save()
    assert header() == "Institute of Belt and Road Studies"


def test_outside_requests_the_identity_is_read_again_in_a_new_content_generation(index, identity):
    """As emails and commands read it: cached until the next content generation, which
    ``briefings.caching.invalidation`` starts once a write readers could see commits."""
    site = Site.objects.get()
    assert identity_for(site).name == identity_for(None).name == CENTRE
    SiteIdentity.objects.filter(pk=identity.pk).update(name="Institute of Belt and Road Studies")
    assert identity_for(None).name == CENTRE  # the cached identity
    generation.bump()
    assert identity_for(site).name == identity_for(None).name == "Institute of Belt and Road Studies"


def test_favicon_app_icons_and_manifest_are_made_from_the_logo(client, index, identity):
    page = soup(client.get("/"))
    icon = page.select_one("link[rel=icon][sizes='32x32']")["href"]
    assert icon.endswith(".fill-32x32.format-png.png")
    touch = page.select_one("link[rel=apple-touch-icon]")["href"]
    assert touch.endswith(".fill-180x180.format-png.png")
    assert client.get("/favicon.ico")["Location"] == icon
    assert client.get("/apple-touch-icon.png")["Location"] == touch
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == CENTRE and manifest["start_url"] == "/"
    sizes = {icon["sizes"]: icon["src"] for icon in manifest["icons"]}
    assert sizes["192x192"].endswith(".fill-192x192.format-png.png")
    assert sizes["512x512"].startswith("http://localhost/media/images/")
    assert sizes["any"] == "http://localhost/static/icons/favicon.svg"  # a PNG logo: the default SVG


def test_about_and_contact_pages_show_their_content_and_the_identitys_contact_details(
    client, index, identity
):
    about = soup(client.get("/about/"))
    assert about.h1.get_text() == "About us" and "Who we are." in about.get_text()
    contact = soup(client.get("/contact/"))
    details = contact.select_one("section[aria-labelledby=contact-details-heading]")
    assert details.h2.get_text() == CENTRE
    assert details.select_one("address").get_text("|") == "1 Sample Avenue|Islamabad 44000"
    assert details.select_one("a[href='mailto:contact@example.org']")


def test_the_default_share_image_previews_pages_without_their_own_and_needs_alt_text(client, index, identity):
    identity.share_image = Image.objects.create(title="Share", file=get_test_image_file(size=(1200, 700)))
    with pytest.raises(ValidationError) as refused:
        identity.full_clean()
    assert "share_image_alt" in refused.value.message_dict
    identity.share_image_alt = "The centre's emblem"
    identity.full_clean()
    identity.save()
    page = soup(client.get("/experts/"))
    assert page.find("meta", property="og:image")["content"].endswith(".fill-1200x630.png")
    assert page.find("meta", property="og:image:alt")["content"] == "The centre's emblem"
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
