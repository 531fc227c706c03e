"""Cold reader pages on a kept database of synthetic articles: median and p95 server time and
queries for ``/topics/``, the subject country's hub (China, on ~90 % of articles), another country
hub, the busiest intersection, an article page and the sitemap, beside a trivial view.

The database is kept between runs (fill once, measure before and after a change), and filled up to
``--articles`` with ``taxonomy.hubs.benchmark.fill``; nothing is cached anywhere::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_10k \\
        .venv/bin/python benchmarks/bench_reader_pages.py --articles 10000

``BENCH_ROOT`` runs another checkout's code (e.g. the commit before a change) with this script.
"""

import argparse
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(os.environ.get("BENCH_ROOT") or Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefings.settings.dev")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from briefings.articles.models import ArticlePage
    from taxonomy.hubs import benchmark
    from taxonomy.models import Country

    call_command("migrate", verbosity=0, interactive=False)
    have = ArticlePage.objects.count()
    if have < args.articles:
        print(f"Filling {args.articles - have} articles…", flush=True)
        benchmark.fill(args.articles - have, seed=have + 1)
        if (ROOT / "briefings" / "articles" / "stats.py").exists():
            call_command("rebuild_topic_stats")
    if connection.vendor == "postgresql":  # plans from fresh table statistics, as autovacuum keeps them
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    country, initiative = benchmark.busiest_pair()
    subject = Country.objects.get(alpha2=getattr(settings, "SUBJECT_COUNTRY", "CN"))
    article = ArticlePage.objects.live().order_by("date", "pk")[ArticlePage.objects.live().count() // 2]
    urls = [
        "/bench-trivial/",
        "/topics/",
        subject.hub_url(),
        country.hub_url(),
        f"/topics/countries/{subject.slug}/countries/{country.slug}/",
        f"/topics/countries/{country.slug}/initiatives/{initiative.slug}/",
        article.url,
        "/",
        "/sitemap.xml",
    ]
    client = Client()
    with override_settings(ROOT_URLCONF=benchmark.__name__, DEBUG=False):
        index = client.get("/sitemap.xml").content.decode()
        if "<sitemapindex" in index:  # the first section of each kind
            sections = {}
            for loc in re.findall(r"<loc>([^<]+)</loc>", index):
                parts = urlsplit(loc)
                sections.setdefault(parts.path, f"{parts.path}?{parts.query}" if parts.query else parts.path)
            urls += list(sections.values())
        for url in urls:
            client.get(url)
        results = [benchmark.measure(client, url, args.requests) for url in urls]
    print(f"{ArticlePage.objects.live().count()} live articles\n")
    print(f"{'URL':<70} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for row in results:
        print(f"{row['url'][:70]:<70} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f} {row['queries']:>8}")


if __name__ == "__main__":
    main()
