"""``/sitemap.xml``: Wagtail's pages, the topic hubs and intersections with articles, and authors.

Hubs and intersections come from one pass over the topic links of visible articles (a query per
vocabulary), so the sitemap costs the same number of queries whatever the number of topics.
"""

import functools
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from briefings.articles.models import TOPIC_LINKS, ArticlePage, Author, on_schedule
from briefings.core.seo import site_root_url
from taxonomy.vocabularies import COUNTRIES, REGIONS, TAG_VOCABULARIES, topic_order_key

# Intersections grow with the square of the topics on an article; list the ones with the most
# articles first and stop here (a sitemap holds at most 50,000 addresses).
MAX_INTERSECTIONS = 10_000


class PageSitemap(WagtailSitemap):
    """Wagtail's live, public pages, less any off schedule (as ``visible()`` does)."""

    def items(self):
        return super().items().filter(on_schedule())


@dataclass(frozen=True)
class HubEntry:
    path: str
    lastmod: object
    articles: int


def _hub_path(vocabulary_key, slug):
    return reverse("taxonomy:hub", kwargs={"vocabulary": vocabulary_key, "slug": slug})


def _intersection_path(first, second):
    return reverse(
        "taxonomy:intersection",
        kwargs={"vocabulary": first[0], "slug": first[1], "vocabulary2": second[0], "slug2": second[1]},
    )


def article_topics():
    """``({article id: {(vocabulary key, slug), …}}, {article id: last published}, {country: region})``."""
    visible = ArticlePage.objects.visible()
    published = dict(visible.values_list("pk", "last_published_at"))
    visible_ids = visible.values("pk")
    topics, region_of = defaultdict(set), {}
    for vocabulary in TAG_VOCABULARIES:
        links = TOPIC_LINKS[vocabulary.key].objects.filter(content_object__in=visible_ids)
        if vocabulary is COUNTRIES:
            for article_id, slug, region in links.values_list(
                "content_object_id", "tag__slug", "tag__region__slug"
            ):
                topics[article_id].add((COUNTRIES.key, slug))
                if region:
                    topics[article_id].add((REGIONS.key, region))
                    region_of[slug] = region
        else:
            for article_id, slug in links.values_list("content_object_id", "tag__slug"):
                topics[article_id].add((vocabulary.key, slug))
    return topics, published, region_of


def hub_entries(max_intersections=MAX_INTERSECTIONS):
    """Every hub with a visible article, then the intersections sharing one, most articles first.

    An intersection is listed once, in its canonical order (``taxonomy.vocabularies.topic_order_key``); a
    region paired with one of its own countries is left out, as it shows the country's articles.
    """
    topics, published, region_of = article_topics()
    hubs, pairs = defaultdict(lambda: [0, None]), defaultdict(lambda: [0, None])

    def count(stats, article_id):
        stats[0] += 1
        lastmod = published.get(article_id)
        if lastmod and (stats[1] is None or lastmod > stats[1]):
            stats[1] = lastmod

    for article_id, article_topic_set in topics.items():
        ordered = sorted(article_topic_set, key=lambda topic: topic_order_key(*topic))
        for n, first in enumerate(ordered):
            count(hubs[first], article_id)
            for second in ordered[n + 1 :]:
                if first[0] == COUNTRIES.key and second == (REGIONS.key, region_of.get(first[1])):
                    continue
                count(pairs[(first, second)], article_id)
    entries = [
        HubEntry(_hub_path(*topic), lastmod, n)
        for topic, (n, lastmod) in sorted(hubs.items(), key=lambda item: topic_order_key(*item[0]))
    ]
    ranked = sorted(
        pairs.items(),
        key=lambda item: (-item[1][0], topic_order_key(*item[0][0]), topic_order_key(*item[0][1])),
    )
    entries += [
        HubEntry(_intersection_path(*pair), lastmod, n) for pair, (n, lastmod) in ranked[:max_intersections]
    ]
    return entries


class SiteSitemap(Sitemap):
    """Addresses on the Wagtail site's root URL, as Wagtail's page sitemap gives them."""

    def __init__(self, request):
        self.root = urlsplit(site_root_url(request))

    def get_protocol(self, protocol=None):
        return self.root.scheme

    def get_domain(self, site=None):
        return self.root.netloc


class HubSitemap(SiteSitemap):
    changefreq = "weekly"

    @functools.cached_property
    def entries(self):
        return hub_entries()

    def items(self):
        return self.entries

    def location(self, item):
        return item.path

    def lastmod(self, item):
        return item.lastmod


class AuthorSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        visible_ids = ArticlePage.objects.visible().values("pk")
        return (
            Author.objects.filter(article_links__page__in=visible_ids)
            .annotate(lastmod=Max("article_links__page__last_published_at"))
            .order_by("name", "pk")
        )

    def lastmod(self, author):
        return author.lastmod


def sitemap(request):
    sitemaps = {"pages": PageSitemap, "hubs": HubSitemap(request), "authors": AuthorSitemap(request)}
    return wagtail_sitemap(request, sitemaps=sitemaps)
