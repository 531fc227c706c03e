"""Scoped freshness (``briefings.core.freshness``): a change to one article renews only the cached
pages that could show it (article pages near it by date, intersections, hubs and feeds of its
topics, hubs whose related topics it changes, searches for its words, every listing), and whatever
changes, a page served from the cache is the
page as it would be rendered now."""

import datetime
import random
import re

from django.conf import settings
from django.test import Client

import pytest
from django_tasks_db.models import DBTaskResult

from briefings.alerts.tasks import announce_article
from briefings.articles import models
from briefings.articles.models import ArticlePage
from briefings.core import freshness, generation
from taxonomy import names
from taxonomy.hubs import queries
from taxonomy.hubs.queries import canonical_intersection_url
from taxonomy.models import Country, Sector
from taxonomy.vocabularies import get_vocabulary
from tests.conftest import shared_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db

WINDOW = 2  # articles either side of an article its related articles come from (200 in the site)
PARTNERS = ["kazakhstan", "pakistan", "uzbekistan"]
SECTORS = ["energy", "trade", "finance"]
START = datetime.date(2023, 1, 5)


@pytest.fixture(autouse=True)
def small_window(monkeypatch):
    monkeypatch.setattr(models, "RELATED_WINDOW", WINDOW)


@shared_data
def shelf(index):
    """16 articles 40 days apart (almost two years), each on China, one partner and one sector."""
    return [
        make_article(
            index,
            f"Piece {n:02d}",
            date=START + datetime.timedelta(days=40 * n),
            countries=["china", PARTNERS[n % 3]],
            sectors=[SECTORS[n % 3 if n % 2 else (n + 1) % 3]],
            quick_publish=True,
        )
        for n in range(16)
    ]


def intersection(country, sector):
    return canonical_intersection_url(
        (get_vocabulary(names.COUNTRIES), Country.objects.get(slug=country)),
        (get_vocabulary(names.SECTORS), Sector.objects.get(slug=sector)),
    )


def retitle(article, title):
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.title = title
    draft.save_revision().publish()


def test_a_change_renews_the_pages_near_it_and_on_its_topics_only(client, shelf):
    far, near, changed = shelf[4], shelf[13], shelf[14]
    other_topics = intersection("pakistan", "energy")  # no article is on both
    own_topics = intersection(PARTNERS[14 % 3], "energy")
    pages = [far.url, near.url, own_topics, other_topics, "/briefings/"]
    for url in pages:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url
    assert changed.title.encode() in client.get(own_topics).content

    retitle(changed, "Piece Fourteen, Retitled")

    assert client.get(far.url)["X-Cache"] == "HIT"  # a year earlier: cannot show it
    assert client.get(other_topics)["X-Cache"] == "HIT"
    for url in (near.url, own_topics, "/briefings/"):
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert b"Piece Fourteen, Retitled" in response.content, url


def test_an_article_moved_in_time_leaves_its_old_neighbours_and_reaches_its_new_ones(client, shelf):
    old_neighbour, new_neighbour, moved = shelf[9], shelf[3], shelf[10]
    for url in (old_neighbour.url, new_neighbour.url):
        client.get(url)
    assert b"Piece 10" in client.get(old_neighbour.url).content
    assert b"Piece 10" not in client.get(new_neighbour.url).content

    draft = moved.get_latest_revision_as_object()
    draft.date = shelf[3].date + datetime.timedelta(days=1)
    draft.save_revision().publish()

    assert b"Piece 10" not in client.get(old_neighbour.url).content
    assert b"Piece 10" in client.get(new_neighbour.url).content


def test_the_newest_article_shows_one_redated_months_past_it(client, shelf):
    newest, oldest = shelf[-1], shelf[0]
    assert b"neighbours__link--newer" not in client.get(newest.url).content
    draft = oldest.get_latest_revision_as_object()
    draft.date = newest.date + datetime.timedelta(days=200)
    draft.save_revision().publish()
    assert b"Piece 00" in client.get(newest.url).content


def test_the_oldest_article_stays_cached_through_a_change_at_the_newest_end_and_shows_a_new_oldest(
    client, shelf
):
    oldest, newest, moved = shelf[0], shelf[-1], shelf[8]
    client.get(oldest.url)
    retitle(newest, "Piece 15, Revised")
    assert client.get(oldest.url)["X-Cache"] == "HIT"  # its window runs short on the older side only
    draft = moved.get_latest_revision_as_object()
    draft.date = oldest.date - datetime.timedelta(days=300)
    draft.save_revision().publish()
    response = client.get(oldest.url)
    assert response["X-Cache"] == "MISS" and b"Piece 08" in response.content


def test_a_search_is_renewed_by_the_articles_holding_its_words_only(client, shelf):
    for url in ("/search/?q=steppe", "/search/?q=piece"):
        client.get(url)
    retitle(shelf[5], "Piece 05, Revised")
    assert client.get("/search/?q=steppe")["X-Cache"] == "HIT"
    response = client.get("/search/?q=piece")
    assert response["X-Cache"] == "MISS" and b"Revised" in response.content

    retitle(shelf[6], "Piece 06 on the Steppe")
    response = client.get("/search/?q=steppe")
    assert response["X-Cache"] == "MISS" and b"Steppe" in response.content
    retitle(shelf[6], "Piece 06")
    assert b"Steppe" not in client.get("/search/?q=steppe").content


def test_queueing_email_alerts_changes_nothing_readers_see(client, shelf):
    client.get(shelf[4].url)
    announce_article.enqueue(shelf[14].pk)  # what publishing does once it has committed
    assert DBTaskResult.objects.exists()
    assert client.get(shelf[4].url)["X-Cache"] == "HIT"


def test_any_other_write_renews_every_page(client, shelf):
    far = shelf[4]
    client.get(far.url)
    Country.objects.filter(slug="kazakhstan").update(name="Qazaqstan")
    response = client.get(far.url)
    assert response["X-Cache"] == "MISS"


def related_section(response):
    found = re.search(rb'<section aria-labelledby="related-heading">.*?</section>', response.content, re.S)
    return found[0] if found else b""


def test_a_hub_is_renewed_when_its_related_topics_change_though_its_articles_do_not(client, shelf):
    hub = "/topics/countries/uzbekistan/"
    retitle(shelf[3], "Piece 03, Revised")  # the first change computes the digests (the cache was emptied)
    client.get(hub)
    retitle(shelf[3], "Piece 03")  # on Kazakhstan: not on the hub, nor in its related topics
    assert client.get(hub)["X-Cache"] == "HIT"
    before = related_section(fresh(hub))
    assert b"Energy" in before
    others = [article for n, article in enumerate(shelf) if PARTNERS[n % 3] != "uzbekistan"]
    for article in others:  # more and more articles on energy, none on Uzbekistan: energy tells less
        draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
        draft.sectors.set(Sector.objects.filter(slug="energy"))
        draft.save_revision().publish()
        if related_section(fresh(hub)) != before:
            break
    else:
        pytest.fail("the hub's related topics never changed")
    response = client.get(hub)
    assert response["X-Cache"] == "MISS"
    assert related_section(response) == related_section(fresh(hub)) != before
    assert client.get(hub)["X-Cache"] == "HIT"


def test_when_the_digests_cannot_be_computed_again_every_page_is_renewed(client, shelf, monkeypatch):
    hub = "/topics/countries/uzbekistan/"
    retitle(shelf[3], "Piece 03, Revised")  # the first change computes the digests (the cache was emptied)
    client.get(hub)
    assert client.get(hub)["X-Cache"] == "HIT"

    def broken(provider):
        raise RuntimeError("the statistics could not be read")

    monkeypatch.setattr(generation, "refresh_digests", broken)
    draft = ArticlePage.objects.get(pk=shelf[3].pk).get_latest_revision_as_object()
    draft.sectors.set(Sector.objects.filter(slug="finance"))  # the counts the digests come from
    draft.save_revision().publish()
    assert client.get(hub)["X-Cache"] == "MISS"


def test_the_digests_computed_after_a_change_are_those_the_hubs_compute(shelf):
    digests = queries.related_digests()
    regions = ["central-asia", "southern-asia"]
    for vocabulary_key, slugs in (
        (names.COUNTRIES, PARTNERS),
        (names.SECTORS, SECTORS),
        (names.REGIONS, regions),
    ):
        vocabulary = get_vocabulary(vocabulary_key)
        for slug in slugs:
            topic = vocabulary.get(slug)
            related = queries.related_topics(vocabulary, topic)
            assert related, slug
            expected = queries.shown_related_digest(related)
            assert digests[freshness.related(queries.topic_key(vocabulary, topic))] == expected, slug


def fresh(url):
    """The page rendered now: a session cookie keeps the request away from the cache."""
    reader = Client()
    reader.cookies[settings.SESSION_COOKIE_NAME] = "none"
    return reader.get(url)


def comparable(response):
    return re.sub(rb"<lastBuildDate>[^<]*</lastBuildDate>", b"", response.content)


def test_after_any_sequence_of_changes_a_cached_page_is_the_page_rendered_now(client, shelf, index):
    rng = random.Random(20261130)  # noqa: S311 - a test's sequence
    articles = list(shelf)
    urls = {article.url for article in articles}
    urls |= {intersection(country, sector) for country in PARTNERS[:2] for sector in SECTORS}
    urls |= {"/topics/countries/pakistan/feed/", "/topics/sectors/trade/feed/", "/briefings/"}
    urls |= {"/search/?q=piece", "/search/?q=retitled+step&sort=date", "/search/?q=new"}
    hubs = {f"/topics/countries/{slug}/" for slug in PARTNERS} | {f"/topics/sectors/{s}/" for s in SECTORS}
    hubs |= {"/topics/regions/central-asia/", "/topics/regions/southern-asia/"}
    urls = sorted(urls | hubs)
    for url in urls:
        client.get(url)
    hits = hub_hits = 0
    for step in range(8):
        article = ArticlePage.objects.get(pk=rng.choice(articles).pk)
        action = rng.choice(["retitle", "redate", "retag", "unpublish", "publish", "new", "delete"])
        draft = article.get_latest_revision_as_object()
        if action == "retitle":
            retitle(article, f"Retitled at step {step}")
        elif action == "redate":
            draft.date = START + datetime.timedelta(days=rng.randrange(-120, 760))
            draft.save_revision().publish()
        elif action == "retag":
            draft.countries.set(Country.objects.filter(slug__in=["china", rng.choice(PARTNERS)]))
            draft.sectors.set(Sector.objects.filter(slug=rng.choice(SECTORS)))
            draft.save_revision().publish()
        elif action == "unpublish" and article.live:
            article.unpublish()
        elif action == "publish":
            draft.save_revision().publish()
        elif action == "new":
            articles.append(
                make_article(
                    index,
                    f"New at step {step}",
                    date=START + datetime.timedelta(days=rng.randrange(-120, 760)),
                    countries=["china", rng.choice(PARTNERS)],
                    sectors=[rng.choice(SECTORS)],
                )
            )
            urls.append(articles[-1].url)
        elif action == "delete" and len(articles) > 10:
            articles.remove(next(a for a in articles if a.pk == article.pk))
            article.delete()
        for url in urls:  # what is rendered (a miss) is kept for the next step
            response = client.get(url)
            if response.get("X-Cache") == "HIT":
                hits += url not in hubs
                hub_hits += url in hubs
                assert comparable(response) == comparable(fresh(url)), (step, action, article.title, url)
    assert hits > (len(urls) - len(hubs)) * 3  # the pages a change could not touch stayed cached
    assert hub_hits, "no hub stayed cached through a change"


def test_a_hit_reads_the_page_and_its_scopes_at_once_and_a_change_still_renews_it(shelf, monkeypatch):
    """Each process remembers which scopes a page read (``PageCacheMiddleware.scope_hints``), so a
    hit reads it and their numbers in one round trip; a process without the hint checks them
    apart; either way a change is seen."""
    checked_apart = []
    holding = generation.holding
    monkeypatch.setattr(generation, "holding", lambda values: checked_apart.append(1) or holding(values))
    url = shelf[14].url
    reader = Client()
    assert reader.get(url)["X-Cache"] == "MISS"
    assert reader.get(url)["X-Cache"] == "HIT" and len(checked_apart) == 1  # learns the scopes
    assert reader.get(url)["X-Cache"] == "HIT" and len(checked_apart) == 1  # one round trip
    assert Client().get(url)["X-Cache"] == "HIT" and len(checked_apart) == 2  # another process

    retitle(shelf[14], "Piece Fourteen, Retitled")

    response = reader.get(url)
    assert response["X-Cache"] == "MISS" and b"Piece Fourteen, Retitled" in response.content
    assert len(checked_apart) == 2
