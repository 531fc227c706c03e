import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from briefings.operations import loadtest
from briefings.operations.loadtest_site import reader_mix

HOST = "127.0.0.1"  # loopback only


class Command(BaseCommand):
    help = (
        "Load test on this machine: starts gunicorn on each --ports (sharing this database and "
        "cache), drives --readers concurrent readers for --seconds over a realistic mix of pages "
        "while an editor process publishes, edits and unpublishes an article, and reports "
        "throughput, p50/p95/p99, errors and stale responses. `make loadtest` prepares it all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ports", default="8101,8102", help="one gunicorn per port, comma-separated")
        parser.add_argument("--workers", type=int, default=0, help="per server; default: cores + 1")
        parser.add_argument(
            "--threads",
            type=int,
            default=1,
            help="per worker; above 1, gunicorn's threaded workers, which keep readers' connections open "
            "(default 1: its sync workers, as make serve runs)",
        )
        parser.add_argument("--readers", type=int, default=200)
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument(
            "--warmup",
            type=float,
            default=30,
            help="seconds of reading not counted (30: long enough for 50 readers to fill an empty page "
            "cache with the mix's pages, as a site's readers find it; 5 measured a cold start)",
        )
        parser.add_argument("--interval", type=float, default=3, help="seconds between the editor's changes")
        parser.add_argument(
            "--think",
            type=float,
            default=0,
            help="each reader's mean pause between pages, in seconds (0: none, each reader asks "
            "for the next page as soon as it has one: the servers' saturation)",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(
        self, *args, ports, workers, threads, readers, seconds, warmup, interval, think, format, **options
    ):
        ports = [int(port) for port in ports.split(",") if port.strip()]
        if not ports or readers < 1 or not 1 <= seconds <= 600:
            raise CommandError("Give at least one port, one reader, and 1 to 600 seconds.")
        cores = os.cpu_count() or 1
        workers = workers or cores + 1
        log = self.stderr if format == "json" else self.stdout
        mix = reader_mix()
        article_path = mix.watched[0]
        servers, editor = [], None
        with tempfile.TemporaryDirectory() as folder:
            changes_file = Path(folder) / "changes.jsonl"
            try:
                for port in ports:
                    servers.append(self.start_server(port, workers, threads))
                for port in ports:
                    wait_until_up(port)
                log.write(
                    f"{len(ports)} gunicorn servers ({workers} workers × {threads} threads each) on "
                    f"{', '.join(f'{HOST}:{p}' for p in ports)}; {cores} cores. Warming up {warmup:.0f} s…"
                )
                targets = [(HOST, port) for port in ports]
                if warmup:
                    loadtest.run_readers(targets, mix, min(readers, 50), warmup)
                editor = subprocess.Popen(  # noqa: S603 - this interpreter running this project's command
                    [
                        sys.executable,
                        "manage.py",
                        "loadtest_editor",
                        str(changes_file),
                        "--seconds",
                        str(seconds),
                    ]
                    + ["--interval", str(interval)],
                    cwd=settings.BASE_DIR,
                    # Its INFO lines (every publication and search-index task) would bury the report.
                    env={**os.environ, "LOG_LEVEL": "WARNING"},
                )
                log.write(
                    f"{readers} readers for {seconds:.0f} s, an editor changing an article every {interval:g} s…"
                )
                usage = resource.getrusage(resource.RUSAGE_SELF)
                started = time.time()
                responses = loadtest.run_readers(targets, mix, readers, seconds, think)
                elapsed = time.time() - started
                after = resource.getrusage(resource.RUSAGE_SELF)
                editor.wait(timeout=max(60, interval * 3))
            finally:
                if editor and editor.poll() is None:
                    editor.terminate()
                for server in servers:
                    server.terminate()
                for server in servers:
                    server.wait(timeout=30)
            changes = [
                loadtest.Change.from_json(line) for line in changes_file.read_text().splitlines() if line
            ]
        result = loadtest.summary(responses, changes, article_path, elapsed)
        generator_cpu = (after.ru_utime + after.ru_stime) - (usage.ru_utime + usage.ru_stime)
        result.update(
            servers=len(ports),
            workers_per_server=workers,
            threads_per_worker=threads,
            readers=readers,
            think=think,
            cores=cores,
            generator_cpu_share=generator_cpu / elapsed / cores,
        )
        if format == "json":
            self.stdout.write(json.dumps(result, indent=2))
        else:
            self.stdout.write(report(result))

    def start_server(self, port, workers, threads):
        return subprocess.Popen(  # noqa: S603 - this interpreter running gunicorn on this project
            [sys.executable, "-m", "gunicorn", "briefings.wsgi", "--bind", f"{HOST}:{port}"]
            + [
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--backlog",
                "4096",
                "--log-level",
                "warning",
                "--no-control-socket",
            ],
            cwd=settings.BASE_DIR,
            # The watched article's 404s (while it is unpublished) are expected: log errors only.
            env={**os.environ, "LOG_LEVEL": "ERROR"},
        )


def wait_until_up(port, seconds=240):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=10) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise CommandError(f"The server on port {port} did not answer /healthz within {seconds} s.")


def report(result):
    targets = [
        ("p95 < 200 ms", result["p95_ms"] < 200),
        (">= 400 requests/s", result["requests_per_second"] >= 400),
        ("0 errors", result["errors"] == 0),
        ("0 stale", result["stale"] == 0),
    ]
    lines = [
        "",
        f"requests      {result['requests']:,} in {result['seconds']:.1f} s: {result['requests_per_second']:,.0f}/s",
        f"latency       p50 {result['p50_ms']:.0f} ms   p95 {result['p95_ms']:.0f} ms   p99 {result['p99_ms']:.0f} ms",
        f"cache         {result['cache_hits']:.1%} of responses from the page cache; p95 by kind: "
        + ", ".join(f"{kind} {ms:.0f} ms" for kind, ms in result["p95_ms_by_kind"].items()),
        f"errors        {result['errors']}"
        + "".join(f"\n                {e}" for e in result["error_examples"]),
        f"stale         {result['stale']} of {result['watched_responses']:,} responses watched over "
        f"{result['changes']} changes" + "".join(f"\n                {s}" for s in result["stale_examples"]),
        f"load          {result['readers']} readers "
        + (f"(pausing {result['think']:g} s on average between pages) " if result["think"] else "(no pause) ")
        + f"against {result['servers']} servers × {result['workers_per_server']} workers × "
        f"{result['threads_per_worker']} threads on {result['cores']} cores",
        f"generator     used {result['generator_cpu_share']:.0%} of the machine's CPU (it shares the cores "
        "with the servers: what it takes, they lack)",
        "targets       " + ", ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in targets),
    ]
    return "\n".join(lines)
