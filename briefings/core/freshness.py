"""What a cached page depends on, and what a write changes, named as scopes of the content.

Most reader pages list or count articles: they depend on ``ARTICLES``, which every change to an
article renews. Some show only a part of the content, and say so while they render
(``depends_on``): an article page shows the articles near it by date (``month``, and an ``edge``
when it is near either end of the archive), a topic's feed the articles on its topic
(``topic``), an intersection and its feed those on both its topics (``pair``), a search those
holding one of its words in the search index (``lexeme``), a hub its topic (``topic``) and the
digest of its related topics (``related``, a digest scope: below). The page cache
(``briefings.caching``) keeps each page with the numbers of its scopes
(``briefings.core.generation``) and serves it while they hold.

A write is scoped only when it says what it changes: the code saving or deleting an article runs
inside ``writing(change)``, where ``change`` (a ``ScopedWrite``) names the tables it may write and
reads the scopes of the article as the database stands, before its first write and after commit.
Every other write to what readers see renews everything (``briefings.core.generation.bump``).
"""

import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from . import months

ARTICLES = "articles"
# An article page whose neighbours by date span more months than this depends on ``ARTICLES``.
MAX_MONTHS = 36

_local = threading.local()


def month(day):
    """The scope of the articles dated (or, undated, first published) in ``day``'s month."""
    return f"month:{day.year:04d}-{day.month:02d}"


def months_between(first, last):
    """The month scopes from ``first``'s month to ``last``'s, or ``None`` past ``MAX_MONTHS``."""
    if months.spanned(first, last) > MAX_MONTHS:
        return None
    return [month(day) for day in months.first_days(first, last)]


def edge(dated, later):
    """Renewed by a change to the newest (``later``) or oldest dated (or undated) article: an
    article page whose window of articles near it by date runs short on that side shows every
    article of that kind there, and one changed to come before them all would join it."""
    return f"edge:{'dated' if dated else 'undated'}:{'newer' if later else 'older'}"


def topic(key):
    """The scope of the articles on a topic, by its statistics key (``(vocabulary key, id)``)."""
    vocabulary, pk = key
    return f"topic:{vocabulary}:{pk}"


def pair(first, second):
    """The scope of the articles on both of two topics (an intersection), in either order."""
    first, second = sorted([tuple(first), tuple(second)], key=str)
    return f"pair:{first[0]}:{first[1]}:{second[0]}:{second[1]}"


def lexeme(word):
    """The scope of the articles whose search index holds ``word`` (a normalised lexeme)."""
    return f"lexeme:{word}"


def related(key):
    """A digest scope: the related topics a topic's hub shows (``taxonomy.hubs``)."""
    vocabulary, pk = key
    return f"related:{vocabulary}:{pk}"


def depends_on(request, scopes, digests=None):
    """The page being rendered for ``request`` shows only what ``scopes`` cover, and what the
    digest scopes ``digests`` (``{scope: digest of what the page shows of it}``) describe."""
    request.page_cache_scopes = frozenset(scopes)
    request.page_cache_digests = dict(digests or {})


def declared(request):
    """The scopes the page rendered for ``request`` depends on (``ARTICLES`` unless it said)."""
    return getattr(request, "page_cache_scopes", None) or frozenset([ARTICLES])


def declared_digests(request):
    """``{digest scope: digest}`` of the page rendered for ``request`` (``depends_on``)."""
    return getattr(request, "page_cache_digests", None) or {}


# Digest scopes: some of what a page shows is derived from the whole content (a hub's related
# topics are ranked by lift, which every article's topics move a little) but rarely changes.
# Such a part is a digest scope, whose value is a digest of what it shows rather than a number
# that each write renews: after every commit that wrote one of its tables, the digests of all
# its scopes are computed again from the database (its provider's ``compute``) and stored;
# a page kept with the digest of what it showed is served while the digest stored is the same.
_digest_providers = []


@dataclass(frozen=True)
class DigestProvider:
    name: str
    tables: frozenset  # the tables it reads (lower-case names)
    compute: Callable  # () -> {scope: digest} for every scope it provides, from the database


def provide_digests(name, tables, compute):
    """Register ``compute`` (``DigestProvider``), run when a commit has written one of ``tables``."""
    provider = DigestProvider(name, frozenset(table.lower() for table in tables), compute)
    if provider not in _digest_providers:
        _digest_providers.append(provider)


def digest_providers():
    return list(_digest_providers)


class ScopedWrite:
    """One object's save or deletion, which writes ``tables`` only and changes for readers only
    what ``scopes()`` names, read before its first write and after it commits."""

    tables = frozenset()

    @property
    def identity(self):
        """The same for two writes of one object (both are read once per transaction)."""
        return id(self)

    def scopes(self):
        raise NotImplementedError


@contextmanager
def writing(change):
    stack = getattr(_local, "writes", None)
    if stack is None:
        stack = _local.writes = []
    stack.append(change)
    try:
        yield change
    finally:
        stack.pop()


def current_write():
    """The innermost ``ScopedWrite`` this thread is in, or ``None``."""
    stack = getattr(_local, "writes", None)
    return stack[-1] if stack else None
