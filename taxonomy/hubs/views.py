"""Topic hubs: browse published analysis by country, region, initiative and sector."""

import functools

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse

from briefings.articles import stats
from briefings.core import freshness, seo
from briefings.core.identity import identity_for
from briefings.core.pagination import paginate
from taxonomy.models import Country, TopicRedirect
from taxonomy.subject import is_subject
from taxonomy.vocabularies import COUNTRIES, REGIONS, TAG_VOCABULARIES, get_vocabulary

from . import queries
from . import seo as hub_seo


class TopicMoved(Exception):
    def __init__(self, slug):
        self.slug = slug


def lookup_topic(vocabulary_key, slug):
    """``(vocabulary, topic)`` for a URL, 404 if unknown, ``TopicMoved`` after a rename or merge."""
    vocabulary = get_vocabulary(vocabulary_key)
    if vocabulary is None:
        raise Http404("No such vocabulary")
    topic = vocabulary.get(slug)
    if topic is not None:
        return vocabulary, topic
    moved = TopicRedirect.objects.filter(vocabulary=vocabulary_key, old_slug=slug).first()
    if moved is not None:
        raise TopicMoved(moved.new_slug)
    raise Http404("No such topic")


def follow_renames(view):
    """Answer old topic addresses with a 301 to the topic's current address."""

    @functools.wraps(view)
    def wrapper(request, **kwargs):
        try:
            return view(request, **kwargs)
        except TopicMoved:
            pass
        new_kwargs = dict(kwargs)
        for vocab_arg, slug_arg in (("vocabulary", "slug"), ("vocabulary2", "slug2")):
            if slug_arg in kwargs:
                try:
                    lookup_topic(kwargs[vocab_arg], kwargs[slug_arg])
                except TopicMoved as moved:
                    new_kwargs[slug_arg] = moved.slug
        url = reverse(request.resolver_match.view_name, kwargs=new_kwargs)
        if request.GET:
            url += "?" + request.GET.urlencode()
        return HttpResponsePermanentRedirect(url)

    return wrapper


def topics_index(request):
    vocabularies = [(vocabulary, stats.topic_counts(vocabulary)) for vocabulary in TAG_VOCABULARIES]
    regions = stats.topic_counts(REGIONS)
    meta = seo.page_meta(
        request,
        title="Topics",
        description=f"Browse {identity_for(request).name} analysis by country, region, initiative and sector.",
    )
    return render(
        request,
        "taxonomy/topics_index.html",
        {"vocabularies": vocabularies, "regions": regions, "meta": meta},
    )


def vocabulary_index(request, vocabulary):
    vocab = get_vocabulary(vocabulary)
    if vocab is None:
        raise Http404("No such vocabulary")
    # Countries and regions: only those with articles (there are 249 countries); the short
    # initiative and sector lists show every topic, with its count.
    minimum = 1 if vocab in (COUNTRIES, REGIONS) else 0
    topics = stats.topic_counts(vocab, minimum=minimum)
    groups = None
    if vocab is COUNTRIES:
        regions = {
            c.pk: c.region
            for c in Country.objects.filter(pk__in=[t.pk for t in topics]).select_related("region")
        }
        grouped = {}
        for topic in topics:
            region = regions.get(topic.pk)
            grouped.setdefault(region, []).append(topic)
        groups = sorted(grouped.items(), key=lambda item: (item[0] is None, item[0].name if item[0] else ""))
    return render(
        request,
        "taxonomy/vocabulary_index.html",
        {
            "vocabulary": vocab,
            "topics": topics,
            "groups": groups,
            "world_map": queries.partners_map() if vocab is COUNTRIES else None,
            "meta": seo.page_meta(
                request,
                title=vocab.label,
                description=(
                    f"{identity_for(request).name} analysis by {vocab.singular.lower()}, "
                    "with the number of articles on each."
                ),
            ),
        },
    )


@follow_renames
def hub(request, vocabulary, slug):
    vocab, topic = lookup_topic(vocabulary, slug)
    visible = queries.visible_articles()
    articles = queries.topic_articles(vocab, topic, visible)
    key = queries.topic_key(vocab, topic)
    total = stats.topic_total(key)
    page = paginate(request, articles.newest_first().for_cards(), count=total)
    featured = visible.filter(pk__in=topic.featured_ids).for_cards() if topic.featured_ids else []
    context = {
        "vocabulary": vocab,
        "topic": topic,
        "articles": page,
        "featured": featured,
        "feed_url": reverse("taxonomy:hub_feed", kwargs={"vocabulary": vocab.key, "slug": topic.slug}),
        "feed_title": f"{identity_for(request).name}: {topic.name}",
        "json_ld": hub_seo.hub_json_ld(request, vocab, topic, page.object_list),
    }
    if vocab is COUNTRIES and is_subject(topic):
        return partners(request, topic, context)
    related = queries.related_topics(vocab, topic, topic_total=total)
    if not topic.featured_ids:
        # The articles on its topic (a region's map counts its countries, on which every article
        # is on the region), and related topics, ranked from every article's topics but rarely
        # changed by one (a digest scope).
        freshness.depends_on(
            request,
            [freshness.topic(key)],
            digests={freshness.related(key): queries.shown_related_digest(related)},
        )
    context.update(
        related=related,
        chart=queries.activity_chart(stats.monthly(key)),
        world_map=queries.partners_map(region=topic) if vocab is REGIONS else None,
        meta=hub_seo.hub_meta(request, vocab, topic),
    )
    return render(request, "taxonomy/hub.html", context)


def partners(request, topic, context):
    """The subject country's hub: its partners on a world map (and a table), then the latest
    pieces. Every article is on the subject, so a list of related topics would say nothing."""
    title = f"{topic.name}’s partners"
    publication = identity_for(request).name
    description = f"The countries {publication} analysis covers in {topic.name}’s relations, on a map."
    context.update(
        title=title,
        world_map=queries.partners_map(),
        meta=seo.page_meta(request, title=title, description=description),
    )
    return render(request, "taxonomy/partners.html", context)


@follow_renames
def intersection(request, vocabulary, slug, vocabulary2, slug2):
    first = lookup_topic(vocabulary, slug)
    second = lookup_topic(vocabulary2, slug2)
    if first == second:
        raise Http404("A topic does not intersect itself")
    articles = queries.intersection_articles(first, second)
    keys = queries.topic_key(*first), queries.topic_key(*second)
    freshness.depends_on(request, [freshness.pair(*keys)])
    page = paginate(request, articles.newest_first().for_cards(), count=stats.pair_total(*keys))
    canonical_path = queries.canonical_intersection_url(first, second)
    return render(
        request,
        "taxonomy/intersection.html",
        {
            "first": first,
            "second": second,
            "articles": page,
            "chart": queries.activity_chart(stats.monthly(*keys)),
            "feed_url": reverse(
                "taxonomy:intersection_feed",
                kwargs={"vocabulary": vocabulary, "slug": slug, "vocabulary2": vocabulary2, "slug2": slug2},
            ),
            "feed_title": f"{identity_for(request).name}: {first[1].name} + {second[1].name}",
            "canonical_url": seo.absolute(request, canonical_path),
            "meta": hub_seo.intersection_meta(request, first, second, canonical_path),
            "json_ld": hub_seo.intersection_json_ld(request, first, second, page.object_list, canonical_path),
        },
    )
