"""How readers' tools find the site: feeds, sitemap, robots.txt, link previews (OpenGraph and
Twitter cards), Google Scholar tags and schema.org JSON-LD."""

import datetime
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.utils import timezone

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

import extruct
import feedparser
import pytest

from taxonomy.hubs import sitemaps
from taxonomy.models import Country
from tests.factories import AuthorFactory, as_committed, make_article

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOSTILE = "</script><script>alert('x')</script>"


class HeadParser(HTMLParser):
    """``<meta>`` pairs in document order and ``<link>`` attributes."""

    def __init__(self):
        super().__init__()
        self.meta, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta.append((attrs.get("property") or attrs.get("name"), attrs["content"]))
        elif tag == "link":
            self.links.append(attrs)


def head(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def meta_values(parsed, key):
    return [content for name, content in parsed.meta if name == key]


def meta_value(parsed, key):
    values = meta_values(parsed, key)
    assert len(values) == 1, (key, values)
    return values[0]


def feed_links(parsed):
    return [link["href"] for link in parsed.links if link.get("type") == "application/rss+xml"]


def json_ld(response, url):
    return extruct.extract(response.content.decode(), base_url=url, syntaxes=["json-ld"])["json-ld"]


@pytest.fixture
def akram():
    return AuthorFactory(
        honorific="Ms.", name="Hafsa Akram", role="Research Fellow", affiliation="PRCCSF, Islamabad"
    )


@pytest.fixture
def xi_visit(index, akram):
    mirza = AuthorFactory(honorific="", name="Sana Ali Mirza", role="", affiliation="")
    return make_article(
        index,
        "Chinese President Xi Jinping visits Kazakhstan",
        kind="analysis",
        standfirst="A state visit with energy and transit on the agenda.",
        authors=[akram, mirza],
        date=datetime.date(2022, 9, 14),
        countries=["kazakhstan"],
        initiatives=["bri"],
        sectors=["energy"],
    )


# Feeds -------------------------------------------------------------------------------------------


def test_site_feed_has_the_twenty_newest_live_articles(client, index):
    start = datetime.date(2023, 1, 1)
    for n in range(22):
        make_article(index, f"Piece {n:02d}", date=start + datetime.timedelta(days=n), quick_publish=True)
    make_article(index, "Newest Draft", live=False, date=start + datetime.timedelta(days=100))
    expired = make_article(index, "Expired Piece", date=start + datetime.timedelta(days=99))
    expired.expire_at = timezone.now() - datetime.timedelta(hours=1)
    expired.save()
    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert [entry.title for entry in feed.entries] == [f"Piece {n:02d}" for n in range(21, 1, -1)]
    assert feed.entries[0].link == "http://localhost/briefings/piece-21/"


def test_every_page_links_the_site_feed_and_its_own(client, xi_visit, akram):
    for url in ["/", "/briefings/", xi_visit.url, "/topics/", "/experts/"]:
        assert feed_links(head(client.get(url))) == ["/feed/"], url
    assert feed_links(head(client.get("/topics/countries/kazakhstan/"))) == [
        "/feed/",
        "/topics/countries/kazakhstan/feed/",
    ]
    assert feed_links(head(client.get(f"/authors/{akram.slug}/"))) == [
        "/feed/",
        f"/authors/{akram.slug}/feed/",
    ]
    for url in feed_links(head(client.get("/topics/countries/kazakhstan/initiatives/bri/"))):
        assert not feedparser.parse(client.get(url).content).bozo, url


# Sitemap and robots.txt --------------------------------------------------------------------------


def sitemap_locations(client, url="/sitemap.xml", tag="url"):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.findall(f"sm:{tag}/sm:loc", SITEMAP_NS)]
    assert all(location.startswith("http://localhost/") for location in locations), locations
    return locations


def sitemap_paths(client):
    """Every address of every section the sitemap index lists; none twice."""
    locations = []
    for section in sitemap_locations(client, tag="sitemap"):
        parts = urlsplit(section)
        locations += sitemap_locations(client, f"{parts.path}?{parts.query}" if parts.query else parts.path)
    assert len(locations) == len(set(locations))
    return {urlsplit(location).path for location in locations}


def test_sitemap_lists_live_pages_hubs_intersections_and_authors(client, index, xi_visit, akram):
    pakistan = make_article(
        index, "Pakistan Power", authors=[akram], countries=["pakistan"], sectors=["energy"]
    )
    draft_author = AuthorFactory(name="Draft Only")
    draft = make_article(index, "Secret Draft", live=False, authors=[draft_author], countries=["peru"])
    private = make_article(index, "Members Only", countries=["chile"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expired = make_article(index, "Expired Piece", countries=["chile"])
    expired.expire_at = timezone.now() - datetime.timedelta(hours=1)
    expired.save()

    paths = sitemap_paths(client)
    assert {"/", "/briefings/", xi_visit.url, pakistan.url} <= paths
    assert {
        "/topics/countries/kazakhstan/",
        "/topics/countries/pakistan/",
        "/topics/regions/central-asia/",
        "/topics/regions/southern-asia/",
        "/topics/initiatives/bri/",
        "/topics/sectors/energy/",
    } <= paths
    assert {
        "/topics/countries/kazakhstan/initiatives/bri/",
        "/topics/countries/kazakhstan/sectors/energy/",
        "/topics/countries/pakistan/sectors/energy/",
        "/topics/initiatives/bri/sectors/energy/",
        "/topics/initiatives/bri/regions/central-asia/",
    } <= paths
    # One address per intersection; none for a region and one of its own countries.
    assert "/topics/initiatives/bri/countries/kazakhstan/" not in paths
    assert "/topics/countries/kazakhstan/regions/central-asia/" not in paths
    assert "/topics/countries/kazakhstan/countries/pakistan/" not in paths  # no shared article
    assert f"/authors/{akram.slug}/" in paths and f"/authors/{draft_author.slug}/" not in paths
    for hidden in (draft, private, expired):
        assert hidden.url not in paths
    assert not any("peru" in path or "chile" in path for path in paths)
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_sitemap_keeps_the_intersections_with_most_articles_when_capped(client, index, monkeypatch):
    for n in range(3):
        make_article(index, f"Energy {n}", countries=["egypt"], sectors=["energy"])
    make_article(index, "Trade", countries=["egypt"], sectors=["trade"])
    monkeypatch.setattr(sitemaps, "MAX_INTERSECTIONS", 1)
    intersections = [urlsplit(loc).path for loc in sitemap_locations(client, "/sitemap-intersections.xml")]
    assert intersections == ["/topics/countries/egypt/sectors/energy/"]
    assert "/topics/sectors/trade/" in sitemap_paths(client)


def test_sitemap_sections_are_paged_and_answer_404_past_the_end(client, index, monkeypatch):
    pieces = [make_article(index, f"Piece {n}", countries=["egypt"], quick_publish=True) for n in range(5)]
    monkeypatch.setattr(sitemaps, "SECTION_SIZE", 2)
    sections = [urlsplit(loc) for loc in sitemap_locations(client, tag="sitemap")]
    articles = [f"{s.path}?{s.query}" if s.query else s.path for s in sections if "articles" in s.path]
    ids = [piece.pk for piece in pieces]
    assert len(articles) == -(-(max(ids) - min(ids) + 1) // 2)
    listed = [loc for url in articles for loc in sitemap_locations(client, url)]
    assert sorted(listed) == sorted(f"http://localhost{piece.url}" for piece in pieces)
    assert all(len(sitemap_locations(client, url)) <= 2 for url in articles)
    assert client.get(f"/sitemap-articles.xml?p={len(articles) + 1}").status_code == 404
    assert client.get("/sitemap-articles.xml?p=0").status_code == 404
    assert client.get("/sitemap-articles.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_intersection_pages_name_their_canonical_order(client, xi_visit):
    for url in [
        "/topics/initiatives/bri/countries/kazakhstan/",
        "/topics/countries/kazakhstan/initiatives/bri/",
    ]:
        canonical = [link["href"] for link in head(client.get(url)).links if link.get("rel") == "canonical"]
        assert canonical == ["http://localhost/topics/countries/kazakhstan/initiatives/bri/"], url


def test_robots_txt_allows_all_but_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Allow: /", "Disallow: /admin/", "Disallow: /django-admin/"} <= set(lines)
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert client.get(urlsplit("http://localhost/sitemap.xml").path).status_code == 200


# Link previews and Scholar -----------------------------------------------------------------------


def test_article_has_opengraph_twitter_and_scholar_tags(client, xi_visit):
    parsed = head(client.get(xi_visit.url))
    url = xi_visit.full_url
    assert meta_value(parsed, "og:type") == "article"
    assert meta_value(parsed, "og:title") == "Chinese President Xi Jinping visits Kazakhstan"
    assert meta_value(parsed, "og:url") == url
    assert meta_value(parsed, "og:description") == "A state visit with energy and transit on the agenda."
    assert meta_value(parsed, "og:site_name") == "Briefings"
    assert meta_value(parsed, "article:published_time") == "2022-09-14"
    assert meta_values(parsed, "article:tag") == ["Kazakhstan", "Belt and Road Initiative", "Energy"]
    assert meta_value(parsed, "twitter:card") == "summary"
    assert meta_value(parsed, "twitter:title") == "Chinese President Xi Jinping visits Kazakhstan"
    assert meta_value(parsed, "description") == "A state visit with energy and transit on the agenda."
    assert meta_value(parsed, "citation_title") == "Chinese President Xi Jinping visits Kazakhstan"
    assert meta_values(parsed, "citation_author") == ["Akram, Hafsa", "Mirza, Sana Ali"]
    assert meta_value(parsed, "citation_publication_date") == "2022/09/14"
    assert meta_value(parsed, "citation_journal_title") == "Briefings"
    assert meta_value(parsed, "citation_publisher") == "Briefings"
    assert meta_value(parsed, "citation_abstract_html_url") == url


def test_lead_image_becomes_the_large_preview_image(client, index):
    image = Image.objects.create(
        title="Rail yard", description="Containers at Khorgos", file=get_test_image_file()
    )
    article = make_article(index, "Pictured Piece", lead_image=image)
    parsed = head(client.get(article.url))
    assert meta_value(parsed, "twitter:card") == "summary_large_image"
    og_image = meta_value(parsed, "og:image")
    assert og_image.startswith("http://localhost/") and og_image == meta_value(parsed, "twitter:image")
    assert meta_value(parsed, "og:image:alt") == "Containers at Khorgos"
    assert urlsplit(og_image).path == image.renditions.get(filter_spec="fill-1200x630").url
    (data,) = json_ld(client.get(article.url), article.full_url)
    assert data["image"] == og_image


def test_every_page_type_has_link_preview_tags(client, xi_visit, akram):
    expected_titles = {
        "/": "Briefings",
        "/briefings/": "Analysis",
        "/topics/": "Topics",
        "/topics/countries/": "Countries",
        "/topics/countries/kazakhstan/": "Kazakhstan",
        "/topics/countries/kazakhstan/initiatives/bri/": "Kazakhstan and Belt and Road Initiative",
        "/experts/": "Experts",
        f"/authors/{akram.slug}/": "Ms. Hafsa Akram",
    }
    for url, title in expected_titles.items():
        parsed = head(client.get(url))
        assert meta_value(parsed, "og:title") == title, url
        assert meta_value(parsed, "twitter:title") == title, url
        assert meta_value(parsed, "og:url").startswith("http://localhost/"), url
        assert meta_value(parsed, "twitter:card") == "summary", url
        assert meta_value(parsed, "og:description"), url
        assert not meta_values(parsed, "citation_title"), url
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert meta_value(head(missing), "og:title") == "Briefings"
    assert feed_links(head(missing)) == ["/feed/"]


# JSON-LD -----------------------------------------------------------------------------------------


def test_article_json_ld(client, xi_visit, akram):
    (data,) = json_ld(client.get(xi_visit.url), xi_visit.full_url)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "AnalysisNewsArticle"
    assert data["headline"] == "Chinese President Xi Jinping visits Kazakhstan"
    assert data["mainEntityOfPage"]["@id"] == xi_visit.full_url
    assert data["datePublished"] == "2022-09-14"
    assert data["dateModified"] == xi_visit.last_published_at.isoformat()
    assert data["publisher"] == {"@type": "Organization", "name": "Briefings", "url": "http://localhost/"}
    first, second = data["author"]
    assert first == {
        "@type": "Person",
        "name": "Hafsa Akram",
        "honorificPrefix": "Ms.",
        "url": f"http://localhost/authors/{akram.slug}/",
        "jobTitle": "Research Fellow",
        "affiliation": {"@type": "Organization", "name": "PRCCSF, Islamabad"},
    }
    assert second["name"] == "Sana Ali Mirza" and "jobTitle" not in second and "affiliation" not in second
    assert [(t["@type"], t["name"], t["url"]) for t in data["about"]] == [
        ("Place", "Kazakhstan", "http://localhost/topics/countries/kazakhstan/"),
        ("Thing", "Belt and Road Initiative", "http://localhost/topics/initiatives/bri/"),
        ("Thing", "Energy", "http://localhost/topics/sectors/energy/"),
    ]


@pytest.mark.parametrize(
    "kind, schema_type",
    [
        ("commentary", "AnalysisNewsArticle"),
        ("op-ed", "AnalysisNewsArticle"),
        ("editorial", "AnalysisNewsArticle"),
        ("news", "NewsArticle"),
        ("report", "NewsArticle"),
        ("", "NewsArticle"),
    ],
)
def test_json_ld_type_follows_the_kind(client, index, kind, schema_type):
    article = make_article(index, "A Piece", kind=kind)
    (data,) = json_ld(client.get(article.url), article.full_url)
    assert data["@type"] == schema_type


def test_hub_and_intersection_json_ld_are_collection_pages(client, xi_visit):
    Country.objects.filter(slug="kazakhstan").update(introduction="The largest economy in Central Asia.")
    hub = client.get("/topics/countries/kazakhstan/")
    (data,) = json_ld(hub, "http://localhost/topics/countries/kazakhstan/")
    assert data["@type"] == "CollectionPage"
    assert data["name"] == "Kazakhstan"
    assert data["url"] == "http://localhost/topics/countries/kazakhstan/"
    assert data["description"] == "The largest economy in Central Asia."
    assert data["about"] == {
        "@type": "Place",
        "name": "Kazakhstan",
        "url": "http://localhost/topics/countries/kazakhstan/",
    }
    assert [item["url"] for item in data["mainEntity"]["itemListElement"]] == [xi_visit.full_url]
    (both,) = json_ld(client.get("/topics/initiatives/bri/countries/kazakhstan/"), "http://localhost/")
    assert both["@type"] == "CollectionPage"
    assert both["url"] == "http://localhost/topics/countries/kazakhstan/initiatives/bri/"
    assert [topic["name"] for topic in both["about"]] == ["Belt and Road Initiative", "Kazakhstan"]


# Hostile input -----------------------------------------------------------------------------------


def test_hostile_text_is_escaped_on_every_page_and_cannot_break_out_of_json_ld_or_feeds(client, index):
    author = AuthorFactory(name=HOSTILE, role=HOSTILE, affiliation=HOSTILE, bio=HOSTILE)
    Country.objects.filter(slug="kazakhstan").update(introduction=HOSTILE)
    article = make_article(
        index,
        HOSTILE,
        authors=[author],
        standfirst=HOSTILE,
        source_name=HOSTILE,
        countries=["kazakhstan"],
    )
    neighbour = make_article(index, "Neighbour", countries=["kazakhstan"], date=datetime.date(2020, 1, 1))
    page = client.get(article.url)
    html = page.content.decode()
    assert html.count("</script>") == html.count("<script")  # every script element closes where it should
    (data,) = json_ld(page, article.full_url)
    assert data["headline"] == HOSTILE and data["author"][0]["name"] == HOSTILE
    assert meta_value(head(page), "citation_title") == HOSTILE
    hub = client.get("/topics/countries/kazakhstan/")
    assert json_ld(hub, "http://localhost/")[0]["description"] == HOSTILE
    for url in [
        article.url,
        neighbour.url,  # links the hostile article as related and newer
        "/",
        "/briefings/",
        author.get_absolute_url(),
        "/experts/",
        "/topics/countries/kazakhstan/",
    ]:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert" in html or "\\u003Cscript\\u003Ealert" in html, url
    for url in [
        "/feed/",
        f"/authors/{author.slug}/feed/",
        "/topics/countries/kazakhstan/feed/",
        "/sitemap.xml",
    ]:
        body = client.get(url).content
        assert b"<script>" not in body, url
        if url.endswith("/feed/"):
            feed = feedparser.parse(body)
            assert not feed.bozo, url
            assert HOSTILE in body.decode().replace("&lt;", "<").replace("&gt;", ">"), url


# Query bounds ------------------------------------------------------------------------------------


@pytest.mark.parametrize("articles", [3, 30])
def test_discovery_responses_use_a_bounded_number_of_queries(
    client, index, articles, django_assert_max_num_queries
):
    """The same bound for 3 and 30 articles, on many topics and with two authors each."""
    authors = [AuthorFactory(), AuthorFactory()]
    countries = ["kazakhstan", "pakistan", "egypt", "uzbekistan", "peru"]
    for n in range(articles):
        make_article(
            index,
            f"Piece {n}",
            authors=authors,
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            countries=["china", countries[n % 5]],
            initiatives=["bri"] if n % 2 else ["gdi"],
            sectors=["energy", ["trade", "water", "health"][n % 3]],
            quick_publish=True,
        )
    as_committed()
    for url, bound in [
        (
            "/feed/",
            11,
        ),  # the statistics schedule check, the identity (then cached), one prefetch per vocabulary
        ("/sitemap.xml", 6),
        ("/sitemap-pages.xml", 6),
        ("/sitemap-articles.xml", 6),
        ("/sitemap-topics.xml", 8),
        ("/sitemap-intersections.xml", 9),
        ("/sitemap-authors.xml", 6),
        ("/robots.txt", 2),
    ]:
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200, url


def test_intersection_sections_are_as_many_as_the_canonical_pairs_need(client, index, monkeypatch):
    """The sitemap index counts intersection sections from the number of pair rows where that
    settles it (each pair is stored in both orders, a country with its own region left out), and
    from the canonical pairs where it does not: the same number either way."""
    from briefings.articles.stats import TopicPairCount

    for n, (countries, sectors) in enumerate(
        [
            (["egypt"], ["energy", "trade"]),
            (["kazakhstan", "uzbekistan"], ["energy", "water", "trade"]),
            (["pakistan", "egypt"], ["health"]),
            (["uzbekistan"], ["water", "health", "energy"]),
        ]
    ):
        make_article(index, f"Piece {n}", countries=countries, sectors=sectors, initiatives=["bri"])
    canonical = sitemaps._canonical_pairs().count()
    rows = TopicPairCount.objects.filter(articles__gt=0).count()
    assert rows > 2 * canonical  # countries with their own regions are among the rows
    monkeypatch.setattr(sitemaps, "MAX_INTERSECTIONS", 10 * canonical)
    for size in range(1, canonical + 2):
        monkeypatch.setattr(sitemaps, "SECTION_SIZE", size)
        expected = -(-canonical // size)
        assert sitemaps.intersection_pages() == expected, size
        if size == 2:  # the index lists them (it stays cached for the other sizes: nothing changed)
            sections = [loc for loc in sitemap_locations(client, tag="sitemap") if "intersections" in loc]
            assert len(sections) == expected
    monkeypatch.setattr(sitemaps, "MAX_INTERSECTIONS", 4)
    monkeypatch.setattr(sitemaps, "SECTION_SIZE", 2)
    assert sitemaps.intersection_pages() == 2
