"""The site's side of the load test: the addresses readers request (from the database) and the
editor that publishes, edits and unpublishes the watched article while they read."""

import datetime
import random
import time
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from briefings.articles.models import ArticlePage, BriefingIndexPage
from briefings.editorial.setup import ensure_site
from briefings.search.filters import param_name
from taxonomy import names
from taxonomy.hubs.queries import canonical_intersection_url
from taxonomy.models import Country, Sector
from taxonomy.vocabularies import get_vocabulary

from .benchmark import busiest
from .loadtest import MARKER_RE, Change, Mix, watched_title

WATCHED_SLUG = "load-test-article"
SEARCHES = (
    "energy",
    "pipeline",
    "railway",
    "security cooperation",
    "debt",
    "solar",
    "water",
    "trade deficit",
)


def watched_article():
    """The article the editor changes (created unpublished the first time), and its hub."""
    _, index = ensure_site()
    china = Country.objects.get(alpha2=settings.SUBJECT_COUNTRY)
    partner = busiest(names.COUNTRIES, exclude={china.pk})
    article = ArticlePage.objects.filter(slug=WATCHED_SLUG).first()
    if article is None:
        with transaction.atomic():
            index = BriefingIndexPage.objects.select_for_update().get(pk=index.pk)
            article = index.add_child(
                instance=ArticlePage(
                    title=watched_title(0),
                    slug=WATCHED_SLUG,
                    kind="analysis",
                    body=[("paragraph", "<p>An article the load test publishes, edits and unpublishes.</p>")],
                    live=False,
                )
            )
    # Its topics live in its draft (the latest revision), which every edit starts from, as an
    # editor's does: an unpublished page has no topic rows of its own until it is published.
    draft = article.get_latest_revision_as_object()
    sector = Sector.objects.order_by("pk").first()
    if {c.pk for c in draft.countries.all()} != {china.pk, partner.pk} or [
        s.pk for s in draft.sectors.all()
    ] != [sector.pk]:
        draft.countries.set([china, partner])
        draft.sectors.set([sector])
        draft.save_revision()
    return article, partner.hub_url()


def current_version(article):
    found = MARKER_RE.findall(article.title)
    return int(found[-1]) if found else 0


def edit(article, version, publish=True):
    """A new revision titled with ``version``, dated tomorrow (so it leads every listing), published."""
    article = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    article.title = watched_title(version)
    article.date = timezone.now().date() + datetime.timedelta(days=1)
    revision = article.save_revision()
    if publish:
        revision.publish()
    return article


def run_editor(log, seconds, interval):
    """Publish, edit and unpublish the watched article in turn every ``interval`` seconds for
    ``seconds``, writing each change to ``log`` (a file) once it has committed."""
    article, _ = watched_article()
    version = current_version(article)
    article = ArticlePage.objects.get(pk=article.pk)
    if article.live:
        article.unpublish()

    def committed(new_version, began):
        log.write(Change(time.time(), new_version, began).to_json() + "\n")
        log.flush()

    committed(None, time.time())
    deadline = time.time() + seconds
    step = 0
    while time.time() + interval < deadline:
        time.sleep(interval)
        began = time.time()
        if step % 3 == 2:
            ArticlePage.objects.get(pk=article.pk).unpublish()
            committed(None, began)
        else:  # publish a new version: the first time after an unpublish, then an edit of it
            version += 1
            edit(article, version)
            committed(version, began)
        step += 1
    began = time.time()
    ArticlePage.objects.get(pk=article.pk).unpublish()
    committed(None, began)


def reader_mix(rng=None):
    """A realistic mix: articles most, then home, hubs, listings, search with facets and feeds; and
    the watched article, its hub and the home page for the stale check."""
    rng = rng or random.Random(0)  # noqa: S311 - a traffic mix, not security
    article, watched_hub = watched_article()
    visible = ArticlePage.objects.visible().exclude(pk=article.pk)
    ids = list(visible.values_list("pk", flat=True))
    articles = [page.url for page in visible.filter(pk__in=rng.sample(ids, min(300, len(ids)))).specific()]
    countries, initiatives, sectors = (get_vocabulary(key) for key in names.TAG_KEYS)
    china = Country.objects.get(alpha2=settings.SUBJECT_COUNTRY)
    top_countries = list(ArticlePage.objects.visible().top_topics(countries, 20))
    others = [c for c in top_countries if c.pk != china.pk]
    top_initiatives = list(ArticlePage.objects.visible().top_topics(initiatives, 4))
    top_sectors = list(ArticlePage.objects.visible().top_topics(sectors, 12))
    hubs = [t.hub_url() for t in others + top_initiatives + top_sectors]
    hubs += [c.region.hub_url() for c in others if c.region]
    intersections = [
        canonical_intersection_url((countries, c), (initiatives, i))
        for c in [china, *others[:7]]
        for i in top_initiatives
    ] + [
        canonical_intersection_url((countries, c), (sectors, s))
        for c in [china, *others[:5]]
        for s in top_sectors[:6]
    ]
    country_param = param_name(countries)
    searches = [f"/search/?{urlencode({'q': q})}" for q in SEARCHES] + [
        f"/search/?{urlencode({'q': q, country_param: c.slug})}" for q in SEARCHES[:4] for c in others[:4]
    ]
    feeds = ["/feed/", f"{china.hub_url()}feed/"] + [f"{c.hub_url()}feed/" for c in others[:5]]
    kinds = {
        "article": (34, articles),
        "home": (10, ["/"]),
        "index": (8, ["/briefings/", "/briefings/?page=2", "/briefings/?page=3"]),
        "China hub": (8, [china.hub_url()]),
        "hub": (12, hubs),
        "intersection": (7, intersections),
        "search": (8, searches),
        "feed": (5, feeds),
        "watched": (8, [article.url or f"/briefings/{WATCHED_SLUG}/", watched_hub, "/"]),
    }
    return Mix(kinds=kinds, watched=kinds["watched"][1])
