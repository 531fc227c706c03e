"""The public site as a reader finds it: home, the briefings index and its pages, the author index,
canonical addresses; the article and author pages themselves are in test_reader.py."""

import datetime
import re
from pathlib import Path

from django.db import connection

import pytest

from tests.factories import AuthorFactory, make_article

pytestmark = pytest.mark.django_db


def test_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def test_home_lists_latest_articles_most_active_topics_and_entry_points(client, index):
    author = AuthorFactory(name="Hafsa Akram", honorific="Ms.")
    make_article(
        index,
        "Xi Visits Kazakhstan",
        authors=[author],
        countries=["china", "kazakhstan"],
        initiatives=["bri", "gdi", "gsi"],
        sectors=["energy", "security"],
    )
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xi Visits Kazakhstan" in html
    assert 'href="/briefings/"' in html
    assert 'href="/experts/"' in html
    assert 'href="/topics/countries/kazakhstan/"' in html
    assert 'href="/topics/sectors/energy/"' in html


def test_article_without_source_url_is_its_own_canonical(client, index):
    article = make_article(index, "Plain Piece", source_name="Caravan Notes")
    html = client.get(article.url).content.decode()
    assert "Originally published by Caravan Notes" in html
    assert f'<link rel="canonical" href="{article.full_url}">' in html


def test_index_lists_published_newest_first_and_hides_drafts(client, index):
    make_article(index, "Older Piece", date=datetime.date(2023, 1, 1))
    make_article(index, "Newer Piece", date=datetime.date(2024, 1, 1))
    make_article(index, "Secret Draft", live=False)
    html = client.get("/briefings/").content.decode()
    assert html.index("Newer Piece") < html.index("Older Piece")
    assert "Secret Draft" not in html
    assert "Secret Draft" not in client.get("/").content.decode()


def test_index_paginates_by_twenty_and_404s_past_the_end(client, index):
    for n in range(21):
        make_article(
            index,
            f"Piece {n:02d}",
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
            quick_publish=True,
        )
    first = client.get("/briefings/").content.decode()
    assert "Piece 20" in first and "Piece 00" not in first
    assert "Page 1 of 2" in first
    second = client.get("/briefings/?page=2").content.decode()
    assert "Piece 00" in second
    assert client.get("/briefings/?page=3").status_code == 404
    assert client.get("/briefings/?page=abc").status_code == 404


def test_expired_article_is_hidden_even_before_publish_scheduled_runs(client, index):
    from django.utils import timezone

    article = make_article(index, "Expired Piece")
    article.expire_at = timezone.now() - datetime.timedelta(hours=1)
    article.save()
    assert "Expired Piece" not in client.get("/briefings/").content.decode()


def test_experts_lists_authors_with_published_work_linking_to_their_pages(client, index):
    author = AuthorFactory(name="Published Person")
    make_article(index, "A Piece", authors=[author])
    make_article(index, "Her Draft", authors=[AuthorFactory(name="Draft Only Person")], live=False)
    AuthorFactory(name="Person Without Articles")
    html = client.get("/experts/").content.decode()
    assert "Published Person" in html and "1 article<" in html
    assert f'href="/authors/{author.slug}/"' in html
    assert "Draft Only Person" not in html and "Person Without Articles" not in html
    assert client.get(f"/authors/{author.slug}/").status_code == 200


def test_templates_carry_no_inline_css():
    """Styles live in static/css/briefings.css: no template has a style attribute or element."""
    templates = Path(__file__).resolve().parent.parent / "templates"
    inline = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
    offenders = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if inline.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
