from django.core.management.base import BaseCommand
from django.db import transaction

from taxonomy.models import Country, Initiative, Region, Sector
from taxonomy.seed import seed_vocabularies


class Command(BaseCommand):
    help = "Add missing countries, regions, initiatives and sectors; fill blank aliases and keywords."

    def handle(self, *args, **options):
        with transaction.atomic():
            seed_vocabularies(Region, Country, Initiative, Sector)
        self.stdout.write(
            f"{Country.objects.count()} countries in {Region.objects.count()} regions, "
            f"{Initiative.objects.count()} initiatives, {Sector.objects.count()} sectors."
        )
