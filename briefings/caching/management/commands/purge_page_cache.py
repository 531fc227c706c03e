from django.core.management.base import BaseCommand

from briefings.caching.invalidation import forget_everything


class Command(BaseCommand):
    help = (
        "Empty the reader page cache in every process (a new generation) and purge the CDN, if one is "
        "configured. Run it after deploying new templates or code; content changes need nothing."
    )

    def handle(self, *args, **options):
        forget_everything()
        self.stdout.write("The page cache was emptied.")
