import time

from django.core.management.base import BaseCommand

from briefings.articles import stats_updates


class Command(BaseCommand):
    help = (
        "Recount the topic statistics (per-topic, pair and monthly counts of the articles readers "
        "see) from scratch. They are kept up to date as articles change; run this after writing "
        "articles or topic links around the ORM (bulk inserts, SQL)."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        articles = stats_updates.rebuild()
        self.stdout.write(f"Recounted {articles} articles in {time.perf_counter() - started:.1f} s.")
