"""RSS 2.0 feeds of articles: ``ArticleFeed`` (the 20 newest visible articles of something) and
the whole site's feed; authors' and topics' feeds build on ``ArticleFeed``."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from briefings.core.identity import identity_for

from .models import ArticlePage

FEED_ITEMS = 20


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def articles(self, obj):
        raise NotImplementedError

    def items(self, obj):
        return self.articles(obj).newest_first().with_authors()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.full_url

    def item_guid(self, item):
        return item.full_url

    def item_pubdate(self, item):
        if item.date:
            return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12)))
        return item.first_published_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors) or None

    def item_categories(self, item):
        return [item.get_kind_display()] if item.kind else []


class SiteFeed(ArticleFeed):
    """Named and described by the publication's identity (Settings › Identity)."""

    def get_object(self, request):
        return identity_for(request)

    def title(self, obj):
        return f"{obj.name}: latest analysis"

    def description(self, obj):
        return obj.description

    def articles(self, obj):
        return ArticlePage.objects.visible()

    def link(self):
        return "/"

    def feed_url(self):
        return reverse("site_feed")


site_feed = SiteFeed()
