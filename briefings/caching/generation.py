"""The content generation: one number in the shared cache, part of the key of every cached page.

Any change readers could see increments it (``invalidation``): every page cached before becomes
unreachable at once, in every process that shares the cache, and nothing has to be deleted (old
entries expire on their own). The next scheduled change (a page's go-live or expiry time) bounds
how long anything cached now may live: whoever starts a generation records it with it.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, Q
from django.utils import timezone

from wagtail.models import Page

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


def scheduled_from_database(using=None):
    """The Unix time of the next go-live or expiry of any page, 0 if none is set: such a time
    changes what readers see without a write (``briefings.articles.models.on_schedule``)."""
    now = timezone.now()
    found = Page.objects.using(using).aggregate(
        go_live=Min("go_live_at", filter=Q(go_live_at__gt=now)),
        expiry=Min("expire_at", filter=Q(expire_at__gt=now)),
    )
    times = [moment.timestamp() for moment in found.values() if moment is not None]
    return min(times) if times else 0.0


def _next_change_key(generation):
    return f"page-cache:{generation}:next-change"


def remember_next_change(generation, moment):
    """Written by whoever starts a generation (``invalidation``), so readers need no query."""
    cache.set(_next_change_key(generation), moment, settings.PAGE_CACHE_SECONDS)


def next_scheduled_change(generation):
    """The next scheduled change (Unix time; ``None`` if none), as known for ``generation``, read
    from the database when not known or when that time has passed."""
    moment = cache.get(_next_change_key(generation))
    if moment is None or 0 < moment <= time.time():
        moment = scheduled_from_database()
        remember_next_change(generation, moment)
    return moment or None
