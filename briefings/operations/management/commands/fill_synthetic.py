from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from briefings.articles.models import ArticlePage
from briefings.operations import synthetic


class Command(BaseCommand):
    help = (
        "Append N synthetic live articles (realistic topics, authors, dates and ~600-word bodies, in "
        "the search index), written in bulk: for benchmarks and load tests, never on a real site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="how many to add")
        parser.add_argument(
            "--top-up",
            action="store_true",
            help="add only what the site lacks to have N live articles (none if it has them)",
        )
        parser.add_argument("--batch-size", type=int, default=synthetic.BATCH_SIZE)
        parser.add_argument("--seed", type=int, default=None, help="default: the number already made")

    def handle(self, *args, articles, top_up, batch_size, seed, **options):
        if articles < 0 or batch_size < 1:
            raise CommandError("--articles must be 0 or more and --batch-size at least 1.")
        live = ArticlePage.objects.visible().count()
        wanted = max(0, articles - live) if top_up else articles
        existing = synthetic.synthetic_count()
        if not wanted:
            self.stdout.write(f"The site already has {live:,} live articles: nothing to add.")
            return
        self.stdout.write(
            f"Adding {wanted:,} synthetic articles to {live:,} live ones"
            + (
                f" ({existing:,} synthetic already: numbering goes on from {existing + 1:,})."
                if existing
                else "."
            )
        )
        step = max(1, wanted // batch_size // 20) * batch_size  # about twenty progress lines

        def progress(done, total, seconds):
            if done % step == 0 or done == total:
                self.stdout.write(f"  {done:>9,} / {total:,}   {done / seconds:,.0f} articles/s")

        report = synthetic.fill(wanted, seed=seed, batch_size=batch_size, progress=progress)
        if connection.vendor == "postgresql":
            # The planner's statistics still describe the tables before the bulk inserts: without
            # fresh ones, the first pages read (or a load test's) get plans ten times slower. VACUUM
            # also marks the new rows visible, so that reading an index alone (the newest dates a
            # search's window starts from) need not visit the table, as after autovacuum.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE" if connection.get_autocommit() else "ANALYZE")
        self.stdout.write(
            f"Added {report.created:,} articles in {report.seconds:.1f} s ({report.rate:,.0f} articles/s); "
            f"{ArticlePage.objects.visible().count():,} live articles now."
            + (" Topic statistics rebuilt." if report.stats_rebuilt else "")
        )
