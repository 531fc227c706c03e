"""Topic hubs as readers browse them: listings, counts, related topics, intersections, feeds."""

import datetime
import re

from django.utils import timezone

from wagtail.models import PageViewRestriction, Site

import feedparser
import pytest
from bs4 import BeautifulSoup

from briefings.core.models import SiteIdentity
from taxonomy.models import Country, Initiative, Sector
from tests.factories import AuthorFactory, make_article, make_articles_in_bulk

pytestmark = pytest.mark.django_db


@pytest.fixture
def kazakhstan_bri(index):
    """A published article on Kazakhstan and the BRI, plus a draft that must never show."""
    published = make_article(
        index,
        "Xi Visits Kazakhstan",
        authors=[AuthorFactory(name="Hafsa Akram")],
        countries=["china", "kazakhstan"],
        initiatives=["bri", "gdi", "gsi"],
        sectors=["energy", "security"],
    )
    draft = make_article(
        index, "Unpublished Kazakh Draft", live=False, countries=["kazakhstan"], initiatives=["bri"]
    )
    return published, draft


def test_vocabularies_are_seeded():
    assert Country.objects.count() == 249
    kz = Country.objects.get(alpha2="KZ")
    assert (kz.name, kz.slug, kz.region.name) == ("Kazakhstan", "kazakhstan", "Central Asia")
    assert Country.objects.get(alpha2="CD").slug == "democratic-republic-of-the-congo"
    assert set(Initiative.objects.values_list("acronym", flat=True)) == {"BRI", "GDI", "GSI", "GCI"}
    assert Initiative.objects.get(acronym="BRI").name == "Belt and Road Initiative"
    assert Sector.objects.count() == 12


def test_topics_index_counts_live_articles_and_leaves_out_unused(client, kazakhstan_bri):
    html = client.get("/topics/").content.decode()
    assert 'href="/topics/countries/kazakhstan/"' in html
    assert 'href="/topics/initiatives/bri/"' in html
    assert 'href="/topics/countries/pakistan/"' not in html
    assert 'href="/topics/initiatives/gci/"' not in html
    match = re.search(
        r'href="/topics/countries/kazakhstan/">Kazakhstan</a> <span class="count">(\d+)</span>', html
    )
    assert match and match.group(1) == "1"  # the draft does not count


def test_country_hub_lists_article_and_links_to_related_hubs_and_intersections(client, index, kazakhstan_bri):
    make_article(index, "Second Kazakh Piece", countries=["kazakhstan"], initiatives=["bri"])
    response = client.get("/topics/countries/kazakhstan/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xi Visits Kazakhstan" in html and "Second Kazakh Piece" in html
    assert "Unpublished Kazakh Draft" not in html
    assert 'href="/topics/initiatives/bri/"' in html
    assert 'href="/topics/countries/kazakhstan/initiatives/bri/"' in html
    assert 'href="/topics/countries/kazakhstan/feed/"' in html
    assert 'href="/topics/countries/"' in html and 'href="/topics/"' in html  # breadcrumbs


def test_intersection_lists_articles_tagged_with_both(client, index, kazakhstan_bri):
    make_article(index, "Kazakh Piece Without BRI", countries=["kazakhstan"])
    html = client.get("/topics/countries/kazakhstan/initiatives/bri/").content.decode()
    assert "Xi Visits Kazakhstan" in html
    assert "Kazakh Piece Without BRI" not in html
    assert "Unpublished Kazakh Draft" not in html
    assert 'href="/topics/countries/kazakhstan/"' in html and 'href="/topics/initiatives/bri/"' in html


def test_draft_tagged_kazakhstan_appears_nowhere(client, kazakhstan_bri):
    for url in [
        "/",
        "/briefings/",
        "/topics/",
        "/topics/countries/",
        "/topics/countries/kazakhstan/",
        "/topics/countries/kazakhstan/initiatives/bri/",
        "/topics/regions/central-asia/",
        "/topics/countries/kazakhstan/feed/",
    ]:
        assert "Unpublished Kazakh Draft" not in client.get(url).content.decode(), url


def test_private_and_expired_articles_do_not_leak(client, index):
    private = make_article(index, "Members Only Piece", countries=["pakistan"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expired = make_article(index, "Expired Piece", countries=["pakistan"])
    expired.expire_at = timezone.now() - datetime.timedelta(days=1)
    expired.save()
    make_article(index, "Public Piece", countries=["pakistan"])
    hub = client.get("/topics/countries/pakistan/").content.decode()
    assert "Public Piece" in hub
    assert "Members Only Piece" not in hub and "Expired Piece" not in hub
    assert re.search(
        r'pakistan/">Pakistan</a> <span class="count">1</span>', client.get("/topics/").content.decode()
    )


def test_region_hub_gathers_articles_of_its_countries(client, index):
    make_article(index, "Uzbek Water", countries=["uzbekistan"])
    make_article(index, "Kyrgyz Rail", countries=["kyrgyzstan"])
    make_article(index, "Pakistan Power", countries=["pakistan"])
    html = client.get("/topics/regions/central-asia/").content.decode()
    assert "Uzbek Water" in html and "Kyrgyz Rail" in html
    assert "Pakistan Power" not in html
    countries = client.get("/topics/countries/").content.decode()
    by_region = countries[
        countries.index("</section>", countries.index('class="world-map"')) :
    ]  # after the map
    assert by_region.index("Central Asia") < by_region.index("Uzbekistan")


def test_unknown_vocabulary_slug_or_page_is_404_and_empty_topic_is_200(client, kazakhstan_bri):
    assert client.get("/topics/planets/mars/").status_code == 404
    assert client.get("/topics/planets/").status_code == 404
    assert client.get("/topics/countries/atlantis/").status_code == 404
    assert client.get("/topics/countries/kazakhstan/?page=2").status_code == 404
    assert client.get("/topics/countries/atlantis/initiatives/bri/").status_code == 404
    assert client.get("/topics/countries/atlantis/feed/").status_code == 404
    empty = client.get("/topics/countries/peru/")
    assert empty.status_code == 200
    assert "No published articles on Peru yet." in empty.content.decode()


def test_related_topics_rank_by_lift_not_popularity(client, index):
    # Russia is on every article, so it shares the most with Pakistan but says nothing about it;
    # Afghanistan appears only alongside Pakistan and must rank first. China, the subject country
    # (settings.SUBJECT_COUNTRY), is on every article too and is never listed.
    for n in range(4):
        make_article(
            index,
            f"Af-Pak {n}",
            countries=["china", "russia", "pakistan", "afghanistan"],
            sectors=["security"],
        )
    make_article(index, "Pakistan Trade", countries=["china", "russia", "pakistan"], sectors=["trade"])
    for n in range(6):
        make_article(index, f"Other {n}", countries=["china", "russia", "kazakhstan"], sectors=["trade"])
    html = client.get("/topics/countries/pakistan/").content.decode()
    related = html[html.index('id="related-heading"') :]
    assert related.index('href="/topics/countries/afghanistan/"') < related.index(
        'href="/topics/countries/russia/"'
    )
    assert 'href="/topics/countries/china/"' not in related
    assert "4 shared" in related
    # Trade shares only one article with Pakistan: below the minimum, not listed.
    assert 'href="/topics/sectors/trade/"' not in related
    assert 'href="/topics/sectors/security/"' in related


def test_feeds_parse_and_list_the_right_entries(client, index, kazakhstan_bri):
    make_article(index, "Kazakh Piece Without BRI", countries=["kazakhstan"])
    feed = feedparser.parse(client.get("/topics/countries/kazakhstan/feed/").content)
    assert not feed.bozo, feed.get("bozo_exception")
    titles = {entry.title for entry in feed.entries}
    assert titles == {"Xi Visits Kazakhstan", "Kazakh Piece Without BRI"}
    both = feedparser.parse(client.get("/topics/countries/kazakhstan/initiatives/bri/feed/").content)
    assert not both.bozo
    assert [entry.title for entry in both.entries] == ["Xi Visits Kazakhstan"]
    assert both.entries[0].link.endswith("/briefings/xi-visits-kazakhstan/")


@pytest.mark.parametrize("name", [None, "Centre for Eurasian Studies"], ids=["default", "identity set"])
def test_feeds_and_pages_of_topics_name_the_organisation(client, index, kazakhstan_bri, name):
    """Settings › Identity names the publication in feed titles and descriptions, the pages' feed
    links and their descriptions; "Briefings" until it is set."""
    if name:
        SiteIdentity.objects.create(site=Site.objects.get(is_default_site=True), name=name)
    publication = name or "Briefings"
    hub = feedparser.parse(client.get("/topics/countries/kazakhstan/feed/").content).feed
    assert hub.title == f"{publication}: Kazakhstan"
    assert hub.description == f"The latest analysis on Kazakhstan from {publication}."
    both = feedparser.parse(client.get("/topics/countries/kazakhstan/initiatives/bri/feed/").content).feed
    assert both.title == f"{publication}: Kazakhstan + Belt and Road Initiative"
    assert (
        both.description
        == f"The latest analysis on both Kazakhstan and Belt and Road Initiative from {publication}."
    )

    pages = {
        "/topics/": (None, f"Browse {publication} analysis by country, region, initiative and sector."),
        "/topics/initiatives/": (
            None,
            f"{publication} analysis by initiative, with the number of articles on each.",
        ),
        "/topics/countries/kazakhstan/": (
            f"{publication}: Kazakhstan",
            f"Analysis on Kazakhstan (country) from {publication}.",
        ),
        "/topics/countries/china/": (
            f"{publication}: China",
            f"The countries {publication} analysis covers in China’s relations, on a map.",
        ),
        "/topics/countries/kazakhstan/initiatives/bri/": (
            f"{publication}: Kazakhstan + Belt and Road Initiative",
            f"Analysis on both Kazakhstan and Belt and Road Initiative from {publication}.",
        ),
    }
    for url, (feed_title, description) in pages.items():
        page = BeautifulSoup(client.get(url).content, "html.parser")
        assert page.find("meta", attrs={"name": "description"})["content"] == description, url
        if feed_title:
            feeds = {link["title"]: link["href"] for link in page.select("link[rel=alternate]")}
            assert feed_title in feeds, url
            assert page.select_one(f"footer a.feed-link[href='{feeds[feed_title]}']").get_text() == feed_title


def test_every_link_on_topics_and_hubs_resolves(client, index, kazakhstan_bri):
    make_article(
        index, "Pakistan Energy", countries=["china", "pakistan"], initiatives=["bri"], sectors=["energy"]
    )
    seen, queue = set(), ["/topics/"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if url.startswith("/topics/") and not url.endswith("/feed/"):
            for link in re.findall(
                r'href="(/(?:topics|briefings|authors)/[^"?#]*)"', response.content.decode()
            ):
                queue.append(link)
    assert "/topics/countries/kazakhstan/initiatives/bri/" in seen
    assert len(seen) > 15


def test_article_page_links_its_topics_grouped_by_vocabulary(client, kazakhstan_bri):
    html = client.get(kazakhstan_bri[0].url).content.decode()
    topics = html[html.index('id="topics-heading"') :]
    assert topics.index("<dt>Countries</dt>") < topics.index('href="/topics/countries/kazakhstan/"')
    assert topics.index("<dt>Initiatives</dt>") < topics.index('href="/topics/initiatives/gsi/"')
    assert 'href="/topics/sectors/security/"' in topics


@pytest.mark.parametrize("articles", [10, 300])
def test_hub_queries_are_bounded_whatever_the_data_size(
    client, index, articles, django_assert_max_num_queries
):
    """Same bound (25 queries) for 10 and 300 tagged articles on every hub page type."""
    countries = ["kazakhstan", "pakistan", "uzbekistan", "china", "egypt"]
    sectors = ["energy", "trade", "water", "security"]
    author = AuthorFactory()
    make_articles_in_bulk(
        index,
        [
            {
                "title": f"Piece {n}",
                "authors": [author],
                "date": datetime.date(2020, 1, 1) + datetime.timedelta(days=7 * n),
                "countries": ["china", countries[n % 5]],
                "initiatives": ["bri"] if n % 2 else ["gdi"],
                "sectors": [sectors[n % 4], sectors[(n + 1) % 4]],
            }
            for n in range(articles)
        ],
    )
    for url in [
        "/topics/",
        "/topics/countries/",
        "/topics/countries/kazakhstan/",
        "/topics/regions/central-asia/",
        "/topics/countries/kazakhstan/initiatives/bri/",
        "/topics/countries/kazakhstan/feed/",
    ]:
        with django_assert_max_num_queries(25):
            response = client.get(url)
        assert response.status_code == 200
        if url == "/topics/countries/kazakhstan/":  # the newest Kazakhstan piece leads its hub
            assert f"Piece {(articles - 1) // 5 * 5}" in response.content.decode()
