"""Per-request upkeep of the topic statistics."""

from . import stats, stats_updates


class ScheduledTopicStatsMiddleware:
    """Before a request first reads the topic statistics, recompute the articles whose go-live or
    expiry time has passed (``stats_updates.sync_due``): one indexed query when none has, so counts
    and lists built from the topic statistics never show an article outside its publication
    window, even before ``publish_scheduled`` runs. A request that reads none (``/healthz``, media,
    a view that fails first) makes no query for it, so it still answers with the database down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = stats.sync_before_first_read(stats_updates.sync_due)
        try:
            return self.get_response(request)
        finally:
            stats.forget_sync(token)
