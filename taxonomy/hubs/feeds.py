"""RSS 2.0 feeds of a hub or an intersection: the 20 newest visible articles."""

from briefings.articles.feeds import ArticleFeed

from . import queries
from .views import follow_renames, lookup_topic


class TopicFeed(ArticleFeed):
    def get_object(self, request, vocabulary, slug):
        return lookup_topic(vocabulary, slug)

    def articles(self, obj):
        return queries.topic_articles(*obj)

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
        return queries.intersection_articles(*obj)

    def title(self, obj):
        return f"Briefings: {obj[0][1].name} + {obj[1][1].name}"

    def link(self, obj):
        return queries.intersection_url(obj[0][0], obj[0][1], obj[1][0], obj[1][1])

    def description(self, obj):
        return f"The latest analysis on both {obj[0][1].name} and {obj[1][1].name} from Briefings."


topic_feed = follow_renames(TopicFeed())
intersection_feed = follow_renames(IntersectionFeed())
