"""Email alerts: who follows what, and what has been sent to whom.

Stored about a reader: the address, what it follows and when (subscribed, confirmed, emailed).
``Delivery`` is the sent-log that makes sending idempotent: one row per (address, article, kind),
claimed before the email goes out, so a retried task or a second worker never sends it twice.
"""

import uuid

from django.db import models
from django.utils import timezone


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "As published"
    WEEKLY = "weekly", "Weekly digest"


class SubscriberQuerySet(models.QuerySet):
    def idle_since(self, cutoff):
        """Addresses following nothing, with no confirmation email since ``cutoff``."""
        return self.filter(created_at__lt=cutoff, subscriptions__isnull=True).exclude(
            confirmation_sent_at__gte=cutoff
        )


class Subscriber(models.Model):
    """An email address. ``key`` is in every signed link sent to it: deleting the address (and
    subscribing again) makes every earlier link useless."""

    email = models.EmailField(max_length=254, unique=True)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    # When the last confirmation email went out: at most one an hour (no flooding a stranger).
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)

    def matching(self, keys):
        """Subscriptions to any of ``keys`` (``follow.article_keys``: what an article matches)."""
        return self.filter(target__in=list(keys))

    def immediate(self):
        return self.filter(frequency=Frequency.IMMEDIATE)

    def weekly(self):
        return self.filter(frequency=Frequency.WEEKLY)


class Subscription(models.Model):
    """One thing an address follows. ``target`` is a key (``briefings.alerts.follow``): "site",
    "author:12", "countries:45", or an intersection "countries:45|initiatives:2"."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    target = models.CharField(max_length=100)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "target"], name="unique_alert_subscription")
        ]
        indexes = [models.Index(fields=["target", "frequency"], name="alert_target_idx")]

    def __str__(self):
        return f"{self.subscriber} follows {self.target}"


class Announcement(models.Model):
    """An article whose alerts went out: it is announced once, at its first publication (a later
    edit, a merge of its topics or a re-publication sends nothing). Digests gather the week's."""

    article = models.OneToOneField(
        "briefings.ArticlePage", on_delete=models.CASCADE, related_name="alert_announcement"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"Announced {self.article_id} at {self.created_at:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """The sent-log: one row per address, article and kind of email, claimed before sending."""

    class Kind(models.TextChoices):
        ALERT = "alert", "Alert"
        DIGEST = "digest", "Weekly digest"

    class Status(models.TextChoices):
        CLAIMED = "claimed", "Being sent"
        SENT = "sent", "Sent"
        REFUSED = "refused", "Refused by the mail server"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    article = models.ForeignKey("briefings.ArticlePage", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CLAIMED)
    # Which run claimed the row: rows it inserted carry its id, rows another run holds do not.
    claim = models.UUIDField()
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "article", "kind"], name="unique_alert_delivery")
        ]
        indexes = [models.Index(fields=["claim"], name="alert_delivery_claim_idx")]

    def __str__(self):
        return f"{self.kind} of {self.article_id} to {self.subscriber_id}: {self.status}"
