"""The load test (``make loadtest``; ``manage.py loadtest``): concurrent readers over a realistic mix
of pages, against one or more servers, while an editor process publishes, edits and unpublishes one
article; throughput, latency percentiles, errors and stale responses.

Readers are an asyncio HTTP/1.1 client on the standard library (one process, little CPU: the
servers need the cores). The editor (``manage.py loadtest_editor``) writes a version marker into
the watched article's title at each change and logs when each change committed; a response is
**stale** when it started after a change had committed and shows an older state than that one
(``stale_responses``).
"""

import asyncio
import json
import math
import random
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

MARKER_PREFIX = "LTV"
MARKER_RE = re.compile(MARKER_PREFIX + r"(\d+)\b")
TITLE = "Load test article"


def marker(version):
    return f"{MARKER_PREFIX}{version}"


def watched_title(version):
    return f"{TITLE} {marker(version)}"


@dataclass(frozen=True)
class Change:
    """A state of the watched article, from ``committed`` (seconds since the epoch, when the
    editor's action returned) on: live with a version, or not live (``version`` None). The action
    ``began`` earlier: it commits in steps (the page, then its statistics), so readers may see the
    new state from then on."""

    committed: float
    version: int | None
    began: float | None = None

    @classmethod
    def from_json(cls, line):
        data = json.loads(line)
        return cls(data["committed"], data["version"], data.get("began"))

    def to_json(self):
        return json.dumps({"committed": self.committed, "version": self.version, "began": self.began})


@dataclass
class Response:
    url: str
    started: float  # seconds since the epoch
    ended: float
    status: int  # 0: no response (connection error, timeout)
    body: str = ""
    watched: bool = False  # the watched article, its hub or the home page
    cache: str = ""  # the page cache's X-Cache: HIT or MISS
    kind: str = ""  # of the mix: article, home, hub, …

    @property
    def seconds(self):
        return self.ended - self.started


def observed_version(response, article_path):
    """What a response shows of the watched article: its version, or None when it shows it not
    live (its own page a 404, a listing without it). ``...`` when the response says nothing."""
    if response.status == 0 or response.status >= 500:
        return ...
    if urlsplit(response.url).path == article_path and response.status == 404:
        return None
    if response.status != 200:
        return ...
    found = MARKER_RE.findall(response.body)
    if not found:
        return None
    return max(int(version) for version in found)


def allowed_versions(changes, started, ended):
    """The states a response running from ``started`` to ``ended`` may show: the one in force when
    it started, and any whose change began before it ended. ``changes`` is in commit order."""
    allowed, current = set(), None
    for change in changes:
        if change.committed <= started:
            current = change
        elif (change.began if change.began is not None else change.committed) <= ended:
            allowed.add(change.version)
    if current is not None:
        allowed.add(current.version)
    return allowed


def stale_responses(responses, changes, article_path):
    """The watched responses showing an older state than the last change committed before they
    started. Responses that started before the first change are not judged."""
    stale = []
    for response in responses:
        if not response.watched or not changes or response.started < changes[0].committed:
            continue
        seen = observed_version(response, article_path)
        if seen is ... or seen in allowed_versions(changes, response.started, response.ended):
            continue
        stale.append((response, seen))
    return stale


# Readers ------------------------------------------------------------------------------------------


@dataclass
class Mix:
    """Reader addresses by kind, with each kind's share of the requests."""

    kinds: dict  # kind -> (weight, [path, ...])
    watched: list = field(default_factory=list)  # the watched article, its hub, the home page

    def choose(self, rng):
        kinds = list(self.kinds)
        kind = rng.choices(kinds, [self.kinds[k][0] for k in kinds])[0]
        return kind, rng.choice(self.kinds[kind][1])


class Connection:
    """A reader's HTTP/1.1 connection to one server, kept open from one request to the next while
    the server keeps it (gunicorn's threaded workers do; its sync workers close it after each
    response), as a load balancer's connections to its app servers are."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.streams = None

    def close(self):
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None

    async def get(self, path, timeout):
        """``(status, body, X-Cache)``; status 0 when no complete response came back. A kept connection the
        server has closed meanwhile is opened again once."""
        for kept in (self.streams is not None, False):
            try:
                # asyncio.timeout, not wait_for: wait_for runs the call as a task of its own, and the
                # readers' client shares the cores with the servers it measures.
                async with asyncio.timeout(timeout):
                    if self.streams is None:
                        self.streams = await asyncio.open_connection(self.host, self.port)
                    return await self.exchange(path)
            except (
                OSError,
                TimeoutError,
                asyncio.IncompleteReadError,
                asyncio.LimitOverrunError,
                ValueError,
            ):
                self.close()
                if not kept:
                    return 0, "", ""
        return 0, "", ""

    async def exchange(self, path):
        reader, writer = self.streams
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept-Encoding: identity\r\n\r\n".encode(
                "ascii"
            )
        )
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        status_line, *lines = head.split("\r\n")
        headers = {
            name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)
        }
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        else:  # the end of the body is the end of the connection
            body = await reader.read(-1)
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self.close()
        status = int(status_line.split(" ", 2)[1])
        return status, body.decode("utf-8", "replace"), headers.get("x-cache", "")


async def reader(servers, mix, deadline, results, seed, timeout, think=0.0):
    """One reader: a page, then (``think`` > 0) a pause of ``think`` seconds on average
    (exponentially distributed, as a reader reads), then the next."""
    rng = random.Random(seed)  # noqa: S311 - a traffic mix, not security
    connections = {tuple(server): Connection(*server) for server in servers}
    while time.time() < deadline:
        server = tuple(rng.choice(servers))
        kind, path = mix.choose(rng)
        started = time.time()
        status, body, cache = await connections[server].get(path, timeout)
        ended = time.time()
        watched = kind == "watched"
        results.append(Response(path, started, ended, status, body if watched else "", watched, cache, kind))
        if think > 0:
            await asyncio.sleep(min(rng.expovariate(1 / think), max(0.0, deadline - time.time())))
    for connection in connections.values():
        connection.close()


async def drive(servers, mix, readers, seconds, timeout=30.0, think=0.0):
    results = []
    deadline = time.time() + seconds
    await asyncio.gather(
        *(reader(servers, mix, deadline, results, n, timeout, think) for n in range(readers))
    )
    return results


def run_readers(servers, mix, readers, seconds, think=0.0):
    """``readers`` concurrent readers for ``seconds``, each request to a random server, each
    reader pausing ``think`` seconds on average between pages (0: none, a closed loop)."""
    return asyncio.run(drive(servers, mix, readers, seconds, think=think))


def percentile(sorted_values, share):
    if not sorted_values:
        return 0.0
    return sorted_values[max(1, math.ceil(len(sorted_values) * share)) - 1]


def summary(responses, changes, article_path, seconds):
    """Throughput, latency percentiles (ms), errors and stale responses of a run."""
    times = sorted(r.seconds * 1000 for r in responses)
    errors = [r for r in responses if r.status == 0 or r.status >= 500 or (r.status >= 400 and not r.watched)]
    stale = stale_responses(responses, changes, article_path)
    return {
        "requests": len(responses),
        "seconds": seconds,
        "requests_per_second": len(responses) / seconds if seconds else 0.0,
        "p50_ms": percentile(times, 0.50),
        "p95_ms": percentile(times, 0.95),
        "p99_ms": percentile(times, 0.99),
        "cache_hits": sum(r.cache == "HIT" for r in responses) / len(responses) if responses else 0.0,
        "p95_ms_by_kind": {
            kind: percentile(sorted(r.seconds * 1000 for r in responses if r.kind == kind), 0.95)
            for kind in sorted({r.kind for r in responses})
        },
        "errors": len(errors),
        "error_examples": sorted({f"{r.status} {r.url}" for r in errors})[:5],
        "changes": len(changes),
        "watched_responses": sum(r.watched for r in responses),
        "stale": len(stale),
        "stale_examples": [
            f"{r.url} started {r.started - c:.3f} s after the change to {v!r}, showed {seen!r}"
            for r, seen in stale[:5]
            for c, v in [latest_before(changes, r.started)]
        ],
    }


def latest_before(changes, moment):
    change = [c for c in changes if c.committed <= moment][-1]
    return change.committed, change.version
