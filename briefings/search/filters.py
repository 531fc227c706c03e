"""Topic filters shared by the search page and the API: ``?country=…&initiative=…&sector=…``."""

from dataclasses import dataclass, field

from briefings.articles.models import tagged_ids
from taxonomy.vocabularies import TAG_VOCABULARIES, resolve_codes

from .query import clean_text

MAX_FILTER_VALUES = 10  # per vocabulary; each value is one lookup
MAX_FILTER_VALUE_LENGTH = 100


def param_name(vocabulary):
    return vocabulary.singular.lower()


# One parameter per tag vocabulary.
FILTER_PARAMS = {param_name(vocabulary): vocabulary for vocabulary in TAG_VOCABULARIES}


@dataclass
class TopicFilters:
    selected: list = field(default_factory=list)  # (vocabulary, topic), in parameter order
    unknown: list = field(default_factory=list)  # (vocabulary, value as given)
    truncated: list = field(default_factory=list)  # vocabularies given more than MAX_FILTER_VALUES

    def apply(self, queryset):
        """Pages tagged with every selected topic (AND across and within vocabularies)."""
        for vocabulary, topic in self.selected:
            queryset = queryset.filter(pk__in=tagged_ids(vocabulary.key, topic))
        return queryset

    def params(self):
        return [(param_name(vocabulary), topic.slug) for vocabulary, topic in self.selected]


def parse_topic_filters(params):
    """Topics named by ``?country=&initiative=&sector=`` (slugs, codes or names, repeated or
    comma-separated) and the values that name none."""
    filters = TopicFilters()
    for name, vocabulary in FILTER_PARAMS.items():
        values = []
        for given in params.getlist(name):
            for part in given.split(","):
                value, _ = clean_text(part, MAX_FILTER_VALUE_LENGTH)
                if value and value.casefold() not in {v.casefold() for v in values}:
                    values.append(value)
        if len(values) > MAX_FILTER_VALUES:
            filters.truncated.append(vocabulary)
            values = values[:MAX_FILTER_VALUES]
        found, unknown = resolve_codes(vocabulary, values)
        filters.selected += [(vocabulary, topic) for topic in found]
        filters.unknown += [(vocabulary, value) for value in unknown]
    return filters
