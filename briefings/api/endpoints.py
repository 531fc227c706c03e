"""Read-only JSON API at ``/api/v2/`` (Wagtail API v2).

- ``pages/``: Wagtail's pages endpoint, limited to what readers may see (live, public, not expired),
  with articles' authors, source and topics, and filterable by topic:
  ``?type=briefings.ArticlePage&country=kazakhstan&initiative=BRI&sector=energy``. An unknown topic
  is a 400 with a message rather than an empty list, so a typo is not mistaken for "no articles".
- ``topics/``: every country, initiative and sector with its number of visible articles.

Bad input is a 400 with a message, never a server error: ``?search=`` is read as the search page
reads ``?q=`` (``briefings.search.query.parse_query``; longer than ``MAX_QUERY_LENGTH`` characters
or ``MAX_TERMS`` words is refused), a field filter's value must suit its field (``?date=abc``),
``offset`` is at most ``MAX_OFFSET``.

See https://docs.wagtail.org/en/stable/advanced_topics/api/v2/configuration.html
"""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.urls import path

from wagtail.api import APIField
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Page, Site

from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response

from briefings.articles import stats
from briefings.articles.models import ArticlePage, on_schedule
from briefings.search.filters import FILTER_PARAMS, MAX_FILTER_VALUES, param_name, parse_topic_filters
from briefings.search.query import MAX_QUERY_LENGTH, MAX_TERMS, parse_query
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
    """An article's topics of one vocabulary: ``[{"name", "slug", "code", "hub_url"}]``, by name
    (taggit's prefetch query is DISTINCT without an ORDER BY: its rows come in any order)."""

    def to_representation(self, manager):
        topics = sorted(manager.all(), key=lambda topic: (topic.name, topic.pk))
        return [topic_representation(self.context, topic) for topic in topics]


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
        view.topic_filters = filters
        return filters.apply(queryset)


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filters (``?date=2024-03-01``), with a value its field cannot hold (a date
    that is not a date) answered 400 rather than failing in the database."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except ValidationError as exc:
            raise BadRequestError(f"field filter error: {' '.join(exc.messages)}") from exc
        except (ValueError, TypeError, OverflowError) as exc:
            raise BadRequestError(f"field filter error: {exc}") from exc


SEARCH_OPERATORS = ("and", "or")


class BoundedSearchFilter(SearchFilter):
    """Wagtail's ``?search=``, read as the search page reads ``?q=``: only its words reach the search
    backend (no operators, quotes or control characters), and a search longer than the search
    page's limits is a 400 -- 200 words would cost the backend seconds and end in a RecursionError."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if request.GET.get("search_operator", "and") not in SEARCH_OPERATORS:
            raise BadRequestError(f"search_operator must be one of: {', '.join(SEARCH_OPERATORS)}")
        query = parse_query(request.GET["search"])
        if query.shortened:
            raise BadRequestError(
                f"search is too long: at most {MAX_QUERY_LENGTH} characters and {MAX_TERMS} words"
            )
        if not query.terms:
            return queryset.none() if query.text else queryset
        params = request.GET.copy()
        params["search"] = " ".join(query.terms)
        # Wagtail's filter reads nothing of the request but its parameters.
        return super().filter_queryset(SimpleNamespace(GET=params), queryset, view)


MAX_OFFSET = 1_000_000


class BoundedPagination(WagtailPagination):
    """Wagtail's ``?offset=&limit=``, with an offset the database can take (10**30 would fail)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0").strip()
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        known = getattr(view, "known_total", lambda: None)()
        if known is not None:  # Wagtail counts with ``queryset.count()``: counting a topic's
            # articles row by row costs as many rows as there are
            queryset = queryset.all()
            queryset.count = lambda: known
        return super().paginate_queryset(queryset, request, view)


BOUNDED_FILTERS = {FieldsFilter: CheckedFieldsFilter, SearchFilter: BoundedSearchFilter}


class ArticlePagesAPIViewSet(PagesAPIViewSet):
    # The search filter stays last: search results cannot be filtered further.
    filter_backends = [TopicFilter, *(BOUNDED_FILTERS.get(f, f) for f in PagesAPIViewSet.filter_backends)]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(FILTER_PARAMS)
    pagination_class = BoundedPagination

    def get_base_queryset(self):
        """Wagtail's live pages of this site, also public and on schedule -- the rule of
        ``ArticlePage.objects.visible()`` for every page type. With ``?search=`` the schedule is
        applied by id, which the search accepts (it may filter only on indexed fields); otherwise
        on the rows themselves, so that a listing does not read every page's schedule.

        Built once per request: Wagtail asks for it several times, each costing a look-up of the
        view restrictions."""
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = self.for_readers(super().get_base_queryset())
        return self._base_queryset

    def for_readers(self, queryset):
        queryset = queryset.public()
        if "search" in self.request.GET:
            return queryset.filter(pk__in=Page.objects.filter(on_schedule()).values("pk"))
        return queryset.filter(on_schedule())

    # Parameters that do not change which articles a listing has.
    UNCOUNTED_PARAMS = frozenset({"type", "offset", "limit", "fields", "order", "format"})

    def known_total(self):
        """The number of articles a listing of every visible article on one or two topics has,
        from the topic statistics (which count those), on a one-site installation; ``None`` for
        any other listing (more topics, a search, another filter)."""
        params = set(self.request.GET) - self.UNCOUNTED_PARAMS
        if (
            self.request.GET.get("type", "").lower() != ArticlePage._meta.label_lower
            or not params <= FILTER_PARAMS.keys()
        ):
            return None
        filters = getattr(self, "topic_filters", None)  # as ``TopicFilter`` read them
        if filters is None or len(Site.get_site_root_paths()) != 1:
            return None
        keys = [(vocabulary.key, topic.pk) for vocabulary, topic in filters.selected]
        if len(set(keys)) != len(keys):
            return None
        if len(keys) == 1:
            return stats.topic_total(keys[0])
        if len(keys) == 2:
            return stats.pair_total(*keys)
        return None

    def find_object(self, queryset, request):
        """``?html_path=`` or ``?id=`` (a number, else 400)."""
        if "id" in request.GET:
            try:
                int(request.GET["id"])
            except ValueError as exc:
                raise BadRequestError("id must be an integer") from exc
        return super().find_object(queryset, request)

    def get_queryset(self):
        if self.request.GET.get("type", "").lower() == ArticlePage._meta.label_lower:
            # Wagtail narrows its pages of every type to one type by id (``pk__in``), which costs
            # a pass over every page; the articles' own rows carry the same conditions.
            if not hasattr(self, "_articles"):  # built once per request, as ``get_base_queryset``
                try:
                    self._articles = self.for_readers(
                        get_public_pages_queryset(self.request, model=ArticlePage)
                    )
                except ValueError as exc:  # an unknown ?site=, as Wagtail answers it
                    raise BadRequestError(str(exc)) from exc
            queryset = self._articles
        else:
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
        items = [
            {
                "vocabulary": vocabulary.key,
                **topic_representation(context, topic),
                "count": topic.article_count,
            }
            for vocabulary in vocabularies
            for topic in stats.topic_counts(vocabulary, minimum=0)
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
