"""What can be followed, and how it is named: the whole site, a topic (country, region, initiative,
sector), an intersection of two topics, an author.

A subscription stores a *key*: ``"site"``, ``"author:12"``, ``"countries:45"``, and for an
intersection its two topic keys in a fixed order, ``"countries:45|initiatives:2"``. Ids, not slugs,
so a renamed topic keeps its followers. ``article_keys`` lists every key an article matches, so
finding who gets it is one indexed ``target IN (...)`` query.

The subscribe form names what it follows as the page's own path under the site (``follow_value``):
``"site"``, ``"authors/<slug>"``, ``"countries/kazakhstan"``,
``"countries/kazakhstan/initiatives/bri"``.
"""

from dataclasses import dataclass
from itertools import combinations

from briefings.articles.models import Author
from taxonomy.hubs.queries import canonical_intersection_url
from taxonomy.models import Country
from taxonomy.vocabularies import REGIONS, TAG_VOCABULARIES, VOCABULARIES, get_vocabulary

SITE = "site"
AUTHOR = "author"
KINDS = ("site", "topic", "intersection", "author")


@dataclass(frozen=True)
class Target:
    key: str
    kind: str  # one of KINDS
    label: str  # "Kazakhstan", "Kazakhstan and Belt and Road Initiative", "Amina Rahman"
    path: str  # its page on the site


def topic_key(vocabulary_key, topic_id):
    return f"{vocabulary_key}:{topic_id}"


def _order(key):
    vocabulary_key, topic_id = key.split(":")
    return (list(VOCABULARIES).index(vocabulary_key), int(topic_id))


def intersection_key(first_key, second_key):
    return "|".join(sorted((first_key, second_key), key=_order))


def author_key(author_id):
    return f"{AUTHOR}:{author_id}"


def kind_of(key):
    if key == SITE:
        return "site"
    if "|" in key:
        return "intersection"
    return "author" if key.startswith(f"{AUTHOR}:") else "topic"


# From the page to a key --------------------------------------------------------------------------


def follow_value(first=None, second=None):
    """What a page's subscribe form sends: its topic(s) or author as a path, or "site"."""
    if first is None:
        return SITE
    if isinstance(first, Author):
        return f"authors/{first.slug}"
    value = f"{first.vocabulary}/{first.slug}"
    return f"{value}/{second.vocabulary}/{second.slug}" if second is not None else value


def _topic(vocabulary_key, slug):
    vocabulary = get_vocabulary(vocabulary_key)
    topic = vocabulary.get(slug) if vocabulary is not None else None
    return topic_key(vocabulary.key, topic.pk) if topic is not None else None


def key_for_follow(value):
    """The key for a subscribe form's ``follow`` value, or None when it names nothing that exists."""
    parts = (value or "").strip().strip("/").split("/")
    if parts == [SITE]:
        return SITE
    if len(parts) == 2 and parts[0] == "authors":
        author = Author.objects.filter(slug=parts[1]).only("pk").first()
        return author_key(author.pk) if author is not None else None
    if len(parts) == 2:
        return _topic(*parts)
    if len(parts) == 4:
        first, second = _topic(*parts[:2]), _topic(*parts[2:])
        if first and second and first != second:
            return intersection_key(first, second)
    return None


# From keys to what readers see -------------------------------------------------------------------


def describe(keys):
    """``{key: Target}`` for the keys that still name something (one query per vocabulary and one
    for authors, whatever the number of keys)."""
    keys = set(keys)
    topic_ids, author_ids = {}, set()
    for key in keys:
        for part in key.split("|"):
            if part == SITE:
                continue
            prefix, _, pk = part.partition(":")
            if prefix == AUTHOR:
                author_ids.add(int(pk))
            elif prefix in VOCABULARIES:
                topic_ids.setdefault(prefix, set()).add(int(pk))
    topics = {}
    for vocabulary_key, ids in topic_ids.items():
        vocabulary = VOCABULARIES[vocabulary_key]
        for topic in vocabulary.model.objects.filter(pk__in=ids):
            topics[topic_key(vocabulary_key, topic.pk)] = (vocabulary, topic)
    authors = {author_key(a.pk): a for a in Author.objects.filter(pk__in=author_ids)} if author_ids else {}

    described = {}
    for key in keys:
        kind = kind_of(key)
        if kind == "site":
            described[key] = Target(key, kind, "All new analysis", "/")
        elif kind == "author" and key in authors:
            author = authors[key]
            described[key] = Target(key, kind, author.display_name, author.get_absolute_url())
        elif kind == "topic" and key in topics:
            vocabulary, topic = topics[key]
            described[key] = Target(key, kind, topic.name, topic.hub_url())
        elif kind == "intersection":
            first, second = (topics.get(part) for part in key.split("|"))
            if first and second:
                label = f"{first[1].name} and {second[1].name}"
                described[key] = Target(key, kind, label, canonical_intersection_url(first, second))
    return described


# What an article matches -------------------------------------------------------------------------


def article_topic_keys(article):
    """The topic keys of ``article``: its countries, initiatives and sectors, and the regions of
    its countries (a region's followers get the articles on its countries)."""
    keys = []
    for vocabulary in TAG_VOCABULARIES:
        keys += [topic_key(vocabulary.key, topic.pk) for topic in getattr(article, vocabulary.key).all()]
    country_ids = [topic.pk for topic in article.countries.all()]
    regions = Country.objects.filter(pk__in=country_ids, region__isnull=False).values_list(
        "region_id", flat=True
    )
    keys += sorted({topic_key(REGIONS.key, pk) for pk in regions})
    return keys


def article_keys(article):
    """Every key a subscription may have to match ``article``: the site, its authors, its topics
    and every intersection of two of them."""
    topics = article_topic_keys(article)
    keys = {SITE, *topics, *(author_key(author.pk) for author in article.authors)}
    keys.update(intersection_key(a, b) for a, b in combinations(topics, 2))
    return keys
