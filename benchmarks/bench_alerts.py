"""Benchmark email alerts: one article published to N confirmed subscribers, sent by the real worker
(django-tasks-db's db_worker loop) through a local SMTP server (aiosmtpd), in a throwaway database.

Prints messages per second, the peak memory traced while sending (tracemalloc), and the queries of
each batch (``ALERTS_BATCH_SIZE`` addresses), which stay the same whatever N.

    .venv/bin/python benchmarks/bench_alerts.py [--subscribers 10000] [--batch 200]
        [--database-url postgres://…/throwaway]   # default: a temporary SQLite file

Needs the test tools (``requirements-dev.txt``: aiosmtpd).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def wait_for(port, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--database-url", help="a throwaway database (it is migrated and filled)")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="bench-alerts-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefings.settings.dev")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from django_tasks_db.management.commands.db_worker import Worker

    from briefings.alerts import delivery, follow
    from briefings.alerts.models import Delivery, Subscriber, Subscription
    from briefings.articles.models import ArticlePage
    from briefings.editorial.setup import ensure_site
    from taxonomy.models import Country
    from tests.alerts_smtp import free_port

    print(f"Database: {os.environ['DATABASE_URL'].split('@')[-1]}; migrating …", flush=True)
    call_command("migrate", verbosity=0)
    _, index = ensure_site()
    kazakhstan = Country.objects.get(slug="kazakhstan")

    now = timezone.now()
    subscribers = [
        Subscriber(email=f"reader{n}@example.org", created_at=now) for n in range(args.subscribers)
    ]
    Subscriber.objects.bulk_create(subscribers, batch_size=2000)
    key = follow.topic_key("countries", kazakhstan.pk)
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, target=key, confirmed_at=now) for s in Subscriber.objects.all()],
        batch_size=2000,
    )
    print(f"{args.subscribers} subscribers follow Kazakhstan.", flush=True)

    settings.ALERTS_BATCH_SIZE = args.batch
    per_batch = []
    real_send = delivery.send_alerts

    def counted_send(article_id, subscriber_ids):
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
            sent = real_send(article_id, subscriber_ids)
        per_batch.append((len(subscriber_ids), len(queries)))
        return sent

    delivery.send_alerts = counted_send

    # aiosmtpd in a process of its own (its Sink handler accepts and discards), so the server does
    # not compete with the sender for this process's interpreter lock.
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{port}"]
    )
    try:
        wait_for(port)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

        def publish_and_send(title, trace):
            with transaction.atomic():
                article = ArticlePage(title=title, kind="analysis")
                article.countries.set([kazakhstan])
                index.add_child(instance=article)
                article.save_revision().publish()  # queues the announcement when this commits
            worker = Worker(
                queue_names=["alerts"],
                interval=0,
                batch=True,
                backend_name="alerts",
                startup_delay=False,
                max_tasks=None,
                worker_id="bench",
            )
            if trace:
                tracemalloc.start()
            started = time.perf_counter()
            worker.run()
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] if trace else None
            tracemalloc.stop()
            return article, elapsed, peak

        # Timed without tracing (tracemalloc slows Python down several times), then a second
        # article to the same subscribers with tracemalloc on, for the peak memory.
        article, elapsed, _ = publish_and_send("Kazakhstan Opens a New Energy Corridor", trace=False)
        timed_batches = list(per_batch)
        _, _, peak = publish_and_send("Power Lines Across the Steppe", trace=True)
    finally:
        server.terminate()
        server.wait()
    # A delivery is marked sent only once the server answered 250 to its message.
    received = Delivery.objects.filter(article=article, status=Delivery.Status.SENT).count()

    queries = [n for _, n in timed_batches]
    print(f"messages accepted by the SMTP server: {received} of {args.subscribers}")
    print(f"time (announce + {len(timed_batches)} batches, in the worker): {elapsed:.1f} s")
    print(f"messages per second: {received / elapsed:.0f}")
    print(f"peak traced memory while sending: {peak / 1024 / 1024:.1f} MiB")
    print(
        f"queries per batch of {args.batch}: min {min(queries)}, median {statistics.median(queries):.0f}, "
        f"max {max(queries)}"
    )


if __name__ == "__main__":
    main()
