import json

from django.core.management.base import BaseCommand, CommandError

from briefings.alerts.subscriptions import export


class Command(BaseCommand):
    help = "Print, as JSON, everything stored about an email address for alerts (a data request)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        data = export(email)
        if data is None:
            raise CommandError(f"Nothing is stored about {email}.")
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
