"""The read-only JSON API at /api/v2/: article fields, topic filters, what is never served, topics."""

import datetime

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from tests.conftest import shared_data
from tests.factories import AuthorFactory, make_article

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v2/pages/?type=briefings.ArticlePage"


@shared_data
def articles(index):
    """Two published articles, and a draft, a private and an expired one on the same topics (built
    once, shared by the tests that use it)."""
    steppe = make_article(
        index,
        "Pipelines Across the Steppe",
        kind="analysis",
        standfirst="Gas, grids and a new pipeline.",
        date=datetime.date(2024, 3, 1),
        authors=[AuthorFactory(honorific="Ms.", name="Aigerim Seitkali", role="Research Fellow")],
        source_name="Steppe Policy Review",
        source_url="https://example.org/steppe",
        body=["The gas pipeline reaches Khorgos."],
        countries=["kazakhstan", "china"],
        initiatives=["bri"],
        sectors=["energy"],
    )
    gwadar = make_article(
        index,
        "Wind Power on the Makran Coast",
        date=datetime.date(2024, 5, 1),
        body=["Wind farms near Gwadar."],
        countries=["pakistan", "china"],
        initiatives=["bri"],
        sectors=["energy", "trade"],
    )
    draft = make_article(index, "Draft Memo", live=False, countries=["kazakhstan"], initiatives=["bri"])
    private = make_article(index, "Members Note", countries=["kazakhstan"], initiatives=["bri"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expired = make_article(index, "Expired Note", countries=["kazakhstan"], initiatives=["bri"])
    expired.expire_at = timezone.now() - datetime.timedelta(hours=1)
    expired.save()
    return {"steppe": steppe, "gwadar": gwadar, "draft": draft, "private": private, "expired": expired}


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content)
    data = response.json()
    assert data["meta"]["total_count"] == len(data["items"])
    return sorted(item["title"] for item in data["items"])


def test_article_detail_has_authors_source_date_kind_and_topics(client, articles):
    steppe = articles["steppe"]
    response = client.get(f"/api/v2/pages/{steppe.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["type"] == "briefings.ArticlePage"
    assert data["title"] == "Pipelines Across the Steppe"
    assert (data["kind"], data["date"], data["standfirst"]) == (
        "analysis",
        "2024-03-01",
        "Gas, grids and a new pipeline.",
    )
    assert data["source"] == {"name": "Steppe Policy Review", "url": "https://example.org/steppe"}
    [author] = data["authors"]
    assert {key: author[key] for key in ("name", "honorific", "role", "affiliation")} == {
        "name": "Aigerim Seitkali",
        "honorific": "Ms.",
        "role": "Research Fellow",
        "affiliation": "Institute for Testing, Islamabad",
    }
    assert author["url"] == "http://testserver/authors/aigerim-seitkali/"
    assert client.get(author["url"]).status_code == 200
    assert data["countries"] == [
        {
            "name": "China",
            "slug": "china",
            "code": "CN",
            "hub_url": "http://testserver/topics/countries/china/",
        },
        {
            "name": "Kazakhstan",
            "slug": "kazakhstan",
            "code": "KZ",
            "hub_url": "http://testserver/topics/countries/kazakhstan/",
        },
    ]
    assert [(t["name"], t["code"]) for t in data["initiatives"]] == [("Belt and Road Initiative", "BRI")]
    assert [t["slug"] for t in data["sectors"]] == ["energy"]
    for topic in data["countries"] + data["initiatives"] + data["sectors"]:
        assert client.get(topic["hub_url"]).status_code == 200
    assert data["body"][0]["type"] == "paragraph"


def test_article_listing_shows_the_article_fields_newest_first(client, articles):
    items = client.get(ARTICLES).json()["items"]
    assert [item["title"] for item in items] == [
        "Wind Power on the Makran Coast",
        "Pipelines Across the Steppe",
    ]
    gwadar = items[0]
    assert gwadar["source"] == {"name": None, "url": None}
    assert [t["code"] for t in gwadar["countries"]] == ["CN", "PK"]
    assert [t["slug"] for t in gwadar["sectors"]] == ["energy", "trade"]


def test_topic_filters_combine_and_accept_slugs_codes_and_lists(client, articles):
    both = ["Pipelines Across the Steppe", "Wind Power on the Makran Coast"]
    assert titles(client, f"{ARTICLES}&country=kazakhstan&initiative=bri&sector=energy") == [
        "Pipelines Across the Steppe"
    ]
    assert titles(client, f"{ARTICLES}&country=KZ&initiative=BRI") == ["Pipelines Across the Steppe"]
    assert titles(client, f"{ARTICLES}&country=china&initiative=BRI") == both
    assert titles(client, f"{ARTICLES}&country=CN,PK") == ["Wind Power on the Makran Coast"]
    assert titles(client, f"{ARTICLES}&sector=energy&sector=trade") == ["Wind Power on the Makran Coast"]
    assert titles(client, f"{ARTICLES}&country=uzbekistan") == []
    # Without a type the filters still apply (to pages as such).
    assert titles(client, "/api/v2/pages/?country=pakistan") == ["Wind Power on the Makran Coast"]
    # Topic filters work alongside Wagtail's own search.
    assert titles(client, f"{ARTICLES}&search=pipeline&country=china") == ["Pipelines Across the Steppe"]


def test_unknown_topic_is_a_400_with_a_message(client, articles):
    response = client.get(f"{ARTICLES}&country=atlantis&sector=energy")
    assert response.status_code == 400
    assert response.json() == {"message": "unknown country: atlantis"}
    assert client.get(f"{ARTICLES}&initiative=").status_code == 200  # empty values are ignored
    assert client.get(f"{ARTICLES}&country=%00").status_code == 400  # a control character
    assert client.get(f"{ARTICLES}&colour=red").status_code == 400


def test_drafts_private_and_expired_pages_are_never_served(client, articles):
    hidden = {"Draft Memo", "Members Note", "Expired Note"}
    for url in [ARTICLES, "/api/v2/pages/", f"{ARTICLES}&country=kazakhstan", f"{ARTICLES}&search=note"]:
        assert not hidden & set(titles(client, url)), url
    for name in ("draft", "private", "expired"):
        assert client.get(f"/api/v2/pages/{articles[name].pk}/").status_code == 404, name
    assert client.get(f"/api/v2/pages/{articles['steppe'].pk}/").status_code == 200


def test_topics_endpoint_counts_visible_articles(client, articles):
    response = client.get("/api/v2/topics/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == len(data["items"])
    by_key = {(item["vocabulary"], item["slug"]): item for item in data["items"]}
    assert by_key[("countries", "kazakhstan")] == {
        "vocabulary": "countries",
        "name": "Kazakhstan",
        "slug": "kazakhstan",
        "code": "KZ",
        "count": 1,  # the draft, private and expired articles do not count
        "hub_url": "http://testserver/topics/countries/kazakhstan/",
    }
    assert by_key[("countries", "china")]["count"] == 2
    assert by_key[("initiatives", "bri")]["count"] == 2
    assert by_key[("initiatives", "gci")]["count"] == 0
    assert (by_key[("sectors", "trade")]["count"], by_key[("sectors", "trade")]["code"]) == (1, "trade")
    # Each count is what the pages endpoint returns for that topic.
    for vocabulary, param in (("countries", "country"), ("initiatives", "initiative"), ("sectors", "sector")):
        for item in [i for i in data["items"] if i["vocabulary"] == vocabulary and i["count"]]:
            listed = client.get(f"{ARTICLES}&{param}={item['code']}").json()["meta"]["total_count"]
            assert listed == item["count"], item


def test_topics_endpoint_filters_by_vocabulary(client, articles):
    items = client.get("/api/v2/topics/?vocabulary=initiatives").json()["items"]
    assert {item["vocabulary"] for item in items} == {"initiatives"}
    assert items[0]["code"] == "BRI"  # most used first
    assert len(client.get("/api/v2/topics/?vocabulary=initiatives,sectors").json()["items"]) == len(
        items
    ) + len(client.get("/api/v2/topics/?vocabulary=sectors").json()["items"])
    for bad in ("/api/v2/topics/?vocabulary=planets", "/api/v2/topics/?vocabulary=", "/api/v2/topics/?x=1"):
        response = client.get(bad)
        assert response.status_code == 400 and response.json()["message"], bad


@pytest.mark.parametrize(
    "url",
    ["/api/v2/pages/", "/api/v2/pages/{pk}/", "/api/v2/topics/"],
)
def test_api_is_read_only(client, articles, url):
    url = url.format(pk=articles["steppe"].pk)
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(url, {"title": "Changed"}, content_type="application/json").status_code == 405
    articles["steppe"].refresh_from_db()
    assert articles["steppe"].title == "Pipelines Across the Steppe"


@pytest.mark.parametrize("count", [3, 30])
def test_listing_query_count_does_not_grow_with_articles(client, index, count, django_assert_max_num_queries):
    for n in range(count):
        make_article(
            index,
            f"Corridor {n}",
            authors=[AuthorFactory(), AuthorFactory()],
            countries=["kazakhstan", "china"],
            initiatives=["bri"],
            sectors=["energy"],
            quick_publish=True,
        )
    client.get(ARTICLES)  # warm the per-process caches (content types, site root paths)
    for url in [ARTICLES, f"{ARTICLES}&country=kazakhstan&initiative=bri&sector=energy", "/api/v2/topics/"]:
        with django_assert_max_num_queries(14):  # one: the topic statistics schedule check
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.json()["items"]) >= min(count, 20)


def test_a_topic_listing_counts_every_article_on_its_topics_not_only_the_page(client, articles):
    for url, total, shown in [
        (f"{ARTICLES}&country=china&limit=1", 2, 1),  # one topic: the topic statistics' count
        (f"{ARTICLES}&country=china&initiative=bri&limit=1&offset=1", 2, 1),  # two topics
        (f"{ARTICLES}&country=kazakhstan,pakistan", 0, 0),  # on both: none
        (f"{ARTICLES}&country=china&sector=trade&initiative=bri", 1, 1),  # three: counted rows
        (f"{ARTICLES}&country=china&search=wind", 1, 1),  # a search: counted rows
    ]:
        data = client.get(url).json()
        assert (data["meta"]["total_count"], len(data["items"])) == (total, shown), url
