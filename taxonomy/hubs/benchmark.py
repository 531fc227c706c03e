"""Benchmark of the topic hubs: fill a database with synthetic tagged articles, then time
``/topics/``, a country hub, an intersection hub and a feed against a trivial Django view."""

import datetime
import random
import statistics
import time

from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import include, path
from django.utils import timezone

from briefings.articles import stats_updates
from briefings.articles.models import ArticleCountry, ArticleInitiative, ArticlePage, ArticleSector
from briefings.articles.setup import ensure_site_tree
from taxonomy.models import Country, Initiative, Sector

# Countries weighted like the real coverage: China on nearly everything, a long tail after it.
FOCUS_COUNTRIES = ["KZ", "PK", "UZ", "KG", "TJ", "TM", "LA", "ID", "EG", "SA", "ET", "KE", "RU", "IR"]


def trivial_view(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-trivial/", trivial_view), path("", include("briefings.urls"))]


def fill(articles, seed=1):
    """Add ``articles`` synthetic live articles with realistic tag mixes; returns the count made."""
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not security
    _, index = ensure_site_tree()
    china = Country.objects.get(alpha2="CN")
    focus = list(Country.objects.filter(alpha2__in=FOCUS_COUNTRIES))
    tail = list(Country.objects.exclude(alpha2__in=[*FOCUS_COUNTRIES, "CN"]))
    initiatives = list(Initiative.objects.all())
    sectors = list(Sector.objects.all())
    start = datetime.date(2015, 1, 1)
    now = timezone.now()
    links = {ArticleCountry: [], ArticleInitiative: [], ArticleSector: []}
    for n in range(articles):
        day = start + datetime.timedelta(days=rng.randrange(3900))
        page = ArticlePage(
            title=f"Synthetic analysis {n}",
            slug=f"synthetic-analysis-{n}",
            kind="analysis",
            date=day,
            body=[("paragraph", f"<p>Synthetic body {n}.</p>")],
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        index.add_child(instance=page)
        countries = {rng.choice(focus)} | ({china} if rng.random() < 0.9 else set())
        if rng.random() < 0.3:
            countries.add(rng.choice(tail))
        links[ArticleCountry] += [ArticleCountry(content_object_id=page.pk, tag=c) for c in countries]
        chosen = rng.sample(initiatives, rng.choice([0, 1, 1, 1, 2]))
        links[ArticleInitiative] += [ArticleInitiative(content_object_id=page.pk, tag=i) for i in chosen]
        chosen = rng.sample(sectors, rng.choice([1, 2, 2, 3]))
        links[ArticleSector] += [ArticleSector(content_object_id=page.pk, tag=s) for s in chosen]
        if n % 500 == 499:
            for model, rows in links.items():
                model.objects.bulk_create(rows)
                rows.clear()
    for model, rows in links.items():
        model.objects.bulk_create(rows)
    stats_updates.rebuild()  # the links were inserted around the articles' saves
    return articles


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
    return {
        "url": url,
        "median_ms": statistics.median(times),
        "p95_ms": times[max(0, int(round(0.95 * len(times))) - 1)],
        "queries": max(queries),
    }


def busiest_pair():
    """The most-used focus country and initiative, so the hubs measured are the heavy ones."""
    country = max(Country.objects.filter(alpha2__in=FOCUS_COUNTRIES), key=lambda c: c.tagged_items.count())
    initiative = max(Initiative.objects.all(), key=lambda i: i.tagged_items.count())
    return country, initiative


def run(requests=50):
    country, initiative = busiest_pair()
    urls = [
        "/bench-trivial/",
        "/topics/",
        f"/topics/countries/{country.slug}/",
        f"/topics/countries/{country.slug}/initiatives/{initiative.slug}/",
        f"/topics/countries/{country.slug}/feed/",
    ]
    client = Client()
    with override_settings(ROOT_URLCONF=__name__, DEBUG=False):
        for url in urls:  # warm caches and connections once
            client.get(url)
        return [measure(client, url, requests) for url in urls]
