"""RSS 2.0 feeds of a hub or an intersection: the 20 newest visible articles, named after the
publication of the site asked (Settings › Identity)."""

from dataclasses import dataclass

from briefings.articles.feeds import ArticleFeed
from briefings.core import freshness
from briefings.core.identity import identity_for

from . import queries
from .views import follow_renames, lookup_topic


@dataclass(frozen=True)
class Subject:
    """What a feed is of: one or two ``(vocabulary, topic)``, and who publishes it."""

    publication: str
    first: tuple
    second: tuple | None = None


def depend_on_topics(request, subject):
    """A feed lists the articles on its topic (on both its topics) only
    (``briefings.core.freshness``)."""
    first = queries.topic_key(*subject.first)
    if subject.second is None:
        freshness.depends_on(request, [freshness.topic(first)])
    else:
        freshness.depends_on(request, [freshness.pair(first, queries.topic_key(*subject.second))])


class TopicFeed(ArticleFeed):
    def get_object(self, request, vocabulary, slug):
        subject = Subject(identity_for(request).name, lookup_topic(vocabulary, slug))
        depend_on_topics(request, subject)
        return subject

    def articles(self, obj):
        return queries.topic_articles(*obj.first)

    def title(self, obj):
        return f"{obj.publication}: {obj.first[1].name}"

    def link(self, obj):
        return obj.first[1].hub_url()

    def description(self, obj):
        return f"The latest analysis on {obj.first[1].name} from {obj.publication}."


class IntersectionFeed(ArticleFeed):
    def get_object(self, request, vocabulary, slug, vocabulary2, slug2):
        subject = Subject(
            identity_for(request).name, lookup_topic(vocabulary, slug), lookup_topic(vocabulary2, slug2)
        )
        depend_on_topics(request, subject)
        return subject

    def articles(self, obj):
        return queries.intersection_articles(obj.first, obj.second)

    def title(self, obj):
        return f"{obj.publication}: {obj.first[1].name} + {obj.second[1].name}"

    def link(self, obj):
        return queries.intersection_url(obj.first[0], obj.first[1], obj.second[0], obj.second[1])

    def description(self, obj):
        return f"The latest analysis on both {obj.first[1].name} and {obj.second[1].name} from {obj.publication}."


topic_feed = follow_renames(TopicFeed())
intersection_feed = follow_renames(IntersectionFeed())
