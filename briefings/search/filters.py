"""Topic filters shared by the search page and the API (``?country=…&initiative=…&sector=…``),
and the search page's sort order, date range, author and kind (``ListingFilters``)."""

import datetime
import re
from dataclasses import dataclass, field

from briefings.articles.models import Author, tagged_ids
from briefings.core.kinds import KIND_VALUES
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


# Sort order, date range, author and kind: the search page's own filters ---------------------------

SORTS = (("relevance", "Relevance"), ("date", "Newest first"))
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class ListingFilters:
    """``?sort=relevance|date&from=YYYY-MM-DD&to=YYYY-MM-DD&author=<slug>&kind=<kind>``, read, with
    a note for each value that could not be used (that filter is then left out)."""

    sort: str = ""  # "relevance" or "date"; "" for the default (relevance when there are words)
    start: datetime.date | None = None
    end: datetime.date | None = None
    author: Author | None = None
    kind: str = ""
    notes: list = field(default_factory=list)

    @property
    def active(self):
        """Whether anything narrows the articles (the sort order does not)."""
        return bool(self.start or self.end or self.author or self.kind)

    def apply_dates(self, queryset):
        return queryset.dated_between(self.start, self.end) if self.start or self.end else queryset

    def apply_author(self, queryset):
        return queryset.by_author(self.author) if self.author else queryset

    def apply_kind(self, queryset):
        return queryset.filter(kind=self.kind) if self.kind else queryset

    def params(self, without=()):
        """The filters as URL parameters (leaving out those named in ``without``)."""
        pairs = [
            ("sort", self.sort),
            ("from", self.start.isoformat() if self.start else ""),
            ("to", self.end.isoformat() if self.end else ""),
            ("author", self.author.slug if self.author else ""),
            ("kind", self.kind),
        ]
        return [(name, value) for name, value in pairs if value and name not in without]


def _date(params, name, label, notes):
    value, _ = clean_text(params.get(name, ""), MAX_FILTER_VALUE_LENGTH)
    if not value:
        return None
    try:
        if not DATE_RE.fullmatch(value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        notes.append(f"“{value}” is not a date: write the {label} date as YYYY-MM-DD, e.g. 2024-03-01.")
        return None


def parse_listing_filters(params):
    notes = []
    filters = ListingFilters(notes=notes)
    sort, _ = clean_text(params.get("sort", ""), MAX_FILTER_VALUE_LENGTH)
    if sort in dict(SORTS):
        filters.sort = sort
    elif sort:
        notes.append(f"Unknown sort order “{sort}”: choose relevance or date.")
    filters.start = _date(params, "from", "“from”", notes)
    filters.end = _date(params, "to", "“to”", notes)
    if filters.start and filters.end and filters.start > filters.end:
        notes.append(
            f"The “from” date ({filters.start}) was after the “to” date ({filters.end}): they were swapped."
        )
        filters.start, filters.end = filters.end, filters.start
    slug, _ = clean_text(params.get("author", ""), MAX_FILTER_VALUE_LENGTH)
    if slug:
        filters.author = Author.objects.filter(slug=slug).first()
        if filters.author is None:
            notes.append(f"Unknown author: {slug}")
    kind, _ = clean_text(params.get("kind", ""), MAX_FILTER_VALUE_LENGTH)
    if kind in KIND_VALUES:
        filters.kind = kind
    elif kind:
        notes.append(f"Unknown kind: {kind}")
    return filters
