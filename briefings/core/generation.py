"""The content generation: one number in the shared cache that changes whenever what readers could
see changes.

What is cached from the content is keyed on it (the identity, ``identity``) or carries it and is
served only while it is current (the page cache's pages, ``briefings.caching``), so a new
generation puts all of it out of use at once, in every process that shares the cache, and nothing
has to be deleted (old entries expire on their own or are replaced).
``briefings.caching.invalidation`` starts one once any write readers could see commits, whether the
page cache is on or off.
"""

import time
from contextlib import contextmanager

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache

# The key it had when only the page cache used it: the processes of the previous release, still
# running during a deploy, bump the same number.
GENERATION_KEY = "page-cache:generation"


def _fresh_start():
    """A starting number above any the counter reached before it was lost (evicted, flushed):
    microseconds since the epoch grow far faster than anyone publishes."""
    return time.time_ns() // 1000


def current():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_start(), timeout=None)
        generation = cache.get(GENERATION_KEY)  # another process may have added it first
    return generation


def bump():
    """Start a new generation (atomic in Redis: two processes bumping at once get two numbers)."""
    try:
        return cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache
        start = _fresh_start()
        if cache.add(GENERATION_KEY, start, timeout=None):
            return start
        return cache.incr(GENERATION_KEY)


# Scopes: narrower generations, one per part of the content ("articles", a month of article
# dates, a topic, …; ``briefings.core.freshness`` names them). A page rendered from a part of the
# content only is kept with the numbers of the scopes it read, and served while they hold: a change
# to one article starts new numbers for its scopes only (``briefings.caching.invalidation``).
SCOPE_PREFIX = "page-cache:scope:"


def _scope_key(name):
    return SCOPE_PREFIX + name


def scope_values(names):
    """``{name: number}`` for the scopes ``names``, starting the missing ones."""
    names = list(names)
    keys = {_scope_key(name): name for name in names}
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, _fresh_start(), timeout=None)
        found.update(cache.get_many(missing))  # another process may have added one first
    return {keys[key]: value for key, value in found.items()}


def read_with_scopes(key, names):
    """``(cache.get(key), current generation, {name: number})`` for the scopes ``names``, in one
    round trip (one ``MGET``: the value and the numbers as they stood at one instant); a scope lost
    from the cache reads ``None``."""
    found = cache.get_many([key, GENERATION_KEY, *(_scope_key(name) for name in names)])
    current_generation = found.get(GENERATION_KEY)
    if current_generation is None:
        current_generation = current()
    return found.get(key), current_generation, {name: found.get(_scope_key(name)) for name in names}


def holding(values):
    """``(current generation, whether every scope in values still has that number)`` in one round
    trip (``values``: ``{name: number}``); a scope lost from the cache does not (it starts again
    above any number it had)."""
    found = cache.get_many([GENERATION_KEY, *(_scope_key(name) for name in values)])
    current_generation = found.get(GENERATION_KEY)
    if current_generation is None:
        current_generation = current()
    return current_generation, all(found.get(_scope_key(name)) == number for name, number in values.items())


def bump_scopes(names):
    """New numbers for the scopes ``names`` (missing ones start above any number they had): one
    round trip to Redis (a change to an article renews a few hundred), one call each elsewhere."""
    names = sorted(set(names))
    client = _redis_client()
    if client is None:
        for name in names:
            key = _scope_key(name)
            try:
                cache.incr(key)
            except ValueError:
                if not cache.add(key, _fresh_start(), timeout=None):
                    cache.incr(key)
        return
    start = _fresh_start()
    with client.pipeline(transaction=False) as pipeline:
        for name in names:
            key = cache.make_and_validate_key(_scope_key(name))
            pipeline.set(key, start, nx=True)  # as ``cache.add`` stores a number
            pipeline.incr(key)
        pipeline.execute()


def _redis_client():
    """The Redis client of Django's Redis cache backend, or ``None`` with another backend."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    return backend._cache.get_client(write=True) if isinstance(backend, RedisCache) else None


# Digest scopes (``briefings.core.freshness``): each commit that wrote a provider's tables computes
# its digests again and stores them, one process at a time (``exclusive``), so the digests stored
# last are computed from the database as it stood after the last commit.
LOCK_PREFIX = "page-cache:lock:"
LOCK_SECONDS = 30  # a holder that died frees the lock after this long
LOCK_POLL_SECONDS = 0.005


@contextmanager
def exclusive(name, wait=10.0):
    """Hold the lock ``name`` (shared by every process on the cache) for the block; ``TimeoutError``
    when it stays taken ``wait`` seconds."""
    key = LOCK_PREFIX + name
    deadline = time.monotonic() + wait
    while not cache.add(key, 1, timeout=LOCK_SECONDS):
        if time.monotonic() > deadline:
            raise TimeoutError(f"The lock {name!r} stayed taken for {wait} s")
        time.sleep(LOCK_POLL_SECONDS)
    try:
        yield
    finally:
        cache.delete(key)


def refresh_digests(provider):
    """Compute ``provider``'s digests from the database and store them (its scopes' values)."""
    with exclusive("digests"):
        digests = provider.compute()
        values = {_scope_key(name): value for name, value in digests.items()}
        values[_computed_key(provider)] = True
        cache.set_many(values, timeout=None)
    return digests


def digests_computed(provider):
    """Whether ``provider``'s digests were stored since the cache was last emptied."""
    return cache.get(_computed_key(provider)) is not None


def _computed_key(provider):
    return f"page-cache:digests:{provider.name}"


def stored_digests(names):
    """``{name: digest}`` for the digest scopes ``names`` stored (a missing one is left out)."""
    keys = {_scope_key(name): name for name in names}
    return {keys[key]: value for key, value in cache.get_many(keys).items()}
