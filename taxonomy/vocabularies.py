"""The browsable vocabularies and how each finds its articles.

Hubs, feeds, the importer and the API go through this registry, so "articles about a topic"
has one definition per vocabulary.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import ArticleCountry, ArticleInitiative, ArticleSector, Country, Initiative, Region, Sector


@dataclass(frozen=True)
class Vocabulary:
    key: str  # URL segment: "countries"
    label: str  # "Countries"
    singular: str  # "Country"
    model: type
    through: type | None  # tag link model; None for regions (derived from countries)
    article_field: str | None  # ArticlePage manager attribute: "countries"

    def links(self) -> QuerySet:
        """Rows (tag_id, content_object_id) linking articles to this vocabulary's topics."""
        if self.through is not None:
            return self.through.objects.all()
        return ArticleCountry.objects.filter(tag__region__isnull=False)

    def link_topic_field(self) -> str:
        return "tag_id" if self.through is not None else "tag__region_id"

    def article_ids(self, topic) -> QuerySet:
        """Subquery of the ids of articles (any status) tagged with ``topic``."""
        return self.links().filter(**{self.link_topic_field(): topic.pk}).values("content_object_id")

    @property
    def count_path(self) -> str:
        """Path from a topic to the ids of its articles, for annotations."""
        return (
            "tagged_items__content_object"
            if self.through is not None
            else "countries__tagged_items__content_object"
        )

    def topics(self) -> QuerySet:
        return self.model.objects.all()

    def get(self, slug):
        return self.model.objects.filter(slug=slug).first()


COUNTRIES = Vocabulary("countries", "Countries", "Country", Country, ArticleCountry, "countries")
INITIATIVES = Vocabulary(
    "initiatives", "Initiatives", "Initiative", Initiative, ArticleInitiative, "initiatives"
)
SECTORS = Vocabulary("sectors", "Sectors", "Sector", Sector, ArticleSector, "sectors")
REGIONS = Vocabulary("regions", "Regions", "Region", Region, None, None)

TAG_VOCABULARIES = (COUNTRIES, INITIATIVES, SECTORS)
VOCABULARIES = {v.key: v for v in (COUNTRIES, INITIATIVES, SECTORS, REGIONS)}


def get_vocabulary(key):
    return VOCABULARIES.get(key)


def vocabulary_of(topic):
    for vocabulary in VOCABULARIES.values():
        if isinstance(topic, vocabulary.model):
            return vocabulary
    raise ValueError(f"not a topic: {topic!r}")


def resolve_codes(vocabulary, codes):
    """Look up topics by slug, code or name (case-insensitive); returns (topics, unknown codes)."""
    found, unknown = [], []
    for code in codes:
        code = code.strip()
        if not code:
            continue
        match = Q(slug__iexact=code) | Q(name__iexact=code)
        if vocabulary is COUNTRIES:
            match |= Q(alpha2__iexact=code) | Q(alpha3__iexact=code)
        elif vocabulary is INITIATIVES:
            match |= Q(acronym__iexact=code)
        topic = vocabulary.model.objects.filter(match).first()
        if topic is None:
            unknown.append(code)
        elif topic not in found:
            found.append(topic)
    return found, unknown
