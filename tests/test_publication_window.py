"""An article is read only inside its publication window, whatever ``publish_scheduled`` has done:
past its expiry, or before its go-live time, it is not found at its own address nor listed
anywhere -- while editors still preview it."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from briefings.editorial.roles import EDITORS
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def hidden_article(index, title, **schedule):
    """A published (``live``) article with ``schedule`` set on its row directly, as if
    ``publish_scheduled`` had not run yet."""
    article = make_article(
        index, title, body=["A pipeline across the steppe."], countries=["kazakhstan"], initiatives=["bri"]
    )
    for field, value in schedule.items():
        setattr(article, field, value)
    article.save()
    article.refresh_from_db()
    assert article.live
    return article


LISTINGS = [
    "/",
    "/briefings/",
    "/feed/",
    "/topics/countries/kazakhstan/",
    "/topics/countries/kazakhstan/initiatives/bri/",
    "/search/?q=pipeline",
    "/api/v2/pages/?type=briefings.ArticlePage",
    "/api/v2/pages/?search=pipeline",
    "/sitemap.xml",
]


@pytest.mark.parametrize(
    "schedule",
    [
        pytest.param({"expire_at": -HOUR}, id="expired"),
        pytest.param({"go_live_at": 2 * HOUR}, id="not yet live"),
        pytest.param({"go_live_at": -2 * HOUR, "expire_at": -HOUR}, id="window passed"),
    ],
)
def test_article_off_schedule_is_not_found_at_its_address_nor_listed(client, index, schedule):
    now = timezone.now()
    article = hidden_article(index, "Off Schedule Piece", **{k: now + v for k, v in schedule.items()})
    response = client.get(article.url)
    assert response.status_code == 404
    assert b"A pipeline across the steppe" not in response.content
    assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/find/?html_path={article.url}").status_code == 404
    assert client.get(f"/cite/{article.pk}.bib").status_code == 404
    for url in LISTINGS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Off Schedule Piece" not in response.content, url
        assert article.slug.encode() not in response.content, url


def test_article_inside_its_window_is_served(client, index):
    now = timezone.now()
    article = hidden_article(index, "Scheduled Piece", go_live_at=now - HOUR, expire_at=now + HOUR)
    response = client.get(article.url)
    assert response.status_code == 200
    assert b"A pipeline across the steppe" in response.content
    assert b"Scheduled Piece" in client.get("/briefings/").content


def test_any_page_off_schedule_is_not_found(client, index):
    make_article(index, "A Piece")
    index.expire_at = timezone.now() - HOUR
    index.save()
    assert client.get("/briefings/").status_code == 404


@pytest.mark.parametrize("field, offset", [("expire_at", -HOUR), ("go_live_at", 2 * HOUR)])
def test_editors_still_preview_an_article_off_schedule(client, index, field, offset):
    article = hidden_article(index, "Off Schedule Piece", **{field: timezone.now() + offset})
    client.force_login(make_user(EDITORS, "editor"))
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    assert response.status_code == 200
    assert b"A pipeline across the steppe" in response.content
    assert client.get(article.url).status_code == 404  # logged in, but reading the site
