"""Reports › Email alerts: how many confirmed addresses follow each topic, intersection, author and
the whole site (one grouped query, then one per vocabulary to name them)."""

from dataclasses import dataclass

from django.db.models import Count, Q

from . import follow
from .models import Frequency, Subscriber, Subscription

SECTIONS = (
    ("site", "Whole site"),
    ("topic", "Topics"),
    ("intersection", "Intersections"),
    ("author", "Authors"),
)


@dataclass
class Row:
    target: follow.Target
    immediate: int
    weekly: int
    pending: int

    @property
    def confirmed(self):
        return self.immediate + self.weekly


def subscriber_counts():
    """``[(section title, [Row, …])]``, most followed first, and the number of confirmed addresses."""
    counts = Subscription.objects.values("target").annotate(
        immediate=Count("pk", filter=Q(confirmed_at__isnull=False, frequency=Frequency.IMMEDIATE)),
        weekly=Count("pk", filter=Q(confirmed_at__isnull=False, frequency=Frequency.WEEKLY)),
        pending=Count("pk", filter=Q(confirmed_at__isnull=True)),
    )
    counts = list(counts.order_by())
    targets = follow.describe(row["target"] for row in counts)
    rows = {kind: [] for kind, _ in SECTIONS}
    for row in counts:
        target = targets.get(row["target"])
        if target is not None:
            rows[target.kind].append(Row(target, row["immediate"], row["weekly"], row["pending"]))
    for items in rows.values():
        items.sort(key=lambda r: (-r.confirmed, -r.pending, r.target.label))
    addresses = Subscriber.objects.filter(subscriptions__confirmed_at__isnull=False).distinct().count()
    return [(title, rows[kind]) for kind, title in SECTIONS], addresses
