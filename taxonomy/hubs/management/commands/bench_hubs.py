import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from briefings.articles.models import ArticlePage
from taxonomy.hubs import benchmark


class Command(BaseCommand):
    help = (
        "Time the topic hubs on N synthetic tagged articles: median and p95 server time and "
        "queries per request, next to a trivial Django view. Uses a throwaway database unless --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--requests", type=int, default=50, help="requests per URL (at least 50)")
        parser.add_argument(
            "--yes", action="store_true", help="add the synthetic articles to the current database instead"
        )

    def handle(self, *args, articles, requests, yes, **options):
        if requests < 50:
            raise CommandError("--requests must be at least 50 for a meaningful p95.")
        creation, old_name = None, None
        if not yes:
            creation = connection.creation
            old_name = connection.settings_dict["NAME"]
            self.stdout.write("Creating a throwaway database…")
            creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            started = time.perf_counter()
            benchmark.fill(articles)
            self.stdout.write(
                f"Filled {articles} synthetic articles in {time.perf_counter() - started:.0f} s "
                f"({ArticlePage.objects.visible().count()} live articles, {connection.vendor})."
            )
            results = benchmark.run(requests)
        finally:
            if creation is not None:
                creation.destroy_test_db(old_name, verbosity=0)
        self.stdout.write(f"\n{'URL':<55} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for row in results:
            self.stdout.write(
                f"{row['url']:<55} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f} {row['queries']:>8}"
            )
