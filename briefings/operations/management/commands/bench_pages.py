import json

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from briefings.articles.models import ArticlePage
from briefings.operations import benchmark, synthetic


class Command(BaseCommand):
    help = (
        "Time every reader page type, cold (page cache off) and cached, median and p95 with query "
        "counts, beside a trivial view. Uses the current database if it has N live articles, "
        "else fills a throwaway one with N synthetic articles (--yes: top up the current one)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument(
            "--requests", type=int, default=30, help="timed requests per page and mode (20 or more for a p95)"
        )
        parser.add_argument(
            "--only", default="", help=f"comma-separated page names, of: {' '.join(benchmark.PAGE_NAMES)}"
        )
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument(
            "--yes", action="store_true", help="add the synthetic articles to the current database instead"
        )
        parser.add_argument(
            "--keepdb", action="store_true", help="keep the throwaway database, and reuse it next time"
        )

    def handle(self, *args, articles, requests, only, format, yes, keepdb, **options):
        only = {name.strip() for name in only.split(",") if name.strip()}
        if requests < 1 or only - set(benchmark.PAGE_NAMES):
            raise CommandError(
                f"--requests must be at least 1; --only takes names among {', '.join(benchmark.PAGE_NAMES)}."
            )
        log = self.stderr if format == "json" else self.stdout
        creation, old_name = None, None
        if not yes and ArticlePage.objects.visible().count() < articles:
            creation, old_name = connection.creation, connection.settings_dict["NAME"]
            log.write(
                "Creating a throwaway database…" if not keepdb else "Using the kept benchmark database…"
            )
            creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=keepdb)
        try:
            wanted = max(0, articles - ArticlePage.objects.visible().count())
            if wanted:
                report = synthetic.fill(wanted)
                log.write(f"Filled {report.created:,} synthetic articles in {report.seconds:.0f} s.")

            def progress(page):
                log.write(
                    f"  {page.name}: cold {page.cold.median_ms:.1f} ms, cached {page.cached.median_ms:.1f} ms"
                )

            result = benchmark.run(requests, only=only, progress=progress if format == "table" else None)
        finally:
            if creation is not None and not keepdb:
                creation.destroy_test_db(old_name, verbosity=0)
        if format == "json":
            self.stdout.write(json.dumps(result.as_dict(), indent=2))
        else:
            self.stdout.write("\n" + benchmark.format_table(result))
