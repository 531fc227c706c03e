"""Site search as readers use it: full-text matches, topic filters and chips, facet counts,
highlighting, hostile input, pagination, and articles that must never show."""

import datetime
import html
import io
import re

from django.contrib.postgres.search import SearchVector
from django.core.management import call_command
from django.db.models import Value
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from briefings.articles.models import TOPIC_LINKS, ArticlePage
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
        f"/search/?q=pipeline&sort=date&from=2020-01-01&to=2030-01-01&author={author.slug}&kind=analysis",
        f"/search/?author={author.slug}&country=kazakhstan&from=2020-01-01",
        "/search/",
    ]
    client.get(urls[0])  # warm the per-process caches (content types, site root paths)
    for url in urls:
        # Two of them count the authors and kinds of the results for the sort-and-filter form; one
        # looks up the newest months, where a search looks for its matches first.
        with django_assert_max_num_queries(16):
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


# Sort by relevance or date; filter by date range, author and kind (issue 14) ----------------------


@shared_data
def library(index):
    """Four articles by two authors, of three kinds, over a year; all mention "corridor"."""
    amina = AuthorFactory(name="Amina Rahman", slug="amina-rahman")
    daniel = AuthorFactory(name="Daniel Okoro", slug="daniel-okoro")
    pieces = [
        ("Corridor Corridor Corridor", [amina], "analysis", datetime.date(2023, 6, 1), ["kazakhstan"]),
        ("A Corridor Opens", [daniel], "commentary", datetime.date(2024, 2, 1), ["kazakhstan"]),
        ("Ports Along the Corridor", [amina, daniel], "analysis", datetime.date(2024, 5, 1), ["pakistan"]),
        ("Corridor News", [daniel], "news", datetime.date(2024, 9, 1), ["pakistan"]),
    ]
    for title, authors, kind, date, countries in pieces:
        make_article(
            index,
            title,
            authors=authors,
            kind=kind,
            date=date,
            body=[f"{title}: the corridor and its trade."],
            countries=countries,
            quick_publish=True,
        )
    return amina, daniel


def options(page_html, name):
    """``[(value, label, selected)]`` of the filter form's select ``name``."""
    select = re.search(rf'<select id="filter-{name}" name="{name}">(.*?)</select>', page_html, re.S).group(1)
    return [
        (value, html.unescape(label), bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select
        )
    ]


def test_sort_by_relevance_or_date(client, library):
    by_relevance = result_titles(get_html(client, "/search/?q=corridor"))
    assert by_relevance[0] == "Corridor Corridor Corridor"  # the most occurrences
    assert result_titles(get_html(client, "/search/?q=corridor&sort=date")) == [
        "Corridor News",
        "Ports Along the Corridor",
        "A Corridor Opens",
        "Corridor Corridor Corridor",
    ]
    page_html = get_html(client, "/search/?q=corridor&sort=date")
    assert ("date", "Newest first", True) in options(page_html, "sort")


def test_filter_by_date_range_author_and_kind_combined_with_topics(client, library):
    assert result_titles(get_html(client, "/search/?q=corridor&sort=date&from=2024-01-01&to=2024-06-30")) == [
        "Ports Along the Corridor",
        "A Corridor Opens",
    ]
    assert result_titles(get_html(client, "/search/?q=corridor&author=amina-rahman&sort=date")) == [
        "Ports Along the Corridor",
        "Corridor Corridor Corridor",
    ]
    assert result_titles(get_html(client, "/search/?kind=analysis&country=pakistan")) == [
        "Ports Along the Corridor"
    ]
    # Without words, a filter alone lists its articles, newest first.
    assert result_titles(get_html(client, "/search/?author=daniel-okoro")) == [
        "Corridor News",
        "Ports Along the Corridor",
        "A Corridor Opens",
    ]
    assert result_titles(
        get_html(client, "/search/?q=corridor&from=2024-01-01&kind=news&author=daniel-okoro")
    ) == ["Corridor News"]


def test_filter_options_count_the_results_and_chips_remove_each_filter(client, library):
    page_html = get_html(client, "/search/?q=corridor&kind=analysis&from=2024-01-01")
    # Authors are counted among the results of every other filter (here: analysis since 2024) …
    assert options(page_html, "author") == [
        ("", "Any author", False),
        ("amina-rahman", "Amina Rahman (1)", False),
        ("daniel-okoro", "Daniel Okoro (1)", False),
    ]
    # … and kinds among those of every filter but the kind.
    assert options(page_html, "kind") == [
        ("", "Any kind", False),
        ("analysis", "Analysis (1)", True),
        ("commentary", "Commentary (1)", False),
        ("news", "News (1)", False),
    ]
    assert 'name="from" value="2024-01-01"' in page_html
    chips = chip_links(page_html)
    assert chips["Kind: Analysis"] == "/search/?q=corridor&from=2024-01-01"
    assert chips["From: 2024-01-01"] == "/search/?q=corridor&kind=analysis"
    # Facet links keep the other filters.
    (count, url) = facet_counts(page_html)[("Countries", "Pakistan")]
    assert count == 1 and url == "/search/?q=corridor&country=pakistan&from=2024-01-01&kind=analysis"


def test_filters_come_before_the_results_in_a_form_that_works_without_javascript(client, library):
    page_html = get_html(client, "/search/?q=corridor")
    form = re.search(
        r'<form class="filter-form" action="/search/" method="get">(.*?)</form>', page_html, re.S
    )
    assert form and '<input type="hidden" name="q" value="corridor">' in form.group(1)
    for control in (
        'id="filter-sort"',
        'id="filter-from"',
        'id="filter-to"',
        'id="filter-author"',
        'id="filter-kind"',
    ):
        assert page_html.index(control) < page_html.index('id="results-heading"'), control
        name = re.search(r'id="filter-(\w+)"', control).group(1)
        assert f'<label for="filter-{name}">' in page_html
    assert page_html.index('id="facets-heading"') < page_html.index('id="results-heading"')


@pytest.mark.parametrize(
    ("query", "note"),
    [
        (
            "from=2024-13-01",
            "“2024-13-01” is not a date: write the “from” date as YYYY-MM-DD, e.g. 2024-03-01.",
        ),
        ("to=yesterday", "“yesterday” is not a date: write the “to” date as YYYY-MM-DD, e.g. 2024-03-01."),
        ("from=20240101", "“20240101” is not a date"),
        ("from=2024-02-30", "“2024-02-30” is not a date"),
        ("author=nobody", "Unknown author: nobody"),
        ("kind=poem", "Unknown kind: poem"),
        ("sort=random", "Unknown sort order “random”: choose relevance or date."),
        (
            "from=2024-12-31&to=2024-01-01",
            "The “from” date (2024-12-31) was after the “to” date (2024-01-01): they were swapped.",
        ),
    ],
)
def test_bad_filter_values_get_a_clear_note_not_an_error(client, library, query, note):
    page_html = html.unescape(get_html(client, f"/search/?q=corridor&{query}"))
    assert note in page_html
    # The value that could not be used is left out; the search still answers.
    assert len(result_titles(page_html)) == (3 if "2024-12-31" in query else 4)


def test_more_matches_than_the_pool_show_the_newest_ranked_and_say_so(client, library, monkeypatch):
    """Past ``MAX_RESULTS`` matches a search works on the newest of them: the date sort shows
    them, the relevance sort ranks them, the counts are theirs, and the page says there are more."""
    monkeypatch.setattr("briefings.search.matching.MAX_RESULTS", 2)
    monkeypatch.setattr("briefings.search.views.MAX_RESULTS", 2)
    page_html = get_html(client, "/search/?q=corridor&sort=date")
    assert result_titles(page_html) == ["Corridor News", "Ports Along the Corridor"]
    assert "More than 2 results" in page_html
    assert "More than 2 articles match: these are the newest 2, and the counts are theirs." in page_html
    assert facet_counts(page_html)[("Countries", "Pakistan")][0] == 2
    assert not any(name == "Kazakhstan" for _, name in facet_counts(page_html))
    assert ("news", "News (1)", False) in options(page_html, "kind")
    # Relevance ranks the pool, so the most relevant match overall, older, is left out.
    page_html = get_html(client, "/search/?q=corridor")
    assert sorted(result_titles(page_html)) == ["Corridor News", "Ports Along the Corridor"]
    assert "these are the newest 2, most relevant first" in page_html
    # A filter narrows the matches before the pool is taken: older articles come back.
    page_html = get_html(client, "/search/?q=corridor&country=kazakhstan&sort=date")
    assert result_titles(page_html) == ["A Corridor Opens", "Corridor Corridor Corridor"]
    assert "2 results" in page_html and "More than" not in page_html
    # At the cap exactly, nothing is left out and nothing is said.
    monkeypatch.setattr("briefings.search.matching.MAX_RESULTS", 4)
    monkeypatch.setattr("briefings.search.views.MAX_RESULTS", 4)
    assert "More than" not in get_html(client, "/search/?q=corridor&sort=relevance")


def test_the_newest_matches_come_from_the_newest_months_first_and_miss_none(index, monkeypatch):
    """A search looks for its pool among the newest months first (``matching.Pool``): shrunk here to
    a window of 6 articles and a pool of 3, the pool is the newest matches, undated and
    redated articles included, whether the window holds enough of them or not."""
    from briefings.search import matching

    monkeypatch.setattr(matching, "WINDOW", 6)
    monkeypatch.setattr(matching, "MAX_RESULTS", 3)
    for month in range(1, 13):
        for n in range(2):
            make_article(
                index,
                f"Month {month} piece {n}",
                date=datetime.date(2023, month, 10 + n),
                body=["A pipeline story." if n == 0 or month % 4 == 0 else "A story about ports."],
                quick_publish=True,
            )
    old = make_article(index, "Old pipeline", date=datetime.date(2019, 5, 1), body=["pipeline"])

    def pool(word):
        found = matching.Pool([word])
        return found, [
            ArticlePage.objects.get(pk=pk).title for pk in found.newest_ids(ArticlePage.objects.visible())
        ]

    found, titles = pool("pipeline")
    assert titles == ["Month 12 piece 1", "Month 12 piece 0", "Month 11 piece 0", "Month 10 piece 0"]
    assert found.months[6][:2] == ["ymnone", "ym202309"]  # undated, then September (the 7th newest) on

    # Redated to the newest month, the old article is found there; an undated one sorts first.
    old.date = datetime.date(2023, 12, 31)
    old.save_revision().publish()
    ArticlePage.objects.filter(title="Month 11 piece 0").update(date=None)
    ArticlePage.objects.get(title="Month 11 piece 0").save()  # reindexed as undated
    _, titles = pool("pipeline")
    assert titles[:3] == ["Month 11 piece 0", "Old pipeline", "Month 12 piece 1"]

    # A rarer word: the first window holds too few matches, the pool still is the newest ones.
    found, titles = pool("ports")
    assert titles == ["Month 11 piece 1", "Month 10 piece 1", "Month 9 piece 1", "Month 7 piece 1"]
    assert len(found.months) > 1


def test_the_migration_gives_rows_indexed_before_it_their_month_word_once(index):
    import importlib

    from django.apps import apps
    from django.db import connection

    from wagtail.search.models import IndexEntry

    migration = importlib.import_module("briefings.search.migrations.0002_month_words")
    article = make_article(index, "Indexed before", date=datetime.date(2024, 3, 5), body=["pipeline"])
    entry = IndexEntry.objects.get(object_id=str(article.pk), content_type__model="articlepage")
    IndexEntry.objects.filter(pk=entry.pk).update(body=SearchVector(Value("pipeline")))

    def words():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tsvector_to_array(body) FROM wagtailsearch_indexentry WHERE id = %s", [entry.pk]
            )
            return cursor.fetchone()[0]

    assert "ym202403" not in words()
    for _ in range(2):
        with connection.schema_editor() as editor:
            migration.add_month_words(apps, editor)
        assert sorted(words()) == ["pipelin", "ym202403"]


def test_a_facet_sizes_its_windows_in_the_topic_s_articles_and_misses_none(index, monkeypatch):
    from briefings.search import matching
    from taxonomy import names
    from taxonomy.models import Country

    monkeypatch.setattr(matching, "WINDOW", 3)
    monkeypatch.setattr(matching, "MAX_RESULTS", 2)
    for month in range(1, 13):
        for n, country in enumerate(["kazakhstan", "pakistan", "pakistan"]):
            make_article(
                index,
                f"Month {month} {country} {n}",
                date=datetime.date(2023, month, 10 + n),
                body=["A pipeline story."],
                countries=[country],
                quick_publish=True,
            )
    kazakhstan = Country.objects.get(slug="kazakhstan")
    on_kazakhstan = ArticlePage.objects.visible().filter(countries=kazakhstan)
    plain = matching.Pool(["pipeline"])
    facet = matching.Pool(["pipeline"], topics=[(names.COUNTRIES, kazakhstan.pk)])

    expected = matching.newest_ids(matching.containing(on_kazakhstan, ["pipeline"]))
    assert [ArticlePage.objects.get(pk=pk).title for pk in expected] == [
        "Month 12 kazakhstan 0",
        "Month 11 kazakhstan 0",
        "Month 10 kazakhstan 0",
    ]
    assert plain.newest_ids(on_kazakhstan) == facet.newest_ids(on_kazakhstan) == expected
    # The plain search looked in the newest 3 articles' months first, then wider; the facet went
    # straight to the months of the newest 3 of Kazakhstan's, September on.
    assert len(plain.months) == 2 and list(facet.months) == [3]
    assert facet.months[3][1] == "ym202309"


def test_a_facet_asks_the_index_for_its_topic_and_finds_articles_retagged_or_merged_into_it(client, index):
    """A search with a facet looks for its matches through the topic words of the articles' index
    rows (``matching.Pool``). An article retagged by a published revision, or moved to another
    topic by a merge while a draft of it waits, is found under its new topic, not its old one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from taxonomy.curation.merge import merge_topics
    from taxonomy.models import Country

    almaty = make_article(
        index,
        "Pipeline to Almaty",
        date=datetime.date(2024, 5, 2),
        countries=["kazakhstan"],
        body=["A pipeline."],
    )
    karachi = make_article(
        index,
        "Pipeline to Karachi",
        date=datetime.date(2024, 5, 1),
        countries=["pakistan"],
        body=["A pipeline."],
    )
    make_article(
        index, "Pipeline to Cairo", date=datetime.date(2024, 5, 3), countries=["egypt"], body=["A pipeline."]
    )

    def titles(country):
        return result_titles(get_html(client, f"/search/?q=pipeline&country={country}&sort=date"))

    assert titles("pakistan") == ["Pipeline to Karachi"]
    draft = almaty.get_latest_revision_as_object()
    draft.countries.set([Country.objects.get(slug="pakistan")])
    draft.save_revision().publish()
    assert titles("pakistan") == ["Pipeline to Almaty", "Pipeline to Karachi"]
    assert titles("kazakhstan") == []

    # Karachi's next version waits as a draft: the merge moves its live links in place.
    draft = karachi.get_latest_revision_as_object()
    draft.title = "Pipeline to Karachi, revised"
    draft.save_revision()
    merge_topics(Country.objects.get(slug="pakistan"), Country.objects.get(slug="uzbekistan"))
    uzbekistan = Country.objects.get(slug="uzbekistan")
    with CaptureQueriesContext(connection) as queries:
        assert titles("uzbekistan") == ["Pipeline to Almaty", "Pipeline to Karachi"]
    assert any(f"tpcountries{uzbekistan.pk}" in query["sql"] for query in queries.captured_queries)
    assert titles("egypt") == ["Pipeline to Cairo"]


def test_the_migration_gives_rows_indexed_before_it_their_topic_words_once(index):
    import importlib

    from django.apps import apps
    from django.db import connection

    from wagtail.search.models import IndexEntry

    from taxonomy.models import Country, Sector

    migration = importlib.import_module("briefings.search.migrations.0003_topic_words")
    article = make_article(index, "Indexed before", countries=["kazakhstan", "egypt"], sectors=["energy"])
    untagged = make_article(index, "Untagged", body=["pipeline"])
    entries = IndexEntry.objects.filter(
        object_id__in=[str(article.pk), str(untagged.pk)], content_type__model="articlepage"
    )
    entries.update(body=SearchVector(Value("pipeline")))

    def words(page):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tsvector_to_array(body) FROM wagtailsearch_indexentry WHERE object_id = %s "
                "AND content_type_id = (SELECT id FROM django_content_type WHERE model = 'articlepage')",
                [str(page.pk)],
            )
            return sorted(cursor.fetchone()[0])

    expected = sorted(
        [
            "pipelin",
            f"tpcountries{Country.objects.get(slug='kazakhstan').pk}",
            f"tpcountries{Country.objects.get(slug='egypt').pk}",
            f"tpsectors{Sector.objects.get(slug='energy').pk}",
        ]
    )
    for _ in range(2):
        with connection.schema_editor() as editor:
            migration.add_topic_words(apps, editor)
        assert words(article) == expected
        assert words(untagged) == ["pipelin"]


def test_rebuilding_the_index_reads_the_topics_of_a_batch_at_once(index):
    """``update_index`` (and the reindex after a retag) writes the topic words of many articles:
    their topics are read once per vocabulary for the batch, not once per article."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    def rebuild():
        with CaptureQueriesContext(connection) as queries:
            get_search_backend().add_bulk(ArticlePage, list(ArticlePage.get_indexed_objects()))
        return len(queries.captured_queries)

    for n in range(2):
        make_article(index, f"Early {n}", countries=["kazakhstan"], sectors=["energy"])
    few = rebuild()
    for n in range(6):
        make_article(index, f"Later {n}", countries=["pakistan", "china"], initiatives=["bri"])
    assert rebuild() == few
    later = ArticlePage.objects.get(title="Later 5")
    body = IndexEntry.objects.get(object_id=str(later.pk), content_type__model="articlepage").body
    assert "tpinitiatives" in body and "tpcountries" in body


def test_saving_an_article_reads_each_vocabulary_of_its_topics_once_for_the_index(index):
    """Wagtail's PostgreSQL backend reads every search field once per column of the index row: the
    article it indexes after a save comes with its topics, so each vocabulary is read once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail.search.models import IndexEntry

    from modelsearch.tasks import insert_or_update_object_task

    article = make_article(index, "Pipeline Talks", countries=["kazakhstan", "china"], sectors=["energy"])
    IndexEntry.objects.filter(object_id=str(article.pk), content_type__model="articlepage").delete()
    with CaptureQueriesContext(connection) as queries:
        insert_or_update_object_task.call("briefings", "articlepage", str(article.pk))
    for link in TOPIC_LINKS.values():
        reads = [q for q in queries.captured_queries if f'"{link._meta.db_table}"' in q["sql"]]
        assert len(reads) == 1, (link.__name__, len(reads))
    body = IndexEntry.objects.get(object_id=str(article.pk), content_type__model="articlepage").body
    assert "tpcountries" in body and "tpsectors" in body
