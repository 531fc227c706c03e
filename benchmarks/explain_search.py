"""Print PostgreSQL's query plans (``EXPLAIN ANALYZE``) for the queries of a search and of a faceted
search, so one can see whether full-text search reads its GIN index or scans every article.

Run against a PostgreSQL database with articles (e.g. one filled by ``manage.py fill_synthetic``)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_10k \\
        .venv/bin/python benchmarks/explain_search.py [--q pipeline] [--country kazakhstan] [--all]

Each query of the two requests is listed with its time; the plans of the slowest (``--all``: of
every one) follow, with a line saying which indexes they read and whether they scan a table.
"""

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefings.settings.dev")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--q", default="pipeline")
    parser.add_argument("--country", default="kazakhstan")
    parser.add_argument("--slowest", type=int, default=3, help="plans shown per request")
    parser.add_argument("--all", action="store_true", help="show every query's plan")
    args = parser.parse_args()

    import django

    django.setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    if connection.vendor != "postgresql":
        sys.exit("explain_search.py reads PostgreSQL plans: set DATABASE_URL to a PostgreSQL database.")
    client = Client()
    requests = [f"/search/?q={args.q}", f"/search/?q={args.q}&country={args.country}"]
    # The page cache off: a second request would otherwise be a hit, with no query to explain.
    with override_settings(DEBUG=False, PAGE_CACHE_ENABLED=False):
        for url in requests:
            client.get(url)  # warm
            with CaptureQueriesContext(connection) as captured:
                status = client.get(url).status_code
            queries = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
            print(f"\n=== {url} ({status}): {len(queries)} queries")
            for query in captured.captured_queries:
                print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:110]}")
            shown = queries if args.all else queries[: args.slowest]
            for query in shown:
                if not query["sql"].lstrip().upper().startswith("SELECT"):
                    continue
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])  # noqa: S608 - our own query
                    plan = [row[0] for row in cursor.fetchall()]
                # "Bitmap Index Scan on <index>", "Index [Only] Scan [Backward] using <index> on <table>"
                found = re.findall(
                    r"(?:Index|Index Only|Bitmap Index) Scan (?:Backward )?(?:using (\S+) on \S+|on (\S+))",
                    "\n".join(plan),
                )
                indexes = sorted({name for pair in found for name in pair if name})
                scans = sorted(set(re.findall(r"Seq Scan on (\S+)", "\n".join(plan))))
                print(f"\n--- {float(query['time']) * 1000:.1f} ms: {query['sql'][:300]}")
                print(
                    f"    indexes read: {', '.join(indexes) or 'none'}; sequential scans: {', '.join(scans) or 'none'}"
                )
                print("\n".join("    " + line for line in plan))


if __name__ == "__main__":
    main()
