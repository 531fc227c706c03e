"""RSS 2.0 feeds of articles: ``ArticleFeed`` (the 20 newest visible articles of something) and
the whole site's feed; authors' and topics' feeds build on ``ArticleFeed``.

Each item names every author in its own ``dc:creator`` (RSS's ``author`` must be an email address,
which bylines do not publish) and lists its kind and all its topics as ``category``."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from briefings.core.identity import identity_for

from .models import ArticlePage

FEED_ITEMS = 20
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"


class ArticleRss(Rss201rev2Feed):
    """RSS 2.0 with one ``dc:creator`` per author (Django's writes one, for ``author_name``)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item.get("creators", ()):
            handler.addQuickElement("dc:creator", name)


class ArticleFeed(Feed):
    feed_type = ArticleRss

    def articles(self, obj):
        raise NotImplementedError

    def items(self, obj):
        return self.articles(obj).newest_first().with_authors().with_topics()[:FEED_ITEMS]

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

    def item_extra_kwargs(self, item):
        return {"creators": [author.name for author in item.authors]}

    def item_categories(self, item):
        """The kind, then the topics by their names on the site (the subject country too: feeds
        are metadata, and a reader's feed software may sort by it)."""
        kind = [item.get_kind_display()] if item.kind else []
        return kind + [topic.name for topics in item.topics_by_key().values() for topic in topics]


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
