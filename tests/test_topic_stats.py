"""The topic statistics (per-topic, pair and monthly counts of the articles readers see, authors'
counts and their articles in date order) stay equal to a count from scratch through publishing,
unpublishing, retagging, byline changes, deleting, merging topics and publication windows opening
and closing; reader pages built from them cost a fixed number of queries."""

import datetime
import io
import random
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from briefings.articles import indexing, stats
from briefings.articles.models import TOPIC_LINKS, ArticleAuthor, ArticlePage
from taxonomy import names
from taxonomy.curation.merge import merge_topics
from taxonomy.models import Country, Initiative, Sector
from tests.factories import AuthorFactory, as_committed, make_article

pytestmark = pytest.mark.django_db

POOL = {
    names.COUNTRIES: ["china", "kazakhstan", "pakistan", "egypt", "uzbekistan"],
    names.INITIATIVES: ["bri", "gdi", "gsi"],
    names.SECTORS: ["energy", "trade", "water", "health"],
}
MODELS = {names.COUNTRIES: Country, names.INITIATIVES: Initiative, names.SECTORS: Sector}


def recount():
    """The five tables' contents, counted from the visible articles, their links and bylines:
    authors counted and paired like topics, not by month."""
    visible = ArticlePage.objects.visible()
    articles = {page.pk: page for page in visible.defer_streamfields()}
    topics = {pk: {stats.TOTAL} for pk in articles}
    author_articles = Counter()
    for pk, author_id in ArticleAuthor.objects.filter(page_id__in=list(articles)).values_list(
        "page_id", "author_id"
    ):
        topics[pk].add((stats.AUTHORS, author_id))
        page = articles[pk]
        author_articles[(author_id, pk, page.date, page.first_published_at)] += 1
    region_of = dict(Country.objects.values_list("pk", "region_id"))
    for key, model in TOPIC_LINKS.items():
        for pk, tag in model.objects.filter(content_object_id__in=list(articles)).values_list(
            "content_object_id", "tag_id"
        ):
            topics[pk].add((key, tag))
            if key == names.COUNTRIES and region_of[tag]:
                topics[pk].add((names.REGIONS, region_of[tag]))
    counts, pairs, months, pair_months = Counter(), Counter(), Counter(), Counter()
    for pk, keys in topics.items():
        month = articles[pk].display_date.replace(day=1)
        tagged = [key for key in keys if key != stats.TOTAL]
        counts.update(keys)
        months.update((*key, month) for key in tagged if key[0] != stats.AUTHORS)
        for first in tagged:
            for second in tagged:
                if first != second:
                    pairs[(*first, *second)] += 1
                    by_month = stats.AUTHORS not in (first[0], second[0])
                    if by_month and stats.pair_key(first, second) == (first, second):
                        pair_months[(*first, *second, month)] += 1
    return counts, pairs, months, pair_months, author_articles


def tables():
    def read(model, *fields):
        return Counter(
            {
                row[:-1]: row[-1]
                for row in model.objects.filter(articles__gt=0).values_list(*fields, "articles")
            }
        )

    assert not stats.TopicCount.objects.filter(articles__lt=0).exists()
    return (
        read(stats.TopicCount, "vocabulary", "topic_id"),
        read(stats.TopicPairCount, "vocabulary", "topic_id", "other_vocabulary", "other_id"),
        read(stats.TopicMonthCount, "vocabulary", "topic_id", "month"),
        read(stats.TopicPairMonthCount, "vocabulary", "topic_id", "other_vocabulary", "other_id", "month"),
        Counter(
            stats.AuthorArticle.objects.values_list("author_id", "article_id", "date", "first_published_at")
        ),
    )


def assert_tables_match_a_recount(step=""):
    expected, actual = recount(), tables()
    labels = ("counts", "pairs", "months", "pair months", "author articles")
    for name, want, have in zip(labels, expected, actual, strict=True):
        assert have == want, f"{name} after {step}: extra {have - want}, missing {want - have}"


def assert_index_rows_have_their_topic_words(step=""):
    """Every visible article's search index row holds the words of the topics it is on (a search
    with a facet asks the index for them: ``briefings.search.matching``)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id::int, tsvector_to_array(body) FROM wagtailsearch_indexentry "
            "WHERE content_type_id = %s",
            [ContentType.objects.get_for_model(ArticlePage).pk],
        )
        words = {pk: set(lexemes) for pk, lexemes in cursor.fetchall()}
    visible = set(ArticlePage.objects.visible().values_list("pk", flat=True))
    for key, model in TOPIC_LINKS.items():
        for pk, tag in model.objects.filter(content_object_id__in=visible).values_list(
            "content_object_id", "tag_id"
        ):
            word = indexing.topic_word(key, tag)
            assert word in words.get(pk, ()), f"article {pk} after {step}: {word} not in its index row"


def pick_topics(rng, pool):
    return {key: rng.sample(slugs, rng.randint(0, min(2, len(slugs)))) for key, slugs in pool.items()}


def retag(page, topics, authors=None):
    """A new revision with other topics (and byline, if given), published (as an editor does)."""
    draft = page.get_latest_revision_as_object()
    for key, slugs in topics.items():
        getattr(draft, key).set(list(MODELS[key].objects.filter(slug__in=slugs)))
    if authors is not None:
        draft.article_authors = [ArticleAuthor(author=a, sort_order=n) for n, a in enumerate(authors)]
    draft.save_revision().publish()


@pytest.mark.parametrize("seed", [1, 2])
def test_random_changes_keep_the_tables_equal_to_a_recount(index, seed):
    rng = random.Random(seed)  # noqa: S311 - a reproducible sequence, not security
    # Bylines from a sequence of their own: the same steps as before authors were counted.
    bylines = random.Random(-seed)  # noqa: S311
    people = [AuthorFactory() for _ in range(3)]
    pool = {key: list(slugs) for key, slugs in POOL.items()}
    articles = []
    for step in range(20):
        action = rng.choice(["create", "create", "publish", "unpublish", "retag", "retag", "delete", "merge"])
        live = [page for page in articles if page.live]
        if action == "create" or not articles:
            topics = pick_topics(rng, pool)
            date = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(900))
            authors = bylines.sample(people, bylines.randint(0, 2))
            page = make_article(
                index, f"Piece {step}", live=rng.random() < 0.7, date=date, authors=authors, **topics
            )
            articles.append(page)
        elif action == "publish":
            page = rng.choice(articles)
            page.get_latest_revision_as_object().save_revision().publish()
        elif action == "unpublish" and live:
            rng.choice(live).unpublish()
        elif action == "retag":
            authors = bylines.sample(people, bylines.randint(0, 2)) if bylines.random() < 0.5 else None
            retag(rng.choice(articles), pick_topics(rng, pool), authors)
        elif action == "delete":
            page = rng.choice(articles)
            articles.remove(page)
            page.delete()
        elif action == "merge":
            key = rng.choice([key for key, slugs in pool.items() if len(slugs) >= 2])
            source, target = rng.sample(pool[key], 2)
            pool[key].remove(source)
            merge_topics(MODELS[key].objects.get(slug=source), MODELS[key].objects.get(slug=target))
        articles = [ArticlePage.objects.get(pk=page.pk) for page in articles]
        assert_tables_match_a_recount(f"step {step} ({action})")
        assert_index_rows_have_their_topic_words(f"step {step} ({action})")
    # From scratch, the same again.
    before = tables()
    call_command("rebuild_topic_stats", stdout=io.StringIO())
    assert tables() == before


def test_publication_window_opening_and_closing_moves_the_counts(client, index, monkeypatch):
    now = timezone.now()
    closing = make_article(index, "Closing", countries=["kazakhstan"], initiatives=["bri"])
    closing.expire_at = now + datetime.timedelta(hours=1)
    closing.save()
    opening = make_article(index, "Opening", countries=["kazakhstan"])
    opening.go_live_at = now + datetime.timedelta(hours=2)
    opening.save()  # live, but before its go-live time (as if set directly)
    kazakhstan = Country.objects.get(slug="kazakhstan")
    assert stats.topic_total((names.COUNTRIES, kazakhstan.pk)) == 1
    assert_tables_match_a_recount("scheduling")

    # No command runs: the first request after each time passes brings the counts up to date.
    for hours, expected in ((1.5, 0), (3, 1)):
        later = now + datetime.timedelta(hours=hours)
        monkeypatch.setattr(timezone, "now", lambda later=later: later)
        # /topics/ lists the countries with articles (/topics/countries/ draws every country on its map).
        html = client.get("/topics/").content.decode()
        assert stats.topic_total((names.COUNTRIES, kazakhstan.pk)) == expected
        assert ('href="/topics/countries/kazakhstan/"' in html) == bool(expected)
        assert_tables_match_a_recount(f"{hours} hours later")


def test_moving_a_country_to_another_region_and_restricting_articles_recount(index):
    piece = make_article(index, "Steppe", countries=["kazakhstan"], sectors=["energy"])
    kazakhstan = Country.objects.get(slug="kazakhstan")
    kazakhstan.region = Country.objects.get(slug="russia").region
    kazakhstan.save()
    assert_tables_match_a_recount("region change")
    restriction = PageViewRestriction.objects.create(page=index, restriction_type="login")
    assert stats.total_articles() == 0
    assert_tables_match_a_recount("view restriction")
    restriction.delete()
    assert stats.total_articles() == 1
    Country.objects.get(slug="kazakhstan").delete()
    assert_tables_match_a_recount("topic deleted")
    assert ArticlePage.objects.get(pk=piece.pk).live


def test_most_active_topics_leave_out_the_subject_country(client, index):
    for n in range(3):
        make_article(index, f"Piece {n}", countries=["china", "egypt"], sectors=["trade"], quick_publish=True)
    home = client.get("/").content.decode()
    active = home[home.index('id="topics-heading"') :]
    assert 'href="/topics/countries/egypt/"' in active
    assert 'href="/topics/countries/china/"' not in active
    # It is still a topic, counted on the topics page.
    assert (
        'href="/topics/countries/china/">China</a> <span class="count">3</span>'
        in client.get("/topics/").content.decode()
    )


def reader_urls(article):
    return [
        "/",
        "/briefings/",
        article.url,
        "/topics/",
        "/topics/countries/",
        "/topics/countries/china/",
        "/topics/countries/kazakhstan/",
        "/topics/regions/central-asia/",
        "/topics/initiatives/bri/",
        "/topics/countries/china/countries/kazakhstan/",
        "/topics/countries/kazakhstan/initiatives/bri/",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/sitemap-articles.xml",
        "/sitemap-topics.xml",
        "/sitemap-intersections.xml",
        "/sitemap-authors.xml",
    ]


def query_counts(client, urls):
    counts = {}
    for url in urls:
        client.get(url)  # the per-process caches (content types, site root paths) warmed, as a server's are
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured)
    return counts


def test_reader_pages_cost_the_same_queries_for_3_and_30_articles(client, index, settings):
    """At most 20 queries each, and exactly as many with 30 articles as with 3 (rendered, not
    served from the page cache)."""
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")  # the site's identity is read once, then cached (whatever the number of articles)
    authors = [AuthorFactory(), AuthorFactory()]
    countries = ["kazakhstan", "pakistan", "uzbekistan"]
    made, counts = [], []
    for size in (3, 30):
        while len(made) < size:
            n = len(made)
            made.append(
                make_article(
                    index,
                    f"Piece {n}",
                    authors=authors,
                    date=datetime.date(2020, 1, 1) + datetime.timedelta(days=5 * n),
                    countries=["china", countries[n % 3]],
                    initiatives=["bri"] if n % 2 else ["gdi", "bri"],
                    sectors=["energy", ["trade", "water"][n % 2]],
                    quick_publish=True,
                )
            )
        as_committed()
        # The same article both times, with neighbours on both sides.
        urls = reader_urls(made[1])
        counts.append(query_counts(client, urls))
    assert counts[0] == counts[1]
    assert max(counts[1].values()) <= 20, counts[1]
