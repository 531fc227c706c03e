"""A hub's and an intersection's meta tags and JSON-LD (``CollectionPage``)."""

from briefings.articles.seo import topic_thing
from briefings.core.identity import identity_for
from briefings.core.seo import collection_json_ld, page_meta


def hub_description(topic):
    return getattr(topic, "introduction", "") or getattr(topic, "description", "")


def hub_meta(request, vocabulary, topic):
    description = hub_description(topic) or (
        f"Analysis on {topic.name} ({vocabulary.singular.lower()}) from {identity_for(request).name}."
    )
    return page_meta(request, title=topic.name, description=description)


def hub_json_ld(request, vocabulary, topic, articles):
    return collection_json_ld(
        request,
        topic.hub_url(),
        topic.name,
        topic_thing(vocabulary, topic, request),
        articles,
        hub_description(topic),
    )


def intersection_meta(request, first, second, canonical_path):
    return page_meta(
        request,
        title=f"{first[1].name} and {second[1].name}",
        description=f"Analysis on both {first[1].name} and {second[1].name} from {identity_for(request).name}.",
        path=canonical_path,
    )


def intersection_json_ld(request, first, second, articles, canonical_path):
    return collection_json_ld(
        request,
        canonical_path,
        f"{first[1].name} and {second[1].name}",
        [topic_thing(*first, request), topic_thing(*second, request)],
        articles,
    )
