"""The public site: home, briefings index, article and author pages as a reader sees them."""

import datetime
import re
from pathlib import Path

from django.db import connection

import pytest

from tests.factories import AuthorFactory, make_article

pytestmark = pytest.mark.django_db


def test_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def test_home_lists_latest_articles_and_entry_points(client, index):
    author = AuthorFactory(name="Hafsa Akram", honorific="Ms.")
    make_article(index, "Xi Visits Kazakhstan", authors=[author])
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xi Visits Kazakhstan" in html
    assert 'href="/briefings/"' in html
    assert 'href="/authors/"' in html


def test_article_page_shows_kind_byline_date_source_and_body(client, index):
    author = AuthorFactory(
        honorific="Ms.", name="Hafsa Akram", role="Research Fellow", affiliation="PRCCSF, Islamabad"
    )
    article = make_article(
        index,
        "Chinese President Xi Jinping Visits Kazakhstan",
        kind="analysis",
        authors=[author],
        date=datetime.date(2022, 9, 14),
        source_name="TN Media News",
        source_url="https://example.org/xi-kazakhstan",
        body=["On 14 Sep 2022, Chinese President Xi Jinping visited Kazakhstan."],
    )
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="kind-label">Analysis</p>' in html
    assert "<h1>Chinese President Xi Jinping Visits Kazakhstan</h1>" in html
    assert f'href="/authors/{author.slug}/"' in html
    assert "Research Fellow, PRCCSF, Islamabad" in html
    assert '<time datetime="2022-09-14">14 September 2022</time>' in html
    assert 'Originally published by <a href="https://example.org/xi-kazakhstan">TN Media News</a>' in html
    assert '<link rel="canonical" href="https://example.org/xi-kazakhstan">' in html
    assert "On 14 Sep 2022, Chinese President Xi Jinping visited Kazakhstan." in html


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
        make_article(index, f"Piece {n:02d}", date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
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


def test_author_page_lists_only_their_published_articles(client, index):
    author = AuthorFactory(name="Sana Mirza", bio="Works on corridors.")
    other = AuthorFactory(name="Someone Else")
    make_article(index, "Her Published Piece", authors=[author])
    make_article(index, "Her Draft", authors=[author], live=False)
    make_article(index, "Not Hers", authors=[other])
    response = client.get(f"/authors/{author.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sana Mirza" in html and "Works on corridors." in html
    assert "Her Published Piece" in html
    assert "Her Draft" not in html and "Not Hers" not in html
    assert client.get("/authors/no-such-author/").status_code == 404


def test_author_index_lists_authors_with_published_work(client, index):
    author = AuthorFactory(name="Published Person")
    AuthorFactory(name="Draft Only Person")
    make_article(index, "A Piece", authors=[author])
    html = client.get("/authors/").content.decode()
    assert "Published Person" in html and "(1 article)" in html
    assert "Draft Only Person" not in html


def test_titles_and_names_are_escaped(client, index):
    author = AuthorFactory(name="<script>alert(1)</script>")
    article = make_article(index, "<script>alert('x')</script> Title", authors=[author])
    html = client.get(article.url).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("articles", [3, 30])
def test_page_views_use_bounded_queries(client, index, articles, django_assert_max_num_queries):
    """The same bound holds at both data sizes: no query per article or author."""
    authors = [AuthorFactory() for _ in range(3)]
    for n in range(articles):
        make_article(
            index, f"Piece {n}", authors=authors, countries=["china", "pakistan"], sectors=["energy"]
        )
    for url in ("/", "/briefings/", f"/authors/{authors[0].slug}/", "/authors/"):
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200, url


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
