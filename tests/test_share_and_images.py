"""Issue 14: share links on article pages (plain links, no third-party script) and lead images on
cards and articles (renditions with srcset, alt text required)."""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_article

pytestmark = pytest.mark.django_db

TITLE = "China & Kazakhstan: “Pipelines” + Power?"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_share_links_carry_the_articles_address_and_title_encoded(client, index):
    article = make_article(index, TITLE, slug="pipelines-and-power")
    page = soup(client.get(article.url))
    share = page.select_one("section.share")
    assert share.h2.get_text() == "Share"
    links = {a.get_text(): a["href"] for a in share.select("a")}
    url = "http://localhost/briefings/pipelines-and-power/"
    assert list(links) == ["Email", "X", "LinkedIn", "WhatsApp", "Facebook", "Permalink"]
    email = urlsplit(links["Email"])
    assert email.scheme == "mailto" and parse_qs(email.query) == {
        "subject": [TITLE],
        "body": [f"{TITLE}\r\n{url}"],
    }
    assert "+" not in email.query  # mail programs read "+" as a plus sign, not a space
    expected = {
        "X": ("x.com", "/intent/post", {"text": [TITLE], "url": [url]}),
        "LinkedIn": ("www.linkedin.com", "/sharing/share-offsite/", {"url": [url]}),
        "WhatsApp": ("wa.me", "/", {"text": [f"{TITLE} {url}"]}),
        "Facebook": ("www.facebook.com", "/sharer/sharer.php", {"u": [url]}),
    }
    for label, (host, path, query) in expected.items():
        parts = urlsplit(links[label])
        assert (parts.scheme, parts.netloc, parts.path, parse_qs(parts.query)) == (
            "https",
            host,
            path,
            query,
        ), label
    assert links["Permalink"] == url and share["data-share-url"] == url and share["data-share-title"] == TITLE
    # Only the site's own scripts, none inline; the share script enhances the links.
    scripts = [
        script.get("src") for script in page.find_all("script") if script.get("type") != "application/ld+json"
    ]
    assert "/static/js/share.js" in scripts and all(src and src.startswith("/static/") for src in scripts)


def test_lead_image_shows_on_the_card_and_the_article_with_renditions_and_alt_text(client, index):
    image = Image.objects.create(title="IMG_0042.jpg", file=get_test_image_file(size=(1600, 900)))
    pictured = make_article(index, "Pictured Piece", lead_image=image, lead_image_alt="Containers at Khorgos")
    make_article(index, "Plain Piece")
    listing = soup(client.get("/briefings/"))
    cards = {card.h3.get_text(strip=True): card for card in listing.select("article.card")}
    assert (
        cards["Plain Piece"].find("img") is None and "card--with-image" not in cards["Plain Piece"]["class"]
    )
    card_image = cards["Pictured Piece"].find("img")
    assert "card--with-image" in cards["Pictured Piece"]["class"]
    assert card_image["alt"] == "Containers at Khorgos" and card_image["loading"] == "lazy"
    assert (card_image["width"], card_image["height"]) == ("400", "225")
    assert re.fullmatch(r"\S+fill-400x225\S* 400w, \S+fill-800x450\S* 800w", card_image["srcset"])
    assert card_image["sizes"] == "(min-width: 40rem) 22rem, 100vw"

    lead = soup(client.get(pictured.url)).select_one("figure.figure--lead img")
    assert lead["alt"] == "Containers at Khorgos" and "loading" not in lead.attrs
    assert [candidate.split()[-1] for candidate in lead["srcset"].split(", ")] == ["640w", "1000w", "1600w"]


def test_a_lead_image_needs_alt_text_or_an_image_description(index):
    image = Image.objects.create(title="IMG_0042.jpg", file=get_test_image_file())
    article = make_article(index, "Pictured Piece")
    article.lead_image = image
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "Describe the lead image" in refused.value.message_dict["lead_image_alt"][0]
    article.lead_image_alt = "Containers at Khorgos"
    article.full_clean()
    # The image library's description is the image's default alt text; its title (a file name) is not.
    article.lead_image_alt = ""
    image.description = "Rail yard at dusk"
    image.save()
    article.full_clean()
    assert article.lead_image_alt_text == "Rail yard at dusk"
