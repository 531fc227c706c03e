"""The sitemap: an index (``/sitemap.xml``) of paged sections (``/sitemap-<section>.xml?p=N``) --
Wagtail's other pages, the articles, the topic hubs, their intersections and the authors.

Each section page is built from one ``values()`` query: page addresses come from ``url_path`` and
the site's root (no page is loaded, no URL computed by walking the tree), hubs and intersections
from the topic statistics (``briefings.articles.stats``); the XML is written out directly. So a
section costs the same whatever the number of articles: the articles' section pages are ranges of
article ids (each holds at most ``SECTION_SIZE`` addresses), read from the primary key's index.
"""

import functools
import math
from xml.sax.saxutils import escape

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, Max, Min, OuterRef, Q
from django.http import Http404, HttpResponse
from django.urls import reverse

from wagtail.models import Page, Site, get_page_models

from briefings.articles.models import ArticleAuthor, ArticlePage, Author, on_schedule
from briefings.articles.stats import TopicCount, TopicPairCount
from briefings.core.seo import site_root_url
from taxonomy.vocabularies import COUNTRIES, REGIONS, VOCABULARIES, topic_order_key

SECTION_SIZE = 5000  # addresses per section page (a sitemap may hold 50,000)
# Intersections grow with the square of the topics on an article; list the ones with the most
# articles first and stop here.
MAX_INTERSECTIONS = 10_000
XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _site_root(request):
    """``(root URL, root page's url_path)`` of the request's Wagtail site."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise Http404("No site")
    return site_root_url(request), Page.objects.filter(pk=site.root_page_id).values_list(
        "url_path", flat=True
    )[0]


def _page_urls(request, rows):
    """``(address, last published)`` of ``values("url_path", "last_published_at")`` rows."""
    root_url, root_path = _site_root(request)
    cut = len(root_path) - 1
    return [
        (root_url + url_path[cut:], lastmod) for url_path, lastmod in rows if url_path.startswith(root_path)
    ]


def pages(request, page):
    """Wagtail's live, public pages on schedule other than articles (home, briefings index …)."""
    if page != 1:
        raise Http404
    rows = (
        # By the types that are not articles (the content type's index), rather than every page
        # that is not an article (a scan of all the articles).
        Page.objects.filter(content_type_id__in=_other_page_types())
        .live()
        .public()
        .filter(on_schedule())
        .filter(depth__gt=1)
        .order_by("path")
        .values_list("url_path", "last_published_at")
    )
    return _page_urls(request, rows)


def _other_page_types():
    """The ids of the content types of every page type but articles (Django keeps them in memory
    once read): as values, the planner knows from its statistics how few pages have them, where a
    subquery had it guess, and scan every page at 100,000 articles (40 ms against 1)."""
    models = [model for model in get_page_models() if not issubclass(model, ArticlePage)]
    return [content_type.pk for content_type in ContentType.objects.get_for_models(*models).values()]


def _article_ids():
    """``(first, last)`` article id (any status), from the primary key's index."""
    ids = ArticlePage.objects.aggregate(first=Min("pk"), last=Max("pk"))
    return ids["first"] or 0, ids["last"] or 0


def article_pages():
    first, last = _article_ids()
    return math.ceil((last - first + 1) / SECTION_SIZE) if last else 1


def articles(request, page):
    """The visible articles in the ``page``-th range of ``SECTION_SIZE`` ids."""
    first, last = _article_ids()
    if not 1 <= page <= (math.ceil((last - first + 1) / SECTION_SIZE) if last else 1):
        raise Http404
    start = first + (page - 1) * SECTION_SIZE
    rows = (
        ArticlePage.objects.visible()
        .filter(pk__gte=start, pk__lt=start + SECTION_SIZE)
        .order_by("pk")
        .values_list("url_path", "last_published_at")
    )
    return _page_urls(request, rows)


def _slugs():
    """``{(vocabulary key, topic id): slug}`` for every topic (a few hundred)."""
    return {
        (vocabulary.key, pk): slug
        for vocabulary in VOCABULARIES.values()
        for pk, slug in vocabulary.topics().values_list("pk", "slug")
    }


def _hub_path(vocabulary_key, slug):
    return reverse("taxonomy:hub", kwargs={"vocabulary": vocabulary_key, "slug": slug})


def topics(request, page):
    """Every hub with a visible article; lastmod is when its count last changed."""
    if page != 1:
        raise Http404
    slugs = _slugs()
    rows = TopicCount.objects.filter(articles__gt=0, vocabulary__in=list(VOCABULARIES)).values_list(
        "vocabulary", "topic_id", "changed_at"
    )
    hubs = sorted(
        ((key, slugs[key[0], key[1]], lastmod) for *key, lastmod in rows if (key[0], key[1]) in slugs),
        key=lambda hub: topic_order_key(hub[0][0], hub[1]),
    )
    root = site_root_url(request)
    return [(root + _hub_path(key[0], slug), lastmod) for key, slug, lastmod in hubs]


def _canonical_pairs():
    """Pair rows stored in both orders: keep one of each (vocabularies in their order, then ids),
    less a country with its own region (the country's articles again)."""
    order = list(VOCABULARIES)
    keep = Q()
    for n, first in enumerate(order):
        keep |= Q(vocabulary=first, other_vocabulary__in=order[n + 1 :])
        keep |= Q(vocabulary=first, other_vocabulary=first, topic_id__lt=F("other_id"))
    own_region = Exists(
        COUNTRIES.model.objects.filter(pk=OuterRef("topic_id"), region_id=OuterRef("other_id"))
    )
    country_in_region = Q(vocabulary=COUNTRIES.key, other_vocabulary=REGIONS.key) & own_region
    return TopicPairCount.objects.filter(keep, articles__gt=0).exclude(country_in_region)


def intersection_pages():
    """Sections of ``SECTION_SIZE`` for up to ``MAX_INTERSECTIONS``, without counting every pair
    (tens of thousands of rows at 100,000 articles). Each pair is stored in both orders, so there
    are half as many canonical pairs as rows, less at most one for each country with articles (a
    country paired with its own region is left out): whether there are more than ``n`` sections'
    worth is read from whether there are more than twice as many rows, give or take those, and
    asked of the canonical pairs themselves only when that leaves it open (a range the size of a
    section and the countries)."""
    rows = TopicPairCount.objects.filter(articles__gt=0).order_by()
    slack = TopicCount.objects.filter(vocabulary=COUNTRIES.key, articles__gt=0).count()
    pages = 1
    while pages * SECTION_SIZE < MAX_INTERSECTIONS:
        shown = pages * SECTION_SIZE  # another section if there are more canonical pairs than this
        if rows[2 * (shown + slack) :].exists():
            more = True
        elif not rows[2 * shown :].exists():
            more = False
        else:
            more = _canonical_pairs().order_by()[shown:].exists()
        if not more:
            break
        pages += 1
    return pages


def intersections(request, page):
    """Intersections sharing a visible article, most articles first, each once in its canonical
    order (``taxonomy.vocabularies.topic_order_key``); a region paired with one of its own
    countries is left out, as it shows the country's articles."""
    limit = min(page * SECTION_SIZE, MAX_INTERSECTIONS)
    start = (page - 1) * SECTION_SIZE
    if page < 1 or (page > 1 and start >= limit):
        raise Http404
    rows = _canonical_pairs().order_by("-articles", "vocabulary", "topic_id", "other_vocabulary", "other_id")
    rows = rows.values_list("vocabulary", "topic_id", "other_vocabulary", "other_id", "changed_at")[
        start:limit
    ]
    slugs = _slugs()
    root = site_root_url(request)
    hub_path = functools.lru_cache(maxsize=None)(_hub_path)
    index = reverse("taxonomy:index")
    urls = []
    for vocabulary, topic_id, other_vocabulary, other_id, lastmod in rows:
        first, second = (vocabulary, topic_id), (other_vocabulary, other_id)
        if first not in slugs or second not in slugs:
            continue
        (v1, s1), (v2, s2) = sorted(
            ((first[0], slugs[first]), (second[0], slugs[second])), key=lambda t: topic_order_key(*t)
        )
        # An intersection's address is its first topic's hub address and the second topic's
        # "<vocabulary>/<slug>/" (taxonomy.hubs.urls): reverse() once per hub, not per pair.
        urls.append((f"{root}{hub_path(v1, s1)}{hub_path(v2, s2)[len(index) :]}", lastmod))
    return urls


def authors(request, page):
    """Authors with a visible article."""
    if page != 1:
        raise Http404
    visible = ArticleAuthor.objects.filter(author=OuterRef("pk"), page__in=ArticlePage.objects.visible())
    root = site_root_url(request)
    slugs = Author.objects.filter(Exists(visible)).order_by("name", "pk").values_list("slug", flat=True)
    return [(root + reverse("author_detail", kwargs={"slug": slug}), None) for slug in slugs]


SECTIONS = {
    "pages": (pages, lambda: 1),
    "articles": (articles, article_pages),
    "topics": (topics, lambda: 1),
    "intersections": (intersections, intersection_pages),
    "authors": (authors, lambda: 1),
}


def _xml(body):
    response = HttpResponse(
        f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n', content_type="application/xml"
    )
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def _lastmod(value):
    return f"<lastmod>{value:%Y-%m-%d}</lastmod>" if value else ""


def sitemap_index(request):
    root = site_root_url(request)
    entries = []
    for section, (_, page_count) in SECTIONS.items():
        path = reverse("sitemap_section", kwargs={"section": section})
        entries += [
            f"{root}{path}?p={page}" if page > 1 else f"{root}{path}" for page in range(1, page_count() + 1)
        ]
    body = "".join(f"<sitemap><loc>{escape(loc)}</loc></sitemap>" for loc in entries)
    return _xml(f'<sitemapindex xmlns="{XMLNS}">{body}</sitemapindex>')


def sitemap_section(request, section):
    if section not in SECTIONS:
        raise Http404("No such sitemap section")
    try:
        page = int(request.GET.get("p", 1))
    except ValueError as exc:
        raise Http404("No such page") from exc
    urls = SECTIONS[section][0](request, page)
    body = "".join(f"<url><loc>{escape(loc)}</loc>{_lastmod(lastmod)}</url>" for loc, lastmod in urls)
    return _xml(f'<urlset xmlns="{XMLNS}">{body}</urlset>')
