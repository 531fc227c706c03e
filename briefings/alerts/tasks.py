"""The alert tasks, queued in the database (the "alerts" backend in ``settings.TASKS``) and run by
``manage.py db_worker --backend alerts --queue-name alerts``. A batch that fails on the mail server
is queued again for the addresses it did not reach, later each time, up to ``MAX_ATTEMPTS``."""

import logging
from datetime import datetime, timedelta

from django.utils import timezone

from django_tasks import task

from . import delivery

logger = logging.getLogger(__name__)

BACKEND = "alerts"
QUEUE = "alerts"
MAX_ATTEMPTS = 5
FIRST_RETRY_SECONDS = 60


def retry_at(attempt):
    """When attempt ``attempt + 1`` runs: 1, 2, 4, 8 minutes after a failure."""
    return timezone.now() + timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** (attempt - 1))


def _retry(task_, failed, attempt, *args):
    if attempt >= MAX_ATTEMPTS:
        logger.error("alerts: giving up on %d addresses after %d attempts", len(failed.unsent), attempt)
        raise failed
    task_.using(run_after=retry_at(attempt)).enqueue(*args, failed.unsent, attempt=attempt + 1)
    raise failed


@task(backend=BACKEND, queue_name=QUEUE)
def announce_article(article_id):
    batches = delivery.announce(article_id, lambda a, ids: send_alert_batch.enqueue(a, ids))
    return {"article": article_id, "batches": batches}


@task(backend=BACKEND, queue_name=QUEUE)
def send_alert_batch(article_id, subscriber_ids, attempt=1):
    try:
        return {"sent": delivery.send_alerts(article_id, subscriber_ids)}
    except delivery.SendFailed as failed:
        _retry(send_alert_batch, failed, attempt, article_id)


@task(backend=BACKEND, queue_name=QUEUE)
def send_digest_batch(until, subscriber_ids, attempt=1):
    try:
        return {"sent": delivery.send_digests(subscriber_ids, datetime.fromisoformat(until))}
    except delivery.SendFailed as failed:
        _retry(send_digest_batch, failed, attempt, until)


@task(backend=BACKEND, queue_name=QUEUE)
def send_confirmation(subscriber_id, attempt=1):
    try:
        return {"sent": delivery.send_confirmation(subscriber_id)}
    except delivery.SendFailed:
        if attempt >= MAX_ATTEMPTS:
            raise
        send_confirmation.using(run_after=retry_at(attempt)).enqueue(subscriber_id, attempt=attempt + 1)
        raise


def queue_digests(until):
    """Queue this week's digests (``manage.py send_digests``); returns the number of batches."""
    return delivery.digest_batches(until, lambda ids, when: send_digest_batch.enqueue(when.isoformat(), ids))
