"""RSS 2.0 feeds of a hub or an intersection: the 20 newest live articles."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from . import hubs
from .views import follow_renames, lookup_topic

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


class TopicFeed(ArticleFeed):
    def get_object(self, request, vocabulary, slug):
        return lookup_topic(vocabulary, slug)

    def articles(self, obj):
        return hubs.topic_articles(*obj)

    def title(self, obj):
        return f"Briefings: {obj[1].name}"

    def link(self, obj):
        return obj[1].hub_url()

    def description(self, obj):
        return f"The latest analysis on {obj[1].name} from Briefings."


class IntersectionFeed(ArticleFeed):
    def get_object(self, request, vocabulary, slug, vocabulary2, slug2):
        return lookup_topic(vocabulary, slug), lookup_topic(vocabulary2, slug2)

    def articles(self, obj):
        return hubs.intersection_articles(*obj)

    def title(self, obj):
        return f"Briefings: {obj[0][1].name} + {obj[1][1].name}"

    def link(self, obj):
        return hubs.intersection_url(obj[0][0], obj[0][1], obj[1][0], obj[1][1])

    def description(self, obj):
        return f"The latest analysis on both {obj[0][1].name} and {obj[1][1].name} from Briefings."


topic_feed = follow_renames(TopicFeed())
intersection_feed = follow_renames(IntersectionFeed())
