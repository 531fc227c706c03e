from django.core.management.base import BaseCommand

from briefings.operations.loadtest_site import run_editor


class Command(BaseCommand):
    help = (
        "The load test's editor: publishes, edits and unpublishes the watched article every few "
        "seconds, writing one JSON line per committed change to LOG."
    )

    def add_arguments(self, parser):
        parser.add_argument("log", help="file to append the changes to")
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument("--interval", type=float, default=3)

    def handle(self, *args, log, seconds, interval, **options):
        with open(log, "a", encoding="utf-8") as out:
            run_editor(out, seconds, interval)
