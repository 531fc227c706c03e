"""An article published without a Date sorts by its publication time, so it is first everywhere
articles are listed newest first; the editor and the importer fill the Date in."""

import datetime
import io
import re

from django.core.management import call_command
from django.utils import timezone

import feedparser
import pytest

from briefings.articles.models import ArticlePage
from briefings.editorial.roles import EDITORS
from tests.factories import AuthorFactory, make_article, make_user
from tests.test_workflow import add_url, article_form, form_errors

pytestmark = pytest.mark.django_db

TITLE = "Kazakhstan Opens a New Energy Corridor"  # what tests.test_workflow.article_form writes


def card_links(html):
    return re.findall(r'<h3 class="card__title"><a href="([^"]+)"', html)


def feed_titles(client, url):
    return [entry.title for entry in feedparser.parse(client.get(url).content).entries]


def test_an_article_published_without_a_date_is_first_on_every_listing(client, index):
    author = AuthorFactory(name="Hafsa Akram")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for n, day in enumerate((yesterday, datetime.date(2024, 1, 15))):
        make_article(
            index,
            f"Dated Piece {n}",
            date=day,
            authors=[author],
            countries=["kazakhstan"],
            initiatives=["bri"],
            sectors=["energy"],
        )
    editor = make_user(EDITORS, "editor")
    client.force_login(editor)
    data = article_form(authors=[author], date="", **{"action-publish": "Publish"})
    response = client.post(add_url(index), data)
    assert response.status_code == 302, form_errors(response)
    undated = ArticlePage.objects.get(title=TITLE)
    # Published with the Date emptied: the article takes the day it was first published.
    assert undated.live and undated.date == undated.first_published_at.date()
    client.logout()

    listings = [
        "/",
        "/briefings/",
        "/topics/countries/kazakhstan/",
        "/topics/countries/kazakhstan/initiatives/bri/",
        author.get_absolute_url(),
    ]
    for url in listings:
        assert card_links(client.get(url).content.decode())[0] == undated.url, url
    for url in ("/feed/", "/topics/countries/kazakhstan/feed/", f"{author.get_absolute_url()}feed/"):
        assert feed_titles(client, url)[0] == TITLE, url
    filtered = client.get("/search/", {"country": "kazakhstan"}).content.decode()
    assert re.findall(r'class="card__title"><a href="([^"]+)"', filtered)[0] == undated.url


def test_the_article_form_fills_in_todays_date_or_the_first_publication(client, index):
    editor = make_user(EDITORS, "editor")
    client.force_login(editor)
    today = timezone.localdate().isoformat()
    assert re.search(rf'name="date"[^>]*value="{today}"', client.get(add_url(index)).content.decode())

    published = make_article(index, "Published Long Ago")
    ArticlePage.objects.filter(pk=published.pk).update(
        date=None, first_published_at=datetime.datetime(2023, 5, 4, 9, tzinfo=datetime.UTC)
    )
    html = client.get(f"/admin/pages/{published.pk}/edit/").content.decode()
    assert re.search(r'name="date"[^>]*value="2023-05-04"', html)


def test_an_imported_piece_without_a_date_is_dated_the_day_it_is_imported(tmp_path, index):
    (tmp_path / "undated.txt").write_text(
        "Kazakhstan and China Renew Their Pipeline Deal\n\nBy Hafsa Akram\n\n"
        "Kazakhstan and China agreed to extend the gas pipeline across the steppe.\n",
        encoding="utf-8",
    )
    call_command("import_articles", str(tmp_path), "--publish", stdout=io.StringIO(), stderr=io.StringIO())
    article = ArticlePage.objects.get(title="Kazakhstan and China Renew Their Pipeline Deal")
    assert article.date == timezone.localdate()
