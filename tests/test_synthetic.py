"""fill_synthetic: a consistent page tree of the size asked for, realistic topics, articles that
readers find in hubs and search; bench_pages on them."""

import datetime
import io
import json
from html import escape

from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

import pytest

from briefings.articles.models import ArticlePage, BriefingIndexPage
from briefings.operations import synthetic
from briefings.operations.benchmark import PAGE_NAMES, reader_pages
from tests.conftest import shared_data

pytestmark = pytest.mark.django_db


@shared_data
def filled(index):
    """120 synthetic articles, written in three batches (built once for this module's tests)."""
    return synthetic.fill(120, seed=7, batch_size=50)


def test_fill_makes_a_consistent_tree_of_live_articles(filled, index):
    assert filled.created == 120
    assert Page.find_problems() == ([], [], [], [], [])
    index = BriefingIndexPage.objects.get(pk=index.pk)
    articles = ArticlePage.objects.visible().child_of(index)
    assert articles.count() == index.numchild == 120
    slugs = list(articles.values_list("slug", flat=True))
    assert len(set(slugs)) == 120
    article = articles.first()
    assert article.url_path == f"{index.url_path}{article.slug}/"


def test_fill_spreads_topics_authors_and_dates_like_the_real_coverage(filled):
    articles = list(ArticlePage.objects.visible().with_topics().with_authors())
    with_china = sum(any(c.alpha2 == "CN" for c in a.countries.all()) for a in articles)
    assert 0.8 <= with_china / len(articles) < 1  # China on ~90 %, not on all
    partners = {c.alpha2 for a in articles for c in a.countries.all()} - {"CN"}
    assert len(partners) >= 10  # a long tail of countries
    assert all(1 <= len(a.sectors.all()) <= 3 for a in articles)
    assert all(len(a.initiatives.all()) <= 2 for a in articles)
    assert any(not a.initiatives.all() for a in articles) and any(a.initiatives.all() for a in articles)
    assert all(a.authors for a in articles)
    assert len({author.pk for a in articles for author in a.authors}) >= 10
    today = timezone.now().date()
    dates = [a.date for a in articles]
    assert min(dates) >= today - datetime.timedelta(days=3660) and max(dates) <= today
    assert max(dates) - min(dates) > datetime.timedelta(days=365 * 5)
    assert all(550 <= a.word_count <= 900 for a in articles)
    # No initiative before it was launched.
    assert all(i.launch_year <= a.date.year for a in articles for i in a.initiatives.all())


def test_synthetic_articles_show_on_their_hubs_in_search_and_on_their_own_pages(filled, client):
    article = ArticlePage.objects.visible().filter(initiatives__isnull=False).with_topics().first()
    page = client.get(article.url)
    assert page.status_code == 200
    assert escape(article.title) in page.content.decode()
    partner = next(c for c in article.countries.all() if c.alpha2 != "CN")
    newest_on_hub = ArticlePage.objects.visible().tagged_with("countries", partner).newest_first().first()
    assert escape(newest_on_hub.title) in client.get(f"/topics/countries/{partner.slug}/").content.decode()
    # Its title's words, whose matches rank first (several synthetic articles can share a title).
    found = client.get("/search/", {"q": article.title}).content.decode()
    assert escape(article.title) in found
    same_title = ArticlePage.objects.visible().filter(title=article.title)
    assert any(f'href="{a.url}"' in found for a in same_title)


def index_row(article):
    entries = IndexEntry.objects.filter(content_type__model="articlepage", object_id=str(article.pk))
    return list(entries.values_list("title", "autocomplete", "body", "title_text", "body_text"))


def test_search_index_rows_are_those_the_search_backend_writes(filled):
    articles = [
        ArticlePage.objects.filter(standfirst="").first(),
        ArticlePage.objects.exclude(standfirst="").first(),
    ]
    written = [index_row(article) for article in articles]
    assert all(len(rows) == 1 for rows in written)
    get_search_backend().add_bulk(ArticlePage, articles)  # replaces the rows with its own
    assert [index_row(article) for article in articles] == written
    refreshed = IndexEntry.objects.filter(content_type__model="articlepage").exclude(title_norm=1.0)
    assert refreshed.count() == 120  # title norms refreshed


def test_a_second_run_appends_after_the_first(filled, index):
    out = io.StringIO()
    call_command("fill_synthetic", "--articles", "30", stdout=out)
    assert "120 synthetic already: numbering goes on from 121" in out.getvalue()
    assert "Added 30 articles" in out.getvalue()
    assert ArticlePage.objects.visible().count() == 150
    assert Page.find_problems() == ([], [], [], [], [])


def test_top_up_adds_only_what_is_missing(filled):
    out = io.StringIO()
    call_command("fill_synthetic", "--articles", "100", "--top-up", stdout=out)
    assert "already has 120 live articles: nothing to add" in out.getvalue()
    call_command("fill_synthetic", "--articles", "125", "--top-up", stdout=out)
    assert ArticlePage.objects.visible().count() == 125


# bench_pages on the synthetic articles (what it prints, not how fast) ---------------------------


def test_bench_pages_finds_an_address_for_every_reader_page(filled, client):
    pages = dict(reader_pages(client))
    assert set(pages) == set(PAGE_NAMES)  # /sitemap.xml is an index: its first section is timed too
    assert pages["sitemap-section"].startswith("/sitemap-")
    assert pages["china-hub"] == "/topics/countries/china/"
    assert pages["busiest-intersection"].startswith("/topics/countries/china/initiatives/")
    assert "country=" in pages["search-facet"]


def test_bench_pages_prints_a_table_of_cold_and_cached_timings(filled):
    out = io.StringIO()
    only = "trivial,home,china-hub"
    call_command("bench_pages", "--articles", "100", "--requests", "1", "--only", only, stdout=out)
    table = out.getvalue()
    assert "120 live articles on postgresql" in table
    assert "cold p50" in table and "cached p50" in table
    rows = [line.split() for line in table.splitlines() if line.split() and line.split()[0] in PAGE_NAMES]
    assert [row[0] for row in rows] == only.split(",")
    assert all(len(row) == 8 and row[7].startswith("/") for row in rows)  # 6 figures and the URL


def test_bench_pages_reports_json(filled):
    out = io.StringIO()
    call_command(
        "bench_pages",
        "--articles",
        "100",
        "--requests",
        "2",
        "--only",
        "trivial,home",
        "--format",
        "json",
        stdout=out,
    )
    report = json.loads(out.getvalue())
    assert report["articles"] == 120 and report["requests"] == 2
    assert [page["name"] for page in report["pages"]] == ["trivial", "home"]
    home = report["pages"][1]
    assert home["url"] == "/" and home["cold"]["queries"] >= home["cached"]["queries"]
    assert home["cold"]["median_ms"] > 0 and home["cold"]["p95_ms"] >= home["cold"]["median_ms"]


def test_bench_pages_refuses_unknown_page_names(filled):
    with pytest.raises(CommandError, match="--only takes names among"):
        call_command("bench_pages", "--only", "homepage")


def test_an_editor_can_open_edit_and_publish_a_synthetic_article(filled, client, django_user_model):
    """They have no revision yet: the admin starts from the page itself."""
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(editor)
    article = ArticlePage.objects.visible().first()
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    article.title = "Edited synthetic analysis"
    article.save_revision(user=editor).publish()
    client.logout()
    assert "Edited synthetic analysis" in client.get(article.url).content.decode()
    assert Page.find_problems() == ([], [], [], [], [])
