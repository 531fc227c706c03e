"""The next scheduled change: how long anything cached under a generation may live.

A page's go-live or expiry time changes what readers see without a write, so no page is cached past
the next such time of any page. Whoever starts a generation (``invalidation``) records it with it
(the content generation itself is ``briefings.core.generation``), so readers need no query.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, Q
from django.utils import timezone

from wagtail.models import Page


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


def known(generation):
    """The next scheduled change recorded for ``generation`` (``None`` when none is)."""
    return cache.get(_next_change_key(generation))


def next_scheduled_change(generation):
    """The next scheduled change (Unix time; ``None`` if none), as known for ``generation``, read
    from the database when not known or when that time has passed."""
    moment = known(generation)
    if moment is None or 0 < moment <= time.time():
        moment = scheduled_from_database()
        remember_next_change(generation, moment)
    return moment or None
