"""The article and author pages as a reader uses them: kind, byline and source, reading time,
related analysis, older and newer links, citations and their downloads, author pages, topics and
feeds, and the query bounds of every reader's page."""

import datetime
import re

from django.utils import timezone

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import feedparser
import pytest

from briefings.articles.models import ArticlePage, Author, BriefingIndexPage
from briefings.core.pagination import ARTICLES_PER_PAGE
from tests.factories import AuthorFactory, as_committed, make_article

pytestmark = pytest.mark.django_db


def section(html, heading_id):
    """The HTML from a section's heading to the end of that section."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def hrefs(html):
    return re.findall(r'href="([^"]+)"', html)


@pytest.fixture
def akram():
    return AuthorFactory(
        honorific="Ms.", name="Hafsa Akram", role="Research Fellow", affiliation="PRCCSF, Islamabad"
    )


def test_reading_time_is_words_over_two_hundred_rounded_up(client, index):
    three = make_article(index, "Six Hundred Words", body=["word " * 300, "word " * 300])
    four = make_article(index, "Six Hundred And One", body=["word " * 300, "word " * 301])
    short = make_article(index, "A Few Words", body=["Just a few words."])
    assert "3 min read" in client.get(three.url).content.decode()
    assert "4 min read" in client.get(four.url).content.decode()
    assert "1 min read" in client.get(short.url).content.decode()


def test_article_page_shows_kind_title_byline_date_source_and_body(client, index, akram):
    second = AuthorFactory(name="Sana Mirza", role="Fellow", affiliation="")
    article = make_article(
        index,
        "Chinese President Xi Jinping Visits Kazakhstan",
        kind="analysis",
        authors=[akram, second],
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
    byline = html[html.index('class="byline"') :]
    assert f'href="/authors/{akram.slug}/" rel="author">Ms. Hafsa Akram</a>' in byline
    assert "Research Fellow, PRCCSF, Islamabad" in byline
    assert byline.index("Hafsa Akram") < byline.index("Sana Mirza")
    assert f'href="/authors/{second.slug}/"' in byline
    assert '<time datetime="2022-09-14">14 September 2022</time>' in html
    assert 'Originally published by <a href="https://example.org/xi-kazakhstan">TN Media News</a>' in html
    assert '<link rel="canonical" href="https://example.org/xi-kazakhstan">' in html
    assert "On 14 Sep 2022, Chinese President Xi Jinping visited Kazakhstan." in html


def test_related_analysis_ranks_shared_initiatives_above_shared_countries(client, index):
    article = make_article(
        index, "Kazakh Energy and the BRI", countries=["kazakhstan"], initiatives=["bri"], sectors=["energy"]
    )
    # Newest first would put the country-only piece on top: ranking must not be by date.
    make_article(
        index,
        "Same Country Only",
        countries=["kazakhstan"],
        sectors=["trade"],
        date=datetime.date(2024, 6, 1),
    )
    make_article(
        index, "Same Initiative", countries=["egypt"], initiatives=["bri"], date=datetime.date(2023, 1, 1)
    )
    make_article(index, "Same Sector", countries=["peru"], sectors=["energy"], date=datetime.date(2023, 2, 1))
    make_article(index, "Nothing In Common", countries=["peru"], sectors=["health"])
    make_article(index, "Draft Twin", live=False, countries=["kazakhstan"], initiatives=["bri"])
    related = section(client.get(article.url).content.decode(), "related-heading")
    assert (
        related.index("Same Initiative") < related.index("Same Sector") < related.index("Same Country Only")
    )
    assert "Nothing In Common" not in related and "Draft Twin" not in related
    assert "Kazakh Energy and the BRI" not in related


def test_article_without_shared_topics_has_no_related_section(client, index):
    article = make_article(index, "Lonely Piece", countries=["peru"])
    make_article(index, "Unrelated", countries=["chile"])
    assert 'id="related-heading"' not in client.get(article.url).content.decode()


def test_older_and_newer_links_follow_the_index_by_date(client, index):
    oldest = make_article(index, "Oldest Piece", date=datetime.date(2023, 1, 1))
    middle = make_article(index, "Middle Piece", date=datetime.date(2023, 6, 1))
    make_article(index, "Draft In Between", live=False, date=datetime.date(2023, 8, 1))
    newest = make_article(index, "Newest Piece", date=datetime.date(2024, 1, 1))
    html = client.get(middle.url).content.decode()
    older = re.search(r'rel="prev" href="([^"]+)"', html).group(1)
    newer = re.search(r'rel="next" href="([^"]+)"', html).group(1)
    assert (older, newer) == (oldest.url, newest.url)
    assert "Oldest Piece" in client.get(older).content.decode()
    assert "Newest Piece" in client.get(newer).content.decode()
    assert 'rel="prev"' not in client.get(oldest.url).content.decode()
    newest_html = client.get(newest.url).content.decode()
    assert 'rel="next"' not in newest_html
    assert re.search(r'rel="prev" href="([^"]+)"', newest_html).group(1) == middle.url


def test_older_and_newer_are_the_nearest_in_the_index_by_date_undated_and_same_day_ties_included(
    client, home, index
):
    day = datetime.date(2023, 3, 1)
    dated = [
        make_article(index, f"Dated {n}", date=day + datetime.timedelta(days=offset))
        for n, offset in enumerate([0, 0, 0, 1, -2, 40])
    ]
    # Two on the same day and published at the same moment: the id decides.
    moment = timezone.make_aware(datetime.datetime(2023, 3, 1, 9))
    ArticlePage.objects.filter(pk__in=[dated[1].pk, dated[2].pk]).update(first_published_at=moment)
    # Undated pieces stand at the day of their first publication, among the dated ones of that day.
    undated = [make_article(index, f"Undated {n}") for n in range(3)]
    for piece, published in zip(
        undated,
        [datetime.datetime(2023, 3, 1, 12), datetime.datetime(2023, 3, 2, 8), datetime.datetime(2022, 1, 5)],
        strict=True,
    ):
        ArticlePage.objects.filter(pk=piece.pk).update(
            date=None, first_published_at=timezone.make_aware(published)
        )
    make_article(index, "Draft Of That Day", live=False, date=day)
    archive = home.add_child(instance=BriefingIndexPage(title="Archive", slug="archive"))
    archived = make_article(archive, "Archived The Same Day", date=day)

    pieces = list(ArticlePage.objects.filter(pk__in=[p.pk for p in dated + undated]))
    pieces.sort(key=lambda page: (page.display_date, page.first_published_at, page.pk))
    for n, piece in enumerate(pieces):
        html = client.get(piece.url).content.decode()
        links = [re.search(rf'rel="{rel}" href="([^"]+)"', html) for rel in ("prev", "next")]
        expected = [pieces[n - 1].url if n else None, pieces[n + 1].url if n + 1 < len(pieces) else None]
        assert [link and link.group(1) for link in links] == expected, piece.title
    # An article in another index has its own neighbours: there, none.
    html = client.get(archived.url).content.decode()
    assert 'rel="prev"' not in html and 'rel="next"' not in html


@pytest.fixture
def xi_visit(index, akram):
    return make_article(
        index,
        "Chinese President Xi Jinping visits Kazakhstan",
        kind="analysis",
        authors=[akram],
        date=datetime.date(2022, 9, 14),
        countries=["kazakhstan"],
        initiatives=["bri"],
    )


def test_cite_this_shows_apa_chicago_and_bibtex_without_javascript(client, xi_visit):
    html = client.get(xi_visit.url).content.decode()
    cite = section(html, "cite-heading")
    url = xi_visit.full_url
    assert (
        f"Akram, H. (2022, September 14). Chinese President Xi Jinping visits Kazakhstan. Briefings. {url}"
        in cite
    )
    assert (
        f"Akram, Hafsa. “Chinese President Xi Jinping visits Kazakhstan.” Briefings, September 14, 2022. {url}"
        in cite
    )
    assert "@article{akram2022chinese," in cite and "author = {Akram, Hafsa}," in cite
    assert '<script src="/static/js/cite.js" defer></script>' in html


def test_cite_this_names_the_original_outlet(client, index, akram):
    article = make_article(
        index,
        "Republished Piece",
        authors=[akram],
        date=datetime.date(2022, 9, 14),
        source_name="TN Media News",
        source_url="https://example.org/piece",
    )
    cite = section(client.get(article.url).content.decode(), "cite-heading")
    assert f"Briefings. Originally published by TN Media News. {article.full_url}" in cite


def test_bibtex_and_ris_downloads(client, xi_visit):
    cite = section(client.get(xi_visit.url).content.decode(), "cite-heading")
    bib_url, ris_url = (href for href in hrefs(cite) if href.startswith("/cite/"))

    bib = client.get(bib_url)
    assert bib.status_code == 200
    assert bib["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert bib["Content-Disposition"] == f'attachment; filename="{xi_visit.slug}.bib"'
    text = bib.content.decode()
    assert text.startswith("@article{akram2022chinese,\n")
    assert "  title = {{Chinese President Xi Jinping visits Kazakhstan}},\n" in text
    assert f"  url = {{{xi_visit.full_url}}},\n" in text

    ris = client.get(ris_url)
    assert ris.status_code == 200
    assert ris["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert ris["Content-Disposition"] == f'attachment; filename="{xi_visit.slug}.ris"'
    lines = ris.content.decode().split("\r\n")
    assert lines[0] == "TY  - NEWS"
    assert "AU  - Akram, Hafsa" in lines and "DA  - 2022/09/14/" in lines
    assert f"UR  - {xi_visit.full_url}" in lines
    assert lines[-2:] == ["ER  - ", ""]


def test_downloads_404_for_drafts_and_unknown_pages(client, index):
    draft = make_article(index, "Unpublished", live=False)
    assert client.get(f"/cite/{draft.pk}.bib").status_code == 404
    assert client.get(f"/cite/{draft.pk}.ris").status_code == 404
    assert client.get(f"/cite/{index.pk}.bib").status_code == 404  # not an article
    assert client.get("/cite/999999.ris").status_code == 404


def test_author_page_shows_bio_photo_their_published_articles_top_topics_and_feed(client, index, akram):
    akram.bio = "Works on Central Asia."
    akram.city = "Islamabad"
    akram.photo = Image.objects.create(title="Hafsa", file=get_test_image_file())
    akram.save()
    other = AuthorFactory(name="Someone Else")
    make_article(
        index,
        "One",
        authors=[akram],
        countries=["kazakhstan", "china"],
        initiatives=["bri"],
        sectors=["energy"],
    )
    make_article(
        index,
        "Two",
        authors=[akram],
        countries=["kazakhstan", "china"],
        initiatives=["bri"],
        sectors=["trade"],
    )
    make_article(
        index,
        "Three",
        authors=[akram],
        countries=["kazakhstan", "uzbekistan"],
        initiatives=["gdi"],
        sectors=["water"],
    )
    make_article(index, "Her Draft", live=False, authors=[akram], countries=["pakistan"])
    for n in range(3):
        make_article(index, f"His {n}", authors=[other], countries=["pakistan"])

    response = client.get(akram.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hafsa Akram" in html
    assert "Works on Central Asia." in html and "Research Fellow, PRCCSF, Islamabad</p>" in html
    assert all(f">{title}</a>" in html for title in ("One", "Two", "Three"))
    assert "Her Draft" not in html and "His 0" not in html  # only their published articles
    photo = re.search(r'<img [^>]*class="avatar avatar--large"[^>]*>', html)
    assert photo and 'alt="Ms. Hafsa Akram"' in photo.group(0)
    topics = section(html, "author-topics-heading")
    assert hrefs(topics) == [
        "/topics/countries/kazakhstan/",  # 3 articles
        "/topics/initiatives/bri/",  # 2 (China too, but the subject country is left out)
        "/topics/sectors/energy/",  # 1, then by name; only five are shown
        "/topics/initiatives/gdi/",
        "/topics/sectors/trade/",
    ]
    assert "3 articles" in topics and "pakistan" not in topics
    assert f'href="/authors/{akram.slug}/feed/"' in html
    assert client.get("/authors/no-such-author/").status_code == 404


def test_author_feed_lists_their_live_articles(client, index, akram):
    make_article(index, "Her Older", authors=[akram], date=datetime.date(2023, 1, 1))
    make_article(index, "Her Newer", authors=[akram], date=datetime.date(2024, 1, 1))
    make_article(index, "Her Draft", authors=[akram], live=False)
    make_article(index, "Not Hers", authors=[AuthorFactory()])
    response = client.get(f"/authors/{akram.slug}/feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Briefings: Hafsa Akram"
    assert [entry.title for entry in feed.entries] == ["Her Newer", "Her Older"]
    assert client.get("/authors/nobody/feed/").status_code == 404


@pytest.mark.parametrize("articles", [3, 30])
def test_reader_pages_use_a_bounded_number_of_queries(client, index, articles, django_assert_max_num_queries):
    """The same bound for 3 and 30 articles (each with two authors and several topics)."""
    authors = [AuthorFactory(), AuthorFactory()]
    pieces = [
        make_article(
            index,
            f"Piece {n}",
            authors=authors,
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            countries=["china", ["kazakhstan", "pakistan", "egypt"][n % 3]],
            initiatives=["bri"] if n % 2 else ["gdi", "bri"],
            sectors=["energy", ["trade", "water"][n % 2]],
            quick_publish=True,
        )
        for n in range(articles)
    ]
    middle = pieces[len(pieces) // 2]
    as_committed()
    for url, bound in [
        ("/", 20),
        ("/briefings/", 12),
        (middle.url, 20),
        (f"/authors/{authors[0].slug}/", 11),
        ("/experts/", 12),
        (f"/authors/{authors[0].slug}/feed/", 10),  # + one prefetch per vocabulary: items list their topics
        (f"/cite/{middle.pk}.bib", 4),
        (f"/cite/{middle.pk}.ris", 4),
    ]:
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200, url
    assert Author.objects.count() == 2


def test_briefings_index_pages_through_the_visible_articles(client, index, settings):
    """Its number of pages comes from the kept total of visible articles: drafts and unpublished
    pieces are not counted."""
    settings.PAGE_CACHE_ENABLED = False
    for n in range(ARTICLES_PER_PAGE + 2):
        make_article(
            index,
            f"Piece {n}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            quick_publish=True,
        )
    make_article(index, "A draft", live=False)
    cards = lambda url: re.findall(r'<h3 class="card__title">', client.get(url).content.decode())  # noqa: E731
    assert len(cards("/briefings/")) == ARTICLES_PER_PAGE and len(cards("/briefings/?page=2")) == 2
    assert client.get("/briefings/?page=3").status_code == 404
    make_article(index, "Withdrawn", date=datetime.date(2019, 1, 1)).unpublish()
    ArticlePage.objects.visible().get(title="Piece 0").unpublish()
    ArticlePage.objects.visible().get(title="Piece 1").unpublish()
    assert len(cards("/briefings/?page=1")) == ARTICLES_PER_PAGE
    assert client.get("/briefings/?page=2").status_code == 404
