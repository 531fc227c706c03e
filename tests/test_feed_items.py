"""Feed items (issue 14): each names all its authors and lists its kind and topics as categories,
in the site's feed, a topic's and an author's."""

import datetime

import feedparser
import pytest

from tests.factories import AuthorFactory, make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def corridor(index):
    amina, daniel = AuthorFactory(name="Amina Rahman"), AuthorFactory(name="Daniel Okoro")
    return make_article(
        index,
        "Kazakhstan Opens a New Energy Corridor",
        authors=[amina, daniel],
        date=datetime.date(2024, 3, 1),
        kind="analysis",
        countries=["china", "kazakhstan"],
        initiatives=["bri"],
        sectors=["energy"],
    )


@pytest.mark.parametrize(
    "url",
    [
        "/feed/",
        "/topics/countries/kazakhstan/feed/",
        "/topics/initiatives/bri/feed/",
        "/authors/{slug}/feed/",
    ],
)
def test_items_list_their_authors_and_topics(client, corridor, url):
    response = client.get(url.format(slug=corridor.authors[0].slug))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    (entry,) = feed.entries
    assert [tag.term for tag in entry.tags] == [
        "Analysis",
        "China",  # the subject too: feeds are metadata
        "Kazakhstan",
        "Belt and Road Initiative",
        "Energy",
    ]
    body = response.content.decode()
    assert body.count("<dc:creator>") == 2
    assert "<dc:creator>Amina Rahman</dc:creator><dc:creator>Daniel Okoro</dc:creator>" in body
    assert [author.name for author in entry.authors] == ["Amina Rahman", "Daniel Okoro"]


def test_an_item_without_authors_or_kind_has_only_its_topics(client, index):
    make_article(index, "Unsigned", countries=["pakistan"])
    body = client.get("/feed/").content.decode()
    assert "dc:creator>" not in body
    assert [tag.term for tag in feedparser.parse(body).entries[0].tags] == ["Pakistan"]
