from django.core.management.base import BaseCommand
from django.utils import timezone

from briefings.alerts.subscriptions import prune_unconfirmed
from briefings.alerts.tasks import queue_digests


class Command(BaseCommand):
    help = (
        "Queue the weekly digests: to each address with a weekly subscription, the articles first "
        "published in the last seven days that it follows and has not had (sent by the alerts "
        "worker). Also forgets unconfirmed requests whose link has expired. Run it once a week."
    )

    def handle(self, *args, **options):
        batches = queue_digests(timezone.now())
        pruned = prune_unconfirmed()
        self.stdout.write(
            f"Queued {batches} digest batch{'es' if batches != 1 else ''}; forgot {pruned} idle address{'es' if pruned != 1 else ''}."
        )
