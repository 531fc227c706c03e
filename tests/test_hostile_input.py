"""Bad input never answers 500: hostile addresses replayed over every public route.

Each address may answer anything but a server error (5xx); a sample must answer exactly 400 (the
request itself is malformed: a NUL or control character, a number out of range for the API) or
404 (no such page, topic or article).
"""

from django.db import transaction
from django.test import Client

import pytest

from tests.factories import AuthorFactory, make_article

pytestmark = pytest.mark.django_db

NUL = "%00"
LONG = "a" * 10_000  # an overlong path segment or parameter
HUGE = "1" + "0" * 30  # 10**30: past any integer column
MANY_WORDS = "+".join(f"word{n}" for n in range(300))
BIDI = "%E2%80%AE"  # RIGHT-TO-LEFT OVERRIDE
ZERO_WIDTH = "%E2%80%8B%EF%BB%BF"  # ZERO WIDTH SPACE, BYTE ORDER MARK
C1_CONTROL = "%C2%85"  # NEXT LINE, a C1 control character
ESCAPE = "%1B%5B31m"  # a terminal escape sequence
BAD_PERCENT = ("%", "%ZZ", "%E2%82", "%FF%FE", "%C0%AF")  # malformed or invalid UTF-8

# Every public route; {article}, {author} and {id} are filled in from the fixture.
ROUTES = [
    "/",
    "/briefings/",
    "/briefings/{article}/",
    "/authors/",
    "/experts/",
    "/authors/{author}/",
    "/authors/{author}/feed/",
    "/topics/",
    "/topics/countries/",
    "/topics/countries/kazakhstan/",
    "/topics/countries/kazakhstan/feed/",
    "/topics/countries/kazakhstan/initiatives/bri/",
    "/topics/countries/kazakhstan/initiatives/bri/feed/",
    "/topics/regions/central-asia/",
    "/feed/",
    "/search/",
    "/api/v2/pages/",
    "/api/v2/pages/{id}/",
    "/api/v2/pages/find/",
    "/api/v2/topics/",
    "/cite/{id}.bib",
    "/cite/{id}.ris",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/favicon.ico",
    "/manifest.webmanifest",
]

# Query strings tried on every route, with the status they must answer there (None: any but 5xx).
EVERY_ROUTE = [
    (f"page={HUGE}", None),
    (f"q={LONG}", None),
    (f"x{NUL}=1", 400),
    (f"page=1&page=2&q=a&q=b&q={BIDI}", None),
    (f"q={ZERO_WIDTH}{C1_CONTROL}&country=atlantis", None),
]

# Route-specific hostile addresses, with the status some of them must answer (None: any but 5xx).
SPECIFIC = [
    # NUL bytes: in a path segment or a parameter, 400 before any view runs.
    (f"/topics/countries/{NUL}/", 400),
    (f"/authors/{NUL}/", 400),
    (f"/briefings/{NUL}/", 400),
    (f"/topics/{NUL}/", 400),
    (f"/topics/countries/kazakhstan/initiatives/{NUL}/", 400),
    (f"/search/?q={NUL}", 400),
    (f"/search/?country={NUL}", 400),
    (f"/api/v2/pages/?search={NUL}", 400),
    (f"/api/v2/pages/find/?html_path={NUL}", 400),
    (f"/api/v2/pages/?type=briefings.ArticlePage&country=kazakhstan{NUL}", 400),
    (f"/api/v2/topics/?vocabulary={NUL}", 400),
    (f"/briefings/?page=1{NUL}", 400),
    # Other control characters.
    ("/topics/countries/%01/", 400),
    (f"/authors/{ESCAPE}/", 400),
    (f"/search/?q={ESCAPE}", 400),
    (f"/briefings/{C1_CONTROL}/", 400),
    # Numbers out of range.
    ("/healthz", 200),
    (f"/briefings/?page={HUGE}", 404),
    ("/briefings/?page=-1", 404),
    ("/briefings/?page=0", 404),
    ("/briefings/?page=1e3", 404),
    ("/briefings/?page=", None),
    (f"/authors/{{author}}/?page={HUGE}", 404),
    (f"/topics/countries/kazakhstan/?page={HUGE}", 404),
    (f"/search/?q=pipeline&page={HUGE}", 404),
    (f"/search/?country=kazakhstan&page={HUGE}", 404),
    (f"/api/v2/pages/?offset={HUGE}", 400),
    ("/api/v2/pages/?offset=-1", 400),
    (f"/api/v2/pages/?limit={HUGE}", 400),
    ("/api/v2/pages/?limit=-5", 400),
    (f"/api/v2/pages/{HUGE}/", 404),
    ("/api/v2/pages/0/", 404),
    (f"/api/v2/pages/find/?id={HUGE}", 404),
    ("/api/v2/pages/find/?id=abc", None),
    (f"/api/v2/pages/?child_of={HUGE}", None),
    ("/api/v2/pages/?child_of=abc", 400),
    (f"/api/v2/pages/?descendant_of={HUGE}", None),
    (f"/api/v2/pages/?ancestor_of={HUGE}", None),
    (f"/api/v2/pages/?id={HUGE}", None),
    ("/api/v2/pages/?type=briefings.ArticlePage&date=99999-01-01", 400),
    (f"/cite/{HUGE}.bib", 404),
    (f"/cite/{HUGE}.ris", 404),
    ("/cite/-1.bib", 404),
    # Bad dates and unknown values.
    ("/api/v2/pages/?type=briefings.ArticlePage&date=abc", 400),
    ("/api/v2/pages/?type=briefings.ArticlePage&date=2024-13-45", 400),
    ("/api/v2/pages/?type=briefings.ArticlePage&first_published_at=yesterday", 400),
    ("/api/v2/pages/?type=briefings.ArticlePage&kind=" + LONG, None),
    ("/api/v2/pages/?type=briefings.ArticlePage&body=abc", None),
    ("/api/v2/pages/?type=briefings.ArticlePage&source_url=" + LONG, None),
    ("/api/v2/pages/?show_in_menus=maybe", 400),
    ("/api/v2/pages/?title=" + LONG, None),
    ("/api/v2/pages/?fields=authors(", 400),
    ("/api/v2/pages/?fields=" + "a(" * 500, None),
    ("/api/v2/pages/?search=pipeline&order=-date", None),
    ("/api/v2/pages/?order=random&search=pipeline", None),
    ("/api/v2/pages/?type=nope.Nope", 400),
    (f"/api/v2/pages/?type={LONG}", 400),
    ("/api/v2/pages/?fields=*,-title,nope", 400),
    ("/api/v2/pages/?fields=" + "_," * 2000, None),
    ("/api/v2/pages/?order=nope", 400),
    ("/api/v2/pages/?order=" + "-" * 500, None),
    ("/api/v2/pages/?search=pipeline&search_operator=xor", 400),
    ("/api/v2/pages/?locale=zz", None),
    ("/api/v2/pages/?translation_of=abc", None),
    ("/api/v2/pages/?unknown=1", 400),
    ("/api/v2/pages/?type=briefings.ArticlePage&country=atlantis", 400),
    ("/api/v2/pages/?type=briefings.ArticlePage&" + "&".join(f"sector=s{n}" for n in range(50)), 400),
    ("/api/v2/topics/?vocabulary=nope", 400),
    ("/api/v2/topics/?vocabulary=,,,", 400),
    ("/topics/nope/", 404),
    ("/topics/countries/atlantis/", 404),
    ("/topics/countries/atlantis/feed/", 404),
    ("/topics/countries/kazakhstan/nope/bri/", 404),
    ("/topics/countries/kazakhstan/countries/kazakhstan/", 404),
    (f"/topics/countries/{LONG}/", 404),
    (f"/authors/{LONG}/", 404),
    (f"/authors/{LONG}/feed/", 404),
    (f"/briefings/{LONG}/", 404),
    (f"/search/?country={LONG}", None),
    (f"/search/?{'&'.join(f'country=c{n}' for n in range(200))}", None),
    # Search input: overlong, many words, operators and quotes.
    (f"/search/?q={MANY_WORDS}", None),
    (f"/api/v2/pages/?search={MANY_WORDS}", 400),
    (f"/api/v2/pages/?search={LONG}", 400),
    ("/api/v2/pages/?search=%22%27%26%7C%21%3A*%28%29", None),
    ("/api/v2/pages/?search=", None),
    ("/search/?q=%22%27%26%7C%21%3A*%28%29%3C%3E", None),
    (f"/search/?q={BIDI}pipeline{ZERO_WIDTH}", None),
    (f"/api/v2/pages/find/?html_path={LONG}", 404),
    ("/api/v2/pages/find/?html_path=/briefings/../../../etc/passwd", 404),
    # Unicode: bidi and zero-width characters in paths.
    (f"/topics/countries/kazakhstan{BIDI}/", 404),
    (f"/authors/{ZERO_WIDTH}/", 404),
    (f"/briefings/{BIDI}{{article}}/", 404),
    # Invalid percent-encoding.
    *((f"/topics/countries/{bad}/", 404) for bad in BAD_PERCENT),
    *((f"/search/?q={bad}", None) for bad in BAD_PERCENT),
    *((f"/api/v2/pages/?search={bad}", None) for bad in BAD_PERCENT),
    (f"/authors/{BAD_PERCENT[2]}/", 404),
    # ".." segments.
    ("/briefings/../admin/", 404),
    ("/topics/countries/../../etc/passwd", 404),
    ("/topics/%2e%2e/%2e%2e/", 404),
    ("/authors/../feed/", None),
    ("/cite/../robots.txt", 404),
]


@pytest.fixture
def site(index):
    author = AuthorFactory(name="Aigerim Seitkali")
    article = make_article(
        index,
        "Pipelines Across the Steppe",
        authors=[author],
        body=["The gas pipeline reaches Khorgos."],
        countries=["kazakhstan", "china"],
        initiatives=["bri"],
        sectors=["energy"],
    )
    return {"article": article.slug, "author": author.slug, "id": article.pk}


def hostile_urls(site):
    urls = [(route, None) for route in ROUTES]
    urls += [(f"{route}?{query}", expected) for route in ROUTES for query, expected in EVERY_ROUTE]
    urls += SPECIFIC
    return [(url.format(**site), expected) for url, expected in urls]


def test_the_hostile_list_covers_every_route_with_enough_cases(site):
    urls = hostile_urls(site)
    assert len(urls) >= 80
    for route in ROUTES:
        assert any(url.startswith(route.format(**site)) for url, _ in urls)


def test_no_hostile_address_gets_a_server_error(site):
    client = Client(raise_request_exception=False)
    failures = []
    for url, expected in hostile_urls(site):
        # Each request in a savepoint, so that a database error does not abort the next ones.
        savepoint = transaction.savepoint()
        status = client.get(url).status_code
        transaction.savepoint_rollback(savepoint)
        if status >= 500 or (expected is not None and status != expected):
            failures.append(f"{status} (expected {expected or 'not 5xx'}) {url[:120]}")
    assert not failures, "\n".join(failures)


def test_control_characters_in_the_address_are_refused_before_any_view(client, site):
    response = client.get("/authors/%00/")
    assert response.status_code == 400
    assert b"control character" in response.content
    # Tabs and line breaks pasted into the search box are still searched.
    assert client.get("/search/?q=gas%09pipeline%0D%0A").status_code == 200


def test_api_search_longer_than_the_search_page_allows_is_refused_before_searching(client, site, monkeypatch):
    from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

    monkeypatch.setattr(PostgresSearchBackend, "search", None)  # never reached
    response = client.get(f"/api/v2/pages/?search={MANY_WORDS}")
    assert response.status_code == 400
    assert response.json() == {"message": "search is too long: at most 200 characters and 12 words"}


def test_api_search_sends_only_words_to_the_backend(client, site):
    response = client.get("/api/v2/pages/?search=%22pipeline%22+%26+%21steppe%3A*")
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Pipelines Across the Steppe"]
    # Nothing to look for: no results, rather than everything.
    assert client.get("/api/v2/pages/?search=%26%26%7C").json()["items"] == []


def test_api_field_filter_with_a_value_its_field_cannot_hold_is_a_400(client, site):
    response = client.get("/api/v2/pages/?type=briefings.ArticlePage&date=abc")
    assert response.status_code == 400
    assert "date format" in response.json()["message"]
    assert client.get("/api/v2/pages/?type=briefings.ArticlePage&date=2024-01-15").json()["meta"] == {
        "total_count": 1
    }


def test_api_offset_and_ids_out_of_range_are_refused_not_crashed(client, site):
    response = client.get(f"/api/v2/pages/?offset={HUGE}")
    assert response.status_code == 400
    assert response.json() == {"message": "offset cannot be higher than 1000000"}
    assert client.get("/api/v2/pages/?offset=1000000").json()["items"] == []
    assert client.get("/api/v2/pages/find/?id=abc").json() == {"message": "id must be an integer"}
