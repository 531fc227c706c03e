"""Per-request upkeep of the topic statistics."""

from . import stats_updates


class ScheduledTopicStatsMiddleware:
    """Before a request is answered, recompute the articles whose go-live or expiry time has
    passed (``stats_updates.sync_due``): one indexed query when none has, so counts and lists
    built from the topic statistics never show an article outside its publication window, even
    before ``publish_scheduled`` runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        stats_updates.sync_due()
        return self.get_response(request)
