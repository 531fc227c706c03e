"""The content generation: one number in the shared cache that changes whenever what readers could
see changes.

What is cached from the content is keyed on it (the page cache's pages, ``briefings.caching``; the
identity, ``identity``), so a new generation makes all of it unreachable at once, in every process
that shares the cache, and nothing has to be deleted (old entries expire on their own).
``briefings.caching.invalidation`` starts one once any write readers could see commits, whether the
page cache is on or off.
"""

import time

from django.core.cache import cache

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
