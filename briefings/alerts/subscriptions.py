"""What readers do with their alerts: subscribe (double opt-in), confirm, change, unsubscribe,
delete everything, and the export of what is stored about an address.

Every answer to a subscribe request is the same whether the address is new, pending or already
following the thing (no leak of who subscribes); at most one confirmation email goes to an address
in ``CONFIRMATION_INTERVAL``.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import follow
from .models import Frequency, Subscriber, Subscription

CONFIRMATION_INTERVAL = timedelta(hours=1)


def normalise_email(email):
    """Addresses compare case-insensitively (as every mail provider here treats them)."""
    return email.strip().lower()


@transaction.atomic
def subscribe(email, target, frequency, send_confirmation):
    """Record that ``email`` asks to follow ``target`` (a key) at ``frequency``, unconfirmed;
    calls ``send_confirmation(subscriber_id)`` once the transaction commits, unless the address
    had a confirmation email within the hour or already follows ``target``."""
    now = timezone.now()
    subscriber, _ = Subscriber.objects.get_or_create(email=normalise_email(email))
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber, target=target, defaults={"frequency": frequency, "created_at": now}
    )
    if subscription.confirmed_at is not None:
        return
    if not created:
        subscription.frequency, subscription.created_at = frequency, now
        subscription.save(update_fields=["frequency", "created_at"])
    if subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < CONFIRMATION_INTERVAL:
        return
    subscriber.confirmation_sent_at = now
    subscriber.save(update_fields=["confirmation_sent_at"])
    transaction.on_commit(lambda: send_confirmation(subscriber.pk))


def subscriber_by_key(key):
    return Subscriber.objects.filter(key=key).first() if key else None


def described(subscriptions):
    """``[(subscription, Target)]`` for the subscriptions whose target still exists."""
    subscriptions = list(subscriptions)
    targets = follow.describe(s.target for s in subscriptions)
    return [(s, targets[s.target]) for s in subscriptions if s.target in targets]


@transaction.atomic
def confirm(subscriber):
    """Confirm every pending subscription of ``subscriber``; returns how many."""
    return subscriber.subscriptions.pending().update(confirmed_at=timezone.now())


@transaction.atomic
def unsubscribe(subscriber, subscription_ids=None):
    """End ``subscription_ids`` of ``subscriber`` (all of them when None); returns how many."""
    subscriptions = subscriber.subscriptions.all()
    if subscription_ids is not None:
        subscriptions = subscriptions.filter(pk__in=subscription_ids)
    deleted, _ = subscriptions.delete()
    return deleted


@transaction.atomic
def update(subscriber, frequencies, removed):
    """From the manage page: ``frequencies`` ``{subscription id: frequency}``, ``removed`` ids."""
    if removed:
        subscriber.subscriptions.filter(pk__in=removed).delete()
    for value in Frequency.values:
        ids = [pk for pk, frequency in frequencies.items() if frequency == value and pk not in removed]
        if ids:
            subscriber.subscriptions.filter(pk__in=ids).exclude(frequency=value).update(frequency=value)


@transaction.atomic
def delete_everything(subscriber):
    """The address, what it follows and the record of what was sent to it."""
    subscriber.delete()


def prune_unconfirmed(now=None):
    """Forget requests never confirmed once their link has expired, and addresses that follow nothing."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ALERTS_CONFIRM_DAYS)
    Subscription.objects.pending().filter(created_at__lt=cutoff).delete()
    deleted, _ = Subscriber.objects.idle_since(cutoff).delete()
    return deleted


def export(email):
    """Everything stored about ``email``, as JSON-ready data (None when nothing is)."""
    subscriber = Subscriber.objects.filter(email=normalise_email(email)).first()
    if subscriber is None:
        return None
    subscriptions = list(subscriber.subscriptions.all())
    targets = follow.describe(s.target for s in subscriptions)
    return {
        "email": subscriber.email,
        "created_at": subscriber.created_at.isoformat(),
        "confirmation_sent_at": (
            subscriber.confirmation_sent_at.isoformat() if subscriber.confirmation_sent_at else None
        ),
        "subscriptions": [
            {
                "follows": targets[s.target].label if s.target in targets else None,
                "kind": follow.kind_of(s.target),
                "key": s.target,
                "frequency": s.frequency,
                "created_at": s.created_at.isoformat(),
                "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
            }
            for s in subscriptions
        ],
        "emails_sent": [
            {
                "article": d.article.title,
                "url": d.article.full_url,
                "kind": d.kind,
                "status": d.status,
                "sent_at": d.sent_at.isoformat() if d.sent_at else None,
            }
            for d in subscriber.deliveries.select_related("article").order_by("claimed_at", "pk")
        ],
    }
