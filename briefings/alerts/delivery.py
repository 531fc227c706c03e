"""Sending, outside the request (``tasks`` runs these in the worker).

- ``announce(article_id)``: at an article's first publication, split the confirmed "as published"
  followers it matches into batches (ids, read with a server-side cursor) for ``send_alerts``.
- ``send_alerts(article_id, subscriber_ids)``: re-checks that the article is visible and who still
  follows something it matches, *claims* a sent-log row per address (unique per address, article
  and kind: a retry or a second worker finds it taken), sends one email per address over one SMTP
  connection, then marks the batch sent. On a connection failure the unsent claims are released and
  ``SendFailed`` names them, for a retry.
- ``digest_batches`` / ``send_digests``: the same for a week's articles, one email per address.

Queries per batch are fixed, whatever the batch size; memory holds one batch.
"""

import smtplib
import uuid
from collections import defaultdict
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from briefings.articles.models import ArticlePage

from . import emails, follow, links
from .models import Announcement, Delivery, Subscriber, Subscription

DIGEST_DAYS = 7


def batched(iterable, size):
    """Lists of ``size`` items (the last may be shorter); itertools.batched is Python 3.12+."""
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


class SendFailed(Exception):
    """The mail server could not be reached or dropped the connection: ``unsent`` ids to retry."""

    def __init__(self, unsent, error):
        super().__init__(f"{len(unsent)} not sent: {error}")
        self.unsent = unsent


def visible_article(article_id):
    """The article if a reader may see it now (live, public, on schedule), with what emails show."""
    return ArticlePage.objects.visible().filter(pk=article_id).with_authors().with_topics().first()


def article_is_announced(article_id):
    return Announcement.objects.filter(article_id=article_id).exists()


def announce(article_id, enqueue_batch):
    """Announce ``article_id`` once: returns the number of batches handed to ``enqueue_batch``
    (``enqueue_batch(article_id, subscriber_ids)``), or None when it is not to be announced (not
    visible, "don't email subscribers" ticked, or announced already)."""
    article = visible_article(article_id)
    if article is None or article.skip_alerts:
        return None
    keys = follow.article_keys(article)
    with transaction.atomic():
        _, created = Announcement.objects.get_or_create(article=article)
        if not created:
            return None
        followers = (
            Subscription.objects.confirmed().immediate().matching(keys).order_by().values("subscriber_id")
        )
        ids = Subscriber.objects.filter(pk__in=followers).order_by("pk").values_list("pk", flat=True)
        batches = 0
        for batch in batched(ids.iterator(chunk_size=settings.ALERTS_BATCH_SIZE), settings.ALERTS_BATCH_SIZE):
            enqueue_batch(article_id, batch)
            batches += 1
    return batches


def _claim(pairs, kind):
    """Claim ``(subscriber_id, article_id)`` pairs in the sent-log; returns the claim id. Pairs
    already in the log (sent, or being sent by another run) are left to it."""
    claim = uuid.uuid4()
    now = timezone.now()
    Delivery.objects.bulk_create(
        [Delivery(subscriber_id=s, article_id=a, kind=kind, claim=claim, claimed_at=now) for s, a in pairs],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return claim


def _send_each(messages):
    """Send ``[(subscriber_id, message)]`` over one connection. Returns ``(sent ids, refused ids)``;
    raises ``SendFailed`` with the ids not sent when the server fails."""
    sent, refused = [], []
    connection = get_connection()
    try:
        connection.open()
        for subscriber_id, message in messages:
            try:
                connection.send_messages([message])
            except smtplib.SMTPRecipientsRefused:
                refused.append(subscriber_id)
            else:
                sent.append(subscriber_id)
    except (smtplib.SMTPException, OSError) as error:
        done = set(sent) | set(refused)
        raise SendFailed([s for s, _ in messages if s not in done], error) from error
    finally:
        connection.close()
    return sent, refused


def _settle(claim, sent, refused, subscriber_ids):
    """Mark this run's claims sent or refused; release the rest (never sent: a retry may claim them)."""
    now = timezone.now()
    mine = Delivery.objects.filter(claim=claim)
    if sent:
        mine.filter(subscriber_id__in=sent).update(status=Delivery.Status.SENT, sent_at=now)
    if refused:
        mine.filter(subscriber_id__in=refused).update(status=Delivery.Status.REFUSED)
    unsent = set(subscriber_ids) - set(sent) - set(refused)
    if unsent:
        mine.filter(subscriber_id__in=unsent, status=Delivery.Status.CLAIMED).delete()


def _deliver(claim, messages):
    sent, refused = [], []
    try:
        sent, refused = _send_each(messages)
    except SendFailed as failed:
        sent = [s for s, _ in messages if s not in set(failed.unsent)]
        _settle(claim, sent, [], [s for s, _ in messages])
        raise
    _settle(claim, sent, refused, [s for s, _ in messages])
    return len(sent)


def send_alerts(article_id, subscriber_ids):
    """Send ``article_id`` to those of ``subscriber_ids`` who still follow something it matches and
    have not had it; returns the number sent."""
    article = visible_article(article_id)
    if article is None or article.skip_alerts:
        return 0
    keys = follow.article_keys(article)
    matched = defaultdict(list)
    rows = (
        Subscription.objects.confirmed()
        .immediate()
        .matching(keys)
        .filter(subscriber_id__in=subscriber_ids)
        .values_list("subscriber_id", "pk", "target")
    )
    for subscriber_id, pk, target in rows:
        matched[subscriber_id].append((pk, target))
    if not matched:
        return 0
    claim = _claim([(s, article_id) for s in matched], Delivery.Kind.ALERT)
    mine = Subscriber.objects.filter(deliveries__claim=claim).order_by("pk")
    targets = follow.describe(keys & {t for subs in matched.values() for _, t in subs})
    summary = emails.summarize(article)
    root = links.site_root()
    messages = [
        (
            subscriber.pk,
            emails.alert(
                subscriber,
                summary,
                [(pk, targets[t]) for pk, t in matched[subscriber.pk] if t in targets],
                root,
            ),
        )
        for subscriber in mine
    ]
    return _deliver(claim, messages)


# Weekly digests ----------------------------------------------------------------------------------


def week_articles(until):
    """The articles announced in the week before ``until`` that readers may still see, oldest first."""
    since = until - timedelta(days=DIGEST_DAYS)
    announced = Announcement.objects.filter(created_at__gte=since, created_at__lt=until).values("article_id")
    return list(
        ArticlePage.objects.visible()
        .filter(pk__in=announced)
        .with_authors()
        .with_topics()
        .order_by("alert_announcement__created_at", "pk")
    )


def digest_batches(until, enqueue_batch):
    """Hand the addresses with a confirmed weekly subscription, in batches, to
    ``enqueue_batch(subscriber_ids, until)``; returns the number of batches (0 in a week with
    nothing new)."""
    if not week_articles(until):
        return 0
    weekly = Subscription.objects.confirmed().weekly().order_by().values("subscriber_id")
    ids = Subscriber.objects.filter(pk__in=weekly).order_by("pk").values_list("pk", flat=True)
    batches = 0
    with transaction.atomic():
        for batch in batched(ids.iterator(chunk_size=settings.ALERTS_BATCH_SIZE), settings.ALERTS_BATCH_SIZE):
            enqueue_batch(batch, until)
            batches += 1
    return batches


def send_digests(subscriber_ids, until):
    """One email per address with the week's articles it follows and has not had (as an alert or
    in a digest); returns the number sent."""
    articles = week_articles(until)
    keys = {article.pk: follow.article_keys(article) for article in articles}
    all_keys = set().union(*keys.values()) if keys else set()
    follows = defaultdict(list)
    rows = (
        Subscription.objects.confirmed()
        .weekly()
        .matching(all_keys)
        .filter(subscriber_id__in=subscriber_ids)
        .values_list("subscriber_id", "pk", "target")
    )
    for subscriber_id, pk, target in rows:
        follows[subscriber_id].append((pk, target))
    had = set(
        Delivery.objects.filter(subscriber_id__in=list(follows), article_id__in=list(keys)).values_list(
            "subscriber_id", "article_id"
        )
    )
    wanted = {}
    for subscriber_id, subscriptions in follows.items():
        targets = {t for _, t in subscriptions}
        wanted[subscriber_id] = [
            a.pk for a in articles if targets & keys[a.pk] and (subscriber_id, a.pk) not in had
        ]
    pairs = [(s, a) for s, ids in wanted.items() for a in ids]
    if not pairs:
        return 0
    claim = _claim(pairs, Delivery.Kind.DIGEST)
    claimed = defaultdict(set)
    for subscriber_id, article_id in Delivery.objects.filter(claim=claim).values_list(
        "subscriber_id", "article_id"
    ):
        claimed[subscriber_id].add(article_id)
    summaries = {a.pk: emails.summarize(a) for a in articles if any(a.pk in ids for ids in claimed.values())}
    described = follow.describe({t for subs in follows.values() for _, t in subs})
    root = links.site_root()
    messages = []
    for subscriber in Subscriber.objects.filter(pk__in=list(claimed)).order_by("pk"):
        mine = [summaries[a.pk] for a in articles if a.pk in claimed[subscriber.pk]]
        reasons = [
            (pk, described[t])
            for pk, t in follows[subscriber.pk]
            if t in described and any(t in keys[s.pk] for s in mine)
        ]
        messages.append((subscriber.pk, emails.digest(subscriber, mine, reasons, root)))
    return _deliver(claim, messages)


# Confirmation ------------------------------------------------------------------------------------


def send_confirmation(subscriber_id):
    """The confirmation email for what the address has asked to follow and not yet confirmed."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return 0
    pending = list(subscriber.subscriptions.pending().values_list("target", flat=True))
    described = follow.describe(pending)
    targets = [described[key] for key in pending if key in described]
    if not targets:
        return 0
    message = emails.confirmation(subscriber, targets, links.site_root())
    _send_each([(subscriber.pk, message)])
    return 1
