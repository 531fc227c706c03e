"""The browsable vocabularies: countries, initiatives, sectors and (derived from countries) regions.

Hubs, feeds, the importer and the API go through this registry, so a vocabulary's URL segment,
labels and model are written once. Which articles carry a topic is the articles' business
(``briefings.articles.topics``).
"""

from dataclasses import dataclass

from django.db.models import Q

from . import names
from .models import Country, Initiative, Region, Sector


@dataclass(frozen=True)
class Vocabulary:
    key: str  # URL segment and ArticlePage field: "countries"
    label: str  # "Countries"
    singular: str  # "Country"
    model: type
    tagged: bool  # articles are tagged with it (regions come from their countries)

    def topics(self):
        return self.model.objects.all()

    def get(self, slug):
        return self.model.objects.filter(slug=slug).first()


COUNTRIES = Vocabulary(names.COUNTRIES, "Countries", "Country", Country, True)
INITIATIVES = Vocabulary(names.INITIATIVES, "Initiatives", "Initiative", Initiative, True)
SECTORS = Vocabulary(names.SECTORS, "Sectors", "Sector", Sector, True)
REGIONS = Vocabulary(names.REGIONS, "Regions", "Region", Region, False)

TAG_VOCABULARIES = (COUNTRIES, INITIATIVES, SECTORS)
VOCABULARIES = {v.key: v for v in (COUNTRIES, INITIATIVES, SECTORS, REGIONS)}


def get_vocabulary(key):
    return VOCABULARIES.get(key)


def vocabulary_of(topic):
    for vocabulary in VOCABULARIES.values():
        if isinstance(topic, vocabulary.model):
            return vocabulary
    raise ValueError(f"not a topic: {topic!r}")


def topic_order_key(vocabulary_key, slug):
    """Where a topic sorts when two are shown or combined: by vocabulary (countries, initiatives,
    sectors, regions), then slug."""
    return (list(VOCABULARIES).index(vocabulary_key), slug)


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
