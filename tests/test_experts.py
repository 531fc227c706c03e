"""Issue 14, experts: ``/experts/`` lists the centre's people with photo (or generated initials),
role, focus topics and latest piece; author pages show photo, bio, links and how to follow."""

import datetime
import re

from django.core.exceptions import ValidationError

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import pytest
from bs4 import BeautifulSoup

from briefings.articles import stats
from briefings.articles.models import ArticleAuthor, ArticlePage
from briefings.core.pagination import ARTICLES_PER_PAGE
from briefings.people.views import focus_topics
from taxonomy import names
from taxonomy.models import Country
from tests.factories import AuthorFactory, as_committed, make_article

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def expert(page, name):
    (item,) = [li for li in page.select(".expert") if li.h2.get_text(strip=True) == name]
    return item


def test_experts_show_photo_or_initials_role_focus_topics_and_latest_piece(client, index):
    amina = AuthorFactory(name="Amina Rahman", role="Senior Fellow", affiliation="Centre for Testing")
    amina.photo = Image.objects.create(title="Amina", file=get_test_image_file(size=(400, 400)))
    amina.save()
    daniel = AuthorFactory(name="Daniel Okoro", honorific="")
    make_article(
        index,
        "Older on Kazakhstan",
        authors=[amina],
        date=datetime.date(2024, 1, 1),
        countries=["china", "kazakhstan"],
        initiatives=["bri"],
        sectors=["energy"],
    )
    make_article(
        index,
        "Newer on Kazakhstan",
        authors=[amina, daniel],
        date=datetime.date(2024, 6, 1),
        countries=["china", "kazakhstan"],
        initiatives=["bri"],
    )
    make_article(index, "Her draft", authors=[amina], date=datetime.date(2025, 1, 1), live=False)
    page = soup(client.get("/experts/"))
    assert page.h1.get_text() == "Experts"
    assert [h2.get_text(strip=True) for h2 in page.select(".expert h2")] == [
        "Dr. Amina Rahman",
        "Daniel Okoro",
    ]

    card = expert(page, "Dr. Amina Rahman")
    photo = card.find("img")
    assert photo["alt"] == "Dr. Amina Rahman" and photo["loading"] == "lazy"
    assert (photo["width"], photo["height"]) == ("96", "96") and photo["sizes"] == "96px"
    assert re.fullmatch(r"\S+fill-96x96\S* 96w, \S+fill-192x192\S* 192w", photo["srcset"])
    assert card.h2.a["href"] == amina.get_absolute_url()
    assert card.select_one(".expert__role").get_text() == "Senior Fellow, Centre for Testing"
    # Kazakhstan and the BRI on two articles, energy on one; China, the subject, never.
    assert [a["href"] for a in card.select(".expert__focus a")] == [
        "/topics/countries/kazakhstan/",
        "/topics/initiatives/bri/",
        "/topics/sectors/energy/",
    ]
    latest = card.select_one(".expert__latest a")
    assert latest.get_text() == "Newer on Kazakhstan" and latest["href"] == "/briefings/newer-on-kazakhstan/"
    assert "2 articles" in card.get_text()

    # Without a photo: the initials, drawn as an image named after the person.
    avatar = expert(page, "Daniel Okoro").find("svg")
    assert avatar["role"] == "img" and avatar["aria-label"] == "Daniel Okoro"
    assert avatar.get_text() == "DO"


def test_experts_leave_out_people_without_published_work_and_authors_redirects_there(client, index):
    AuthorFactory(name="Nobody Published")
    make_article(index, "Draft", authors=[AuthorFactory(name="Drafts Only")], live=False)
    page = soup(client.get("/experts/"))
    assert page.select(".expert") == [] and "No experts yet." in page.get_text()
    response = client.get("/authors/?page=2")
    assert response.status_code == 301 and response["Location"] == "/experts/?page=2"


@pytest.mark.parametrize("people", [2, 12])
def test_experts_use_the_same_number_of_queries_for_few_and_many(
    client, index, people, django_assert_max_num_queries
):
    image = Image.objects.create(title="Face", file=get_test_image_file(size=(200, 200)))
    authors = [AuthorFactory(photo=image if n % 2 else None) for n in range(people)]
    for n, author in enumerate(authors):
        make_article(
            index,
            f"Piece {n}",
            authors=[author] if n == 0 else [author, authors[0]],
            countries=["china", ["kazakhstan", "egypt"][n % 2]],
            initiatives=["bri"],
            sectors=["energy"],
            quick_publish=True,
        )
    client.get("/experts/")  # renditions made once
    with django_assert_max_num_queries(12):
        page = soup(client.get("/experts/"))
    assert len(page.select(".expert")) == people
    assert len(page.select(".expert__latest a")) == people


def test_author_page_shows_photo_bio_links_and_how_to_follow(client, index):
    author = AuthorFactory(
        name="Amina Rahman",
        bio="Writes on energy transit.",
        website="https://example.org/amina",
        x_url="https://x.com/amina",
        linkedin_url="https://www.linkedin.com/in/amina",
        orcid="0000-0002-1825-0097",
    )
    make_article(index, "On Energy", authors=[author], countries=["china"])
    page = soup(client.get(author.get_absolute_url()))
    assert page.select_one(".breadcrumbs a")["href"] == "/experts/"
    avatar = page.select_one(".author-header svg.avatar--large")
    assert avatar["aria-label"] == "Dr. Amina Rahman" and avatar.get_text() == "AR"
    assert "Writes on energy transit." in page.select_one(".author-bio").get_text()
    assert [(a.get_text(), a["href"]) for a in page.select(".author-links a")] == [
        ("Website", "https://example.org/amina"),
        ("X", "https://x.com/amina"),
        ("LinkedIn", "https://www.linkedin.com/in/amina"),
        ("ORCID", "https://orcid.org/0000-0002-1825-0097"),
    ]
    follow = page.select_one("section.follow")
    assert follow.h2.get_text() == "Follow Amina Rahman"
    assert follow.select_one("a.feed-link")["href"] == f"/authors/{author.slug}/feed/"
    # China, the subject country, is not what she "writes most about".
    assert page.select_one(".author-topics") is None


def test_an_orcid_id_must_look_like_one(index):
    author = AuthorFactory(name="Amina Rahman", orcid="0000-0002-1825")
    with pytest.raises(ValidationError) as refused:
        author.full_clean()
    assert refused.value.message_dict["orcid"] == ["An ORCID iD looks like 0000-0002-1825-0097."]
    author.orcid = "0000-0002-1694-233X"
    author.full_clean()


def test_experts_and_author_pages_follow_bylines_unpublishing_and_retagging(client, index, settings):
    """Counts, latest piece and focus topics come from kept statistics: every change a reader
    could see shows on the next request."""
    settings.PAGE_CACHE_ENABLED = False
    amina, daniel = AuthorFactory(name="Amina Rahman"), AuthorFactory(name="Daniel Okoro", honorific="")
    older = make_article(
        index, "Older", authors=[amina], date=datetime.date(2024, 1, 1), countries=["kazakhstan"]
    )
    newer = make_article(
        index,
        "Newer",
        authors=[amina],
        date=datetime.date(2024, 6, 1),
        countries=["egypt"],
        sectors=["trade"],
    )

    def card(name):
        page = soup(client.get("/experts/"))
        found = [li for li in page.select(".expert") if li.h2.get_text(strip=True) == name]
        if not found:
            return None
        (item,) = found
        return (
            item.select_one(".count").get_text(),
            item.select_one(".expert__latest a").get_text(),
            [a.get_text() for a in item.select(".expert__focus a")],
        )

    assert card("Dr. Amina Rahman") == ("2 articles", "Newer", ["Egypt", "Kazakhstan", "Trade"])
    assert card("Daniel Okoro") is None

    # A published revision moves the newer piece to Daniel's byline.
    draft = newer.get_latest_revision_as_object()
    draft.article_authors = [ArticleAuthor(author=daniel, sort_order=0)]
    draft.save_revision().publish()
    assert card("Dr. Amina Rahman") == ("1 article", "Older", ["Kazakhstan"])
    assert card("Daniel Okoro") == ("1 article", "Newer", ["Egypt", "Trade"])
    assert "Newer" not in client.get(amina.get_absolute_url()).content.decode()

    # Retagging her piece changes her focus; unpublishing it takes her off the page.
    draft = older.get_latest_revision_as_object()
    draft.countries.set([Country.objects.get(slug="pakistan")])
    draft.save_revision().publish()
    assert card("Dr. Amina Rahman") == ("1 article", "Older", ["Pakistan"])
    ArticlePage.objects.get(pk=older.pk).unpublish()
    assert card("Dr. Amina Rahman") is None
    author_page = soup(client.get(amina.get_absolute_url()))
    assert author_page.select(".author-topics") == [] and "Older" not in author_page.get_text()


def test_authors_are_never_listed_as_topics(client, index):
    """Authors are counted beside the topics: nothing that lists topics shows one."""
    author = AuthorFactory(name="Amina Rahman")
    for n in range(3):
        make_article(index, f"Piece {n}", authors=[author], countries=["china", "egypt"], sectors=["trade"])
    egypt = Country.objects.get(slug="egypt")
    assert stats.topic_total((stats.AUTHORS, author.pk)) == 3
    assert {key[0] for key, _, _ in stats.pairs_of((names.COUNTRIES, egypt.pk))} == {names.SECTORS}
    for url in ("/topics/", "/api/v2/topics/", "/sitemap-topics.xml", "/sitemap-intersections.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Amina" not in response.content.decode() and "/authors/" not in response.content.decode(), url
    related = soup(client.get("/topics/countries/egypt/")).select_one("#related-heading").parent
    assert "Trade" in related.get_text() and "Amina" not in related.get_text()
    assert [t.name for t in focus_topics([author.pk])[author.pk]] == ["Egypt", "Trade"]


def test_author_page_counts_its_pages_from_the_kept_statistics(client, index, django_assert_max_num_queries):
    author = AuthorFactory(name="Amina Rahman")
    for n in range(ARTICLES_PER_PAGE + 3):
        make_article(
            index,
            f"Piece {n}",
            authors=[author],
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            countries=["egypt"],
            quick_publish=True,
        )
    make_article(index, "Her draft", authors=[author], live=False)
    as_committed()
    with django_assert_max_num_queries(11):
        first = soup(client.get(author.get_absolute_url()))
    assert len(first.select(".card")) == ARTICLES_PER_PAGE
    second = soup(client.get(f"{author.get_absolute_url()}?page=2"))
    assert len(second.select(".card")) == 3
    assert client.get(f"{author.get_absolute_url()}?page=3").status_code == 404
    assert "23 articles" in str(first.select_one(".author-topics"))
