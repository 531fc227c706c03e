"""The reader-page benchmark (``manage.py bench_pages``): every page type readers reach, timed in
process through the whole middleware stack, cold (page cache off) and cached (second request
through the page cache), median and p95 with their query counts, beside a trivial Django view.

The page cache is switched by the ``PAGE_CACHE_ENABLED`` setting; without a page cache installed
both columns measure the same thing, and the report says so.
"""

import math
import re
import statistics
import time
from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import include, path

from briefings.articles.models import TOPIC_LINKS, ArticleAuthor, ArticlePage
from briefings.search.filters import param_name
from taxonomy import names
from taxonomy.hubs.queries import canonical_intersection_url
from taxonomy.vocabularies import get_vocabulary

PAGE_CACHE_SETTING = "PAGE_CACHE_ENABLED"
SEARCH_WORDS = "energy pipeline"


def trivial_view(request):
    return HttpResponse("ok")


# The site's routes plus the trivial view, which costs only Django's request handling.
urlpatterns = [path("bench-trivial/", trivial_view), path("", include(settings.ROOT_URLCONF))]


@dataclass
class Timing:
    median_ms: float
    p95_ms: float
    queries: int


@dataclass
class PageResult:
    name: str
    url: str
    cold: Timing | None = None
    cached: Timing | None = None


@dataclass
class Report:
    articles: int
    database: str
    requests: int
    page_cache: bool
    pages: list = field(default_factory=list)

    def as_dict(self):
        return asdict(self)


def percentile(sorted_values, share):
    """Nearest-rank percentile of an already sorted list."""
    return sorted_values[max(1, math.ceil(len(sorted_values) * share)) - 1]


def measure(client, url, requests):
    times, queries = [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        times.append(elapsed * 1000)
        queries.append(len(captured))
    times.sort()
    return Timing(statistics.median(times), percentile(times, 0.95), max(queries))


def busiest(vocabulary_key, exclude=()):
    """The topic of a vocabulary on the most live articles (a region: through its countries)."""
    vocabulary = get_vocabulary(vocabulary_key)
    ranked = ArticlePage.objects.visible().top_topics(vocabulary, 1 + len(exclude))
    return next(topic for topic in ranked if topic.pk not in exclude)


def busiest_intersections():
    """Pairs of topics from two vocabularies, most articles in common first."""
    keys = names.TAG_KEYS
    pairs = []
    for n, first in enumerate(keys):
        for second in keys[n + 1 :]:
            links = TOPIC_LINKS[second]._meta.get_field("content_object").remote_field.related_name
            other = f"content_object__{links}__tag"
            rows = (
                TOPIC_LINKS[first]
                .objects.filter(**{f"{other}__isnull": False})
                .values("tag", other)
                .annotate(n=Count("pk"))
                .order_by("-n")[:40]
            )
            for row in rows:
                pairs.append((row["n"], first, row["tag"], second, row[other]))
    pairs.sort(key=lambda pair: -pair[0])
    first = pairs[0]
    taken = {(first[1], first[2]), (first[3], first[4])}
    second = next(p for p in pairs if taken.isdisjoint({(p[1], p[2]), (p[3], p[4])}))
    return [intersection_path(pair) for pair in (first, second)]


def intersection_path(pair):
    _, first_key, first_id, second_key, second_id = pair
    first, second = get_vocabulary(first_key), get_vocabulary(second_key)
    return canonical_intersection_url(
        (first, first.topics().get(pk=first_id)), (second, second.topics().get(pk=second_id))
    )


def reader_pages(client, only=None):
    """``[(name, url)]``: one address of each kind of reader page, the busiest where it matters."""
    articles = ArticlePage.objects.visible().newest_first()
    total = articles.count()
    article = articles[total // 2]  # one from the middle of the archive
    china = get_vocabulary(names.COUNTRIES).topics().get(alpha2=settings.SUBJECT_COUNTRY)
    partner = busiest(names.COUNTRIES, exclude={china.pk})
    region = partner.region
    initiative = busiest(names.INITIATIVES)
    sector = busiest(names.SECTORS)
    author_id = ArticleAuthor.objects.values("author").annotate(n=Count("pk")).order_by("-n")[0]["author"]
    author = ArticleAuthor.objects.filter(author_id=author_id).first().author
    busiest_pair, other_pair = busiest_intersections()
    pages = [
        ("trivial", "/bench-trivial/"),
        ("home", "/"),
        ("index", "/briefings/"),
        ("article", article.url),
        ("experts", "/experts/"),
        ("author", author.get_absolute_url()),
        ("topics", "/topics/"),
        ("china-hub", china.hub_url()),
        ("country-hub", partner.hub_url()),
        ("region-hub", region.hub_url() if region else None),
        ("initiative-hub", initiative.hub_url()),
        ("sector-hub", sector.hub_url()),
        ("busiest-intersection", busiest_pair),
        ("intersection", other_pair),
        ("search", f"/search/?{urlencode({'q': SEARCH_WORDS})}"),
        (
            "search-facet",
            f"/search/?{urlencode({'q': SEARCH_WORDS, param_name(get_vocabulary(names.COUNTRIES)): partner.slug})}",
        ),
        ("site-feed", "/feed/"),
        ("hub-feed", f"{china.hub_url()}feed/"),
        ("sitemap", "/sitemap.xml"),
        ("sitemap-section", sitemap_section(client) if not only or "sitemap-section" in only else None),
        ("robots", "/robots.txt"),
        ("api-pages", f"/api/v2/pages/?type=briefings.ArticlePage&country={partner.slug}"),
        ("api-topics", "/api/v2/topics/"),
    ]
    return [(name, url) for name, url in pages if url]


def sitemap_section(client):
    """The first section of the sitemap, when ``/sitemap.xml`` is a sitemap index."""
    body = client.get("/sitemap.xml").content.decode()
    if "<sitemapindex" not in body:
        return None
    loc = re.search(r"<loc>([^<]+)</loc>", body)
    if not loc:
        return None
    parts = urlsplit(loc.group(1).replace("&amp;", "&"))
    return parts.path + (f"?{parts.query}" if parts.query else "")


PAGE_NAMES = (
    "trivial home index article experts author topics china-hub country-hub region-hub initiative-hub "
    "sector-hub busiest-intersection intersection search search-facet site-feed hub-feed sitemap "
    "sitemap-section robots api-pages api-topics"
).split()


def run(requests=30, only=None, progress=None):
    """Time every reader page (or those named in ``only``); returns a ``Report``."""
    client = Client()
    page_cache = hasattr(settings, PAGE_CACHE_SETTING)
    report = Report(
        articles=ArticlePage.objects.visible().count(),
        database=connection.vendor,
        requests=requests,
        page_cache=page_cache,
    )
    site = {"ROOT_URLCONF": __name__, "DEBUG": False, "ALLOWED_HOSTS": ["*"], "SECURE_SSL_REDIRECT": False}
    with override_settings(**site):
        with override_settings(**{PAGE_CACHE_SETTING: False}):
            pages = [(name, url) for name, url in reader_pages(client, only) if not only or name in only]
        for name, url in pages:
            result = PageResult(name, url)
            with override_settings(**{PAGE_CACHE_SETTING: False}):
                client.get(url)  # connections, templates and Wagtail's site lookup warmed once
                result.cold = measure(client, url, requests)
            with override_settings(**{PAGE_CACHE_SETTING: True}):
                client.get(url)  # into the page cache
                result.cached = measure(client, url, requests)
            report.pages.append(result)
            if progress:
                progress(result)
    return report


def format_table(report):
    lines = [
        f"{report.articles:,} live articles on {report.database}; {report.requests} requests per page and mode"
        + ("" if report.page_cache else f" (no page cache installed: {PAGE_CACHE_SETTING} unknown)"),
        "",
        f"{'page':<22} {'cold p50':>9} {'p95':>8} {'queries':>7}   {'cached p50':>10} {'p95':>8} {'queries':>7}"
        "   URL",
    ]
    for page in report.pages:
        lines.append(
            f"{page.name:<22} {page.cold.median_ms:>9.1f} {page.cold.p95_ms:>8.1f} {page.cold.queries:>7}   "
            f"{page.cached.median_ms:>10.1f} {page.cached.p95_ms:>8.1f} {page.cached.queries:>7}   {page.url}"
        )
    lines.append("(milliseconds, in process: no network, no gunicorn)")
    return "\n".join(lines)
