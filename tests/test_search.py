"""Site search as readers use it: full-text matches, topic filters and chips, facet counts,
highlighting, hostile input, pagination, and articles that must never show."""

import datetime
import html
import io
import re

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from briefings.articles.models import ArticlePage
from tests.conftest import shared_data
from tests.factories import AuthorFactory, make_article

pytestmark = pytest.mark.django_db


@shared_data
def corpus(index):
    """Three published articles, and a draft, a private and an expired one that mention the
    same words and topics and must never show (built once, shared by the tests that use it)."""
    steppe = make_article(
        index,
        "Pipelines Across the Steppe",
        date=datetime.date(2024, 3, 1),
        body=["The new gas pipeline carries Kazakh gas east to Khorgos."],
        countries=["kazakhstan", "china"],
        initiatives=["bri"],
        sectors=["energy"],
    )
    gwadar = make_article(
        index,
        "Wind Power on the Makran Coast",
        date=datetime.date(2024, 5, 1),
        body=["Wind farms, a refinery and a pipeline to Gwadar are planned."],
        countries=["pakistan", "china"],
        initiatives=["bri"],
        sectors=["energy", "trade"],
    )
    water = make_article(
        index,
        "Water Diplomacy on the Amu Darya",
        date=datetime.date(2024, 4, 1),
        body=["Sharing water between upstream and downstream states."],
        countries=["uzbekistan"],
        sectors=["water"],
    )
    make_article(
        index, "Draft Pipeline Memo", live=False, body=["A pipeline draft."], countries=["kazakhstan"]
    )
    private = make_article(index, "Members Pipeline Note", body=["A pipeline."], countries=["kazakhstan"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expired = make_article(index, "Expired Pipeline Note", body=["A pipeline."], countries=["kazakhstan"])
    expired.expire_at = timezone.now() - datetime.timedelta(hours=1)
    expired.save()
    return steppe, gwadar, water


HIDDEN = ("Draft Pipeline Memo", "Members Pipeline Note", "Expired Pipeline Note")


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def result_titles(page_html):
    """Titles of the results, in order, without their highlighting."""
    return [
        html.unescape(re.sub(r"</?mark>", "", title))
        for title in re.findall(r'<h3 class="card__title"><a href="[^"]+">(.*?)</a></h3>', page_html)
    ]


def facet_counts(page_html):
    """``{(vocabulary heading, topic name): (count, url)}`` from the facets sidebar."""
    aside = page_html[page_html.index('class="facets"') :]
    counts = {}
    for section in re.findall(r"<h3 [^>]*>(\w+)</h3>(.*?)</section>", aside, re.S):
        heading, body = section
        for url, name, count in re.findall(
            r'<li><a href="([^"]+)" rel="nofollow">([^<]+)</a> <span class="count">(\d+)</span></li>', body
        ):
            counts[(heading, html.unescape(name))] = (int(count), html.unescape(url))
    return counts


def chip_links(page_html):
    return {
        html.unescape(label): html.unescape(url)
        for url, label in re.findall(
            r'<a class="chip chip--remove" href="([^"]+)" aria-label="Remove filter ([^"]+)">', page_html
        )
    }


def test_finds_articles_by_words_in_the_body(client, corpus):
    assert result_titles(get_html(client, "/search/?q=Gwadar")) == ["Wind Power on the Makran Coast"]
    titles = result_titles(get_html(client, "/search/?q=pipeline"))
    assert sorted(titles) == ["Pipelines Across the Steppe", "Wind Power on the Makran Coast"]
    # Every word must occur; stemming matches "pipelines" to "pipeline".
    assert result_titles(get_html(client, "/search/?q=pipelines+Khorgos")) == ["Pipelines Across the Steppe"]
    assert result_titles(get_html(client, "/search/?q=pipeline+upstream")) == []


def test_drafts_private_and_expired_articles_never_appear(client, corpus):
    for url in ["/search/?q=pipeline", "/search/?country=kazakhstan", "/search/?q=memo+note", "/search/"]:
        page_html = get_html(client, url)
        for title in HIDDEN:
            assert title not in page_html, (url, title)
    # Four hidden articles are tagged Kazakhstan too; only the published one counts.
    assert facet_counts(get_html(client, "/search/?q=pipeline"))[("Countries", "Kazakhstan")][0] == 1
    assert facet_counts(get_html(client, "/search/"))[("Countries", "Kazakhstan")][0] == 1


def test_filters_combine_with_and_across_and_within_vocabularies(client, corpus):
    def titles(query):
        return sorted(result_titles(get_html(client, f"/search/?{query}")))

    assert titles("q=pipeline&country=pakistan") == ["Wind Power on the Makran Coast"]
    assert titles("q=pipeline&sector=energy&sector=trade") == ["Wind Power on the Makran Coast"]
    assert titles("q=pipeline&country=china&initiative=bri&sector=energy") == [
        "Pipelines Across the Steppe",
        "Wind Power on the Makran Coast",
    ]
    assert titles("country=kazakhstan&country=china") == ["Pipelines Across the Steppe"]
    assert titles("q=pipeline&country=uzbekistan") == []
    # Codes, names and comma-separated values name the same topics as slugs.
    assert titles("country=KZ&initiative=BRI") == titles("country=kazakhstan&initiative=bri")
    assert titles("country=Pakistan,CN") == ["Wind Power on the Makran Coast"]


def test_empty_query_with_filters_lists_the_filtered_articles_newest_first(client, corpus):
    page_html = get_html(client, "/search/?country=china")
    assert result_titles(page_html) == ["Wind Power on the Makran Coast", "Pipelines Across the Steppe"]
    assert "2 results" in page_html


def test_empty_search_shows_an_accessible_form_and_the_topics(client, corpus):
    page_html = get_html(client, "/search/")
    form = re.search(r'<form [^>]*role="search"[^>]*>(.*?)</form>', page_html, re.S)
    assert form, "search landmark"
    assert '<label for="search-q">' in form.group(1) and 'id="search-q" name="q"' in form.group(1)
    assert result_titles(page_html) == []
    counts = facet_counts(page_html)
    assert counts[("Countries", "China")][0] == 2
    assert counts[("Sectors", "Energy")][0] == 2
    assert counts[("Sectors", "Water")][0] == 1
    assert ("Countries", "Peru") not in counts  # topics without articles are not offered


def test_facet_counts_are_the_number_of_results_each_topic_would_give(client, corpus):
    counts = facet_counts(get_html(client, "/search/?q=pipeline"))
    assert {key: count for key, (count, _) in counts.items()} == {
        ("Countries", "China"): 2,
        ("Countries", "Kazakhstan"): 1,
        ("Countries", "Pakistan"): 1,
        ("Initiatives", "Belt and Road Initiative"): 2,
        ("Sectors", "Energy"): 2,
        ("Sectors", "Trade"): 1,
    }
    for (_, name), (count, url) in counts.items():
        narrowed = get_html(client, url)
        assert len(result_titles(narrowed)) == count, url
        assert any(label.endswith(f": {name}") for label in chip_links(narrowed)), url


def test_chips_show_the_filters_and_each_removes_its_own(client, corpus):
    page_html = get_html(client, "/search/?q=pipeline&country=PK&sector=energy&initiative=atlantis")
    chips = chip_links(page_html)
    assert chips == {
        "Country: Pakistan": "/search/?q=pipeline&sector=energy",
        "Sector: Energy": "/search/?q=pipeline&country=pakistan",
    }
    assert "Unknown initiative: atlantis" in page_html
    # The filters travel with a new query typed into the form.
    assert '<input type="hidden" name="country" value="pakistan">' in page_html
    broader = get_html(client, chips["Country: Pakistan"])
    assert "Country: Pakistan" not in chip_links(broader)
    assert sorted(result_titles(broader)) == ["Pipelines Across the Steppe", "Wind Power on the Makran Coast"]
    selected = facet_counts(page_html)
    assert ("Countries", "Pakistan") not in selected and ("Sectors", "Energy") not in selected


def test_unknown_filter_values_are_noted_not_errors(client, corpus):
    page_html = get_html(client, "/search/?country=atlantis&sector=%3Cscript%3Ex")
    assert "Unknown country: atlantis" in page_html
    assert "Unknown sector: &lt;script&gt;x" in page_html and "<script>x" not in page_html
    assert result_titles(page_html) == []  # no valid filter: the search form and topics


def test_matches_are_highlighted_and_everything_else_escaped(client, index):
    make_article(
        index,
        "Pipelines <b>and</b> Ports",
        body=["Tom &amp; Jerry inspect a pipeline &lt;script&gt;alert(1)&lt;/script&gt; near Gwadar."],
    )
    page_html = get_html(client, "/search/?q=pipeline")
    assert "<mark>Pipelines</mark> &lt;b&gt;and&lt;/b&gt; Ports" in page_html
    assert (
        "Tom &amp; Jerry inspect a <mark>pipeline</mark> &lt;script&gt;alert(1)&lt;/script&gt;" in page_html
    )
    assert "<script>alert" not in page_html and "<b>and" not in page_html
    # A term that is also an entity name is marked in the text, never inside an escape.
    amp_html = get_html(client, "/search/?q=Gwadar+Tom")
    assert "<mark>Tom</mark> &amp; Jerry" in amp_html and "<mark>Gwadar</mark>" in amp_html


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%",  # a NUL or other control character is refused with a 400: tests/test_hostile_input.py
        '"unbalanced quote',
        "'unbalanced",
        "(((",
        "&&&|||!!!",
        "pipeline:*",
        "!pipeline",
        "a <-> b",
        "\\",
        "中文",
        "Қазақ",
        "اردو",
        "x" * 10_000,
        "pipeline " * 2_000,
    ],
)
def test_hostile_odd_and_long_queries_get_a_normal_escaped_page(client, corpus, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    page_html = response.content.decode()
    assert "<script>alert" not in page_html
    for title in HIDDEN:
        assert title not in page_html


def test_long_query_is_shortened_with_a_note(client, corpus):
    page_html = get_html(client, "/search/?q=" + "pipeline+" * 2_000)
    assert "Your search was too long" in page_html
    assert sorted(result_titles(page_html)) == [
        "Pipelines Across the Steppe",
        "Wind Power on the Makran Coast",
    ]


@pytest.mark.parametrize("word", ["Қазақстан", "پاکستان", "中文"])
def test_non_latin_words_are_found(client, index, word):
    make_article(index, "Multilingual Note", body=[f"Readers wrote {word} in the margin."])
    make_article(index, "Other Note", body=["Nothing to see."])
    page_html = get_html(client, f"/search/?q={word}")
    assert result_titles(page_html) == ["Multilingual Note"]
    assert f"<mark>{word}</mark>" in page_html


def test_pagination_keeps_the_search_and_ends_in_404(client, index):
    for n in range(21):
        make_article(
            index, f"Corridor {n}", body=["A pipeline story."], countries=["kazakhstan"], quick_publish=True
        )
    first = get_html(client, "/search/?q=pipeline&country=kazakhstan")
    assert "21 results" in first and len(result_titles(first)) == 20
    next_url = html.unescape(re.search(r'<a rel="next" href="([^"]+)"', first).group(1))
    assert "q=pipeline" in next_url and "country=kazakhstan" in next_url and "page=2" in next_url
    second = get_html(client, "/search/" + next_url)
    assert len(result_titles(second)) == 1
    assert not set(result_titles(second)) & set(result_titles(first))
    assert client.get("/search/?q=pipeline&country=kazakhstan&page=3").status_code == 404
    assert client.get("/search/?q=pipeline&page=last").status_code == 404
    assert client.get("/search/?country=kazakhstan&page=2").status_code == 200
    # No results is a normal page 1.
    assert "0 results" in get_html(client, "/search/?q=nothingmatches")


@pytest.mark.parametrize("articles", [3, 45])
def test_query_count_does_not_grow_with_the_results(client, index, articles, django_assert_max_num_queries):
    author = AuthorFactory()
    for n in range(articles):
        make_article(
            index,
            f"Corridor {n}",
            authors=[author, AuthorFactory()],
            body=["A pipeline story.", "More about pipelines and power."],
            countries=["kazakhstan", ["china", "pakistan", "uzbekistan"][n % 3]],
            initiatives=["bri"],
            sectors=["energy", "trade"],
            quick_publish=True,
        )
    urls = [
        "/search/?q=pipeline",
        "/search/?q=pipeline+power&country=kazakhstan&initiative=bri&sector=energy",
        "/search/?country=kazakhstan&sector=trade",
        "/search/",
    ]
    client.get(urls[0])  # warm the per-process caches (content types, site root paths)
    for url in urls:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


def test_imported_and_published_articles_are_searchable_without_a_manual_step(tmp_path, client, index):
    path = tmp_path / "piece.txt"
    path.write_text(
        "Analysis: Lithium on the Plateau\n\nBy Dr. Sana Mirza, Senior Research Fellow, Institute X\n\n"
        "Brine from the Qaidam salt lakes feeds new lithium refineries.\n",
        encoding="utf-8",
    )
    call_command("import_articles", str(path), stdout=io.StringIO())
    assert result_titles(get_html(client, "/search/?q=Qaidam")) == []  # a draft
    page = ArticlePage.objects.get()
    page.get_latest_revision().publish()
    assert result_titles(get_html(client, "/search/?q=Qaidam")) == ["Lithium on the Plateau"]
    # A re-import with new text, published, replaces what is searchable.
    path.write_text(path.read_text(encoding="utf-8").replace("Qaidam", "Tsaidam"), encoding="utf-8")
    call_command("import_articles", str(path), "--publish", stdout=io.StringIO())
    assert result_titles(get_html(client, "/search/?q=Tsaidam")) == ["Lithium on the Plateau"]
    assert result_titles(get_html(client, "/search/?q=Qaidam")) == []
