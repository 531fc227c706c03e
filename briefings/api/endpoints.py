"""Read-only JSON API at ``/api/v2/`` (Wagtail API v2).

- ``pages/``: Wagtail's pages endpoint, limited to what readers may see (live, public, not expired),
  with articles' authors, source and topics, and filterable by topic:
  ``?type=briefings.ArticlePage&country=kazakhstan&initiative=BRI&sector=energy``. An unknown topic
  is a 400 with a message rather than an empty list, so a typo is not mistaken for "no articles".
- ``topics/``: every country, initiative and sector with its number of visible articles.

See https://docs.wagtail.org/en/stable/advanced_topics/api/v2/configuration.html
"""

from django.urls import path
from django.utils import timezone

from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Page

from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response

from briefings.articles.models import ArticlePage
from briefings.search.filters import FILTER_PARAMS, MAX_FILTER_VALUES, param_name, parse_topic_filters
from taxonomy.models import Topic
from taxonomy.vocabularies import TAG_VOCABULARIES


def absolute_url(context, url):
    return context["request"].build_absolute_uri(url)


class AuthorSerializer(serializers.Serializer):
    name = serializers.CharField()
    honorific = serializers.CharField()
    role = serializers.CharField()
    affiliation = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, author):
        return absolute_url(self.context, author.get_absolute_url())


def topic_representation(context, topic):
    return {
        "name": topic.name,
        "slug": topic.slug,
        "code": topic.code,
        "hub_url": absolute_url(context, topic.hub_url()),
    }


class TopicListField(serializers.Field):
    """An article's topics of one vocabulary: ``[{"name", "slug", "code", "hub_url"}]``."""

    def to_representation(self, manager):
        return [topic_representation(self.context, topic) for topic in manager.all()]


class SourceField(serializers.Field):
    """Where the article first appeared: ``{"name", "url"}`` (``null`` where not known)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, article):
        return {"name": article.source_name or None, "url": article.source_url or None}


ARTICLE_API_FIELDS = [
    APIField("kind"),
    APIField("date"),
    APIField("standfirst"),
    APIField("authors", serializer=AuthorSerializer(many=True, read_only=True)),
    APIField("source", serializer=SourceField(read_only=True)),
    *(APIField(vocabulary.key, serializer=TopicListField(read_only=True)) for vocabulary in TAG_VOCABULARIES),
    APIField("body"),
]
ARTICLE_LISTING_FIELDS = ["date", "kind", "authors", "source"] + [v.key for v in TAG_VOCABULARIES]


class TopicFilter(BaseFilterBackend):
    """``?country=&initiative=&sector=`` (slugs, codes or names; repeated or comma-separated): pages
    tagged with every topic named."""

    def filter_queryset(self, request, queryset, view):
        filters = parse_topic_filters(request.GET)
        if filters.unknown:
            raise BadRequestError(
                "; ".join(
                    f"unknown {param_name(vocabulary)}: {value}" for vocabulary, value in filters.unknown
                )
            )
        if filters.truncated:
            raise BadRequestError(f"at most {MAX_FILTER_VALUES} topics per vocabulary")
        return filters.apply(queryset)


class ArticlePagesAPIViewSet(PagesAPIViewSet):
    # Wagtail's SearchFilter stays last: search results cannot be filtered further.
    filter_backends = [TopicFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(FILTER_PARAMS)

    def get_base_queryset(self):
        """Wagtail's live pages of this site, also public and not past expiry -- the rule of
        ``ArticlePage.objects.visible()`` for every page type. Expiry is excluded by id so that
        ``?search=`` still accepts the queryset (a search may filter only on indexed fields).

        Built once per request: Wagtail asks for it several times, each costing a look-up of the
        view restrictions."""
        if not hasattr(self, "_base_queryset"):
            expired = Page.objects.filter(expire_at__lte=timezone.now()).values("pk")
            self._base_queryset = super().get_base_queryset().public().exclude(pk__in=expired)
        return self._base_queryset

    def get_queryset(self):
        queryset = super().get_queryset()
        if issubclass(queryset.model, ArticlePage):
            queryset = queryset.newest_first().with_authors().with_topics()
        return queryset

    @classmethod
    def get_body_fields(cls, model):
        fields = super().get_body_fields(model)
        if issubclass(model, ArticlePage):
            fields += cls._convert_api_fields(ARTICLE_API_FIELDS)
        return fields

    @classmethod
    def get_listing_default_fields(cls, model):
        fields = super().get_listing_default_fields(model)
        if issubclass(model, ArticlePage):
            fields += ARTICLE_LISTING_FIELDS
        return fields


class TopicsAPIViewSet(BaseAPIViewSet):
    """All topics with their number of visible articles, most used first within each vocabulary;
    ``?vocabulary=countries`` (or a comma-separated list) for some vocabularies only."""

    model = Topic
    name = "topics"
    known_query_parameters = frozenset(["vocabulary", "format"])

    def listing_view(self, request):
        unknown = set(request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(f"query parameter is not recognised: {', '.join(sorted(unknown))}")
        vocabularies = TAG_VOCABULARIES
        if "vocabulary" in request.GET:
            by_key = {vocabulary.key: vocabulary for vocabulary in TAG_VOCABULARIES}
            keys = [key.strip() for key in request.GET["vocabulary"].split(",") if key.strip()]
            vocabularies = [by_key.get(key) for key in keys]
            if None in vocabularies or not keys:
                raise BadRequestError(
                    "vocabulary must be one or more of: " + ", ".join(v.key for v in TAG_VOCABULARIES)
                )
        context = {"request": request}
        visible = ArticlePage.objects.visible()
        items = [
            {
                "vocabulary": vocabulary.key,
                **topic_representation(context, topic),
                "count": topic.article_count,
            }
            for vocabulary in vocabularies
            for topic in visible.topic_counts(vocabulary, minimum=0)
        ]
        return Response({"meta": {"total_count": len(items)}, "items": items})

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

    @classmethod
    def get_object_detail_urlpath(cls, model, pk, namespace=""):
        return None  # a topic's page is its hub (hub_url), not an API detail view


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ArticlePagesAPIViewSet)
api_router.register_endpoint("topics", TopicsAPIViewSet)
