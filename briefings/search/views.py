"""Site search: Wagtail full-text search over what readers may see, narrowed by topic, date range,
author and kind, sorted by relevance or date, with facets.

Words are matched and ranked by ``matching`` (PostgreSQL full-text search on Wagtail's index; SQLite
FTS5 under ``make run``), within a bounded pool of the newest ``MAX_RESULTS`` matches; filters and
facet counts are plain SQL over the articles and their link tables, a fixed number of queries
whatever the number of results. The API shares the topic filters
(``filters.parse_topic_filters``) and the reading of the query (``query.parse_query``) with this page.
"""

import re
from dataclasses import dataclass

from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from briefings.articles.blocks import body_paragraphs
from briefings.articles.models import ArticleAuthor, ArticlePage, topic_links
from briefings.core import freshness
from briefings.core.kinds import KINDS
from briefings.core.lookups import among
from briefings.core.pagination import paginate
from taxonomy.vocabularies import TAG_VOCABULARIES

from .filters import MAX_FILTER_VALUES, SORTS, param_name, parse_listing_filters, parse_topic_filters
from .matching import MAX_RESULTS, Pool, lexemes, ranked
from .query import MAX_QUERY_LENGTH, MAX_TERMS, WORD_CHAR, parse_query

FACET_TOPICS_SHOWN = 12  # per vocabulary; the rest sit behind a "more" disclosure
SNIPPET_LENGTH = 260  # characters
SNIPPET_LEAD = 70  # characters of context before the first match
# Crude English suffixes, so that "pipelines" highlights "pipeline" as the full-text stemmer matches it.
STEM_SUFFIXES = ("ing", "ies", "ed", "es", "s")
MIN_STEM = 4


@dataclass
class FacetTopic:
    name: str
    count: int
    url: str  # this search with the topic added

    @property
    def html(self):
        """Its list item, made here: a facet may list every topic of its vocabulary, and the
        template engine took a millisecond per thirty of them."""
        return format_html(
            '<li><a href="{}" rel="nofollow">{}</a> <span class="count">{}</span></li>',
            self.url,
            self.name,
            self.count,
        )


@dataclass
class Facet:
    vocabulary: object
    topics: list

    @property
    def shown(self):
        return self.topics[:FACET_TOPICS_SHOWN]

    @property
    def more(self):
        return self.topics[FACET_TOPICS_SHOWN:]


def facets(article_ids, query_text, filters, extra=()):
    """Per vocabulary: the topics of the results and how many results each has (one query per
    vocabulary, aggregated on the link table), leaving out topics already selected. ``extra``: the
    other filters' parameters, which the facets' links keep."""
    selected = {(vocabulary.key, topic.pk) for vocabulary, topic in filters.selected}
    result = []
    for vocabulary in TAG_VOCABULARIES:
        rows = (
            topic_links(vocabulary.key)
            .filter(among("content_object_id", article_ids))
            .values("tag_id", "tag__name", "tag__slug")
            .annotate(count=Count("content_object_id"))
            .order_by("-count", "tag__name")
        )
        rows = [row for row in rows if (vocabulary.key, row["tag_id"]) not in selected]
        urls = search_urls(
            query_text, filters.params(), param_name(vocabulary), [row["tag__slug"] for row in rows], extra
        )
        topics = [
            FacetTopic(row["tag__name"], row["count"], url) for row, url in zip(rows, urls, strict=True)
        ]
        result.append(Facet(vocabulary, topics))
    return result


@dataclass
class Chip:
    label: str  # "Kazakhstan"
    field: str  # "Country"
    remove_url: str


def chips(query_text, filters, listing):
    """A chip for each filter in use, whose link is this search without it."""
    params, extra = filters.params(), listing.params()
    result = [
        Chip(topic.name, vocabulary.singular, search_url(query_text, params[:n] + params[n + 1 :] + extra))
        for n, (vocabulary, topic) in enumerate(filters.selected)
    ]
    for name, field, label in (
        ("from", "From", listing.start and listing.start.isoformat()),
        ("to", "To", listing.end and listing.end.isoformat()),
        ("author", "Author", listing.author and listing.author.display_name),
        ("kind", "Kind", listing.kind and dict(KINDS)[listing.kind]),
    ):
        if label:
            result.append(Chip(label, field, search_url(query_text, params + listing.params(without=[name]))))
    return result


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


def author_options(articles, listing):
    """The authors of ``articles`` (the results but for the author filter), most results first."""
    rows = (
        ArticleAuthor.objects.filter(page__in=articles.order_by().values("pk"))
        .values("author__slug", "author__name")
        .annotate(count=Count("page", distinct=True))
        .order_by("-count", "author__name")
    )
    chosen = listing.author.slug if listing.author else ""
    options = [
        Option(r["author__slug"], r["author__name"], r["count"], r["author__slug"] == chosen) for r in rows
    ]
    if listing.author and not any(option.selected for option in options):
        options.insert(0, Option(listing.author.slug, listing.author.name, 0, True))
    return options


def kind_options(articles, listing):
    """The kinds of ``articles`` (the results but for the kind filter), in the site's order."""
    counts = dict(
        articles.order_by().values_list("kind").annotate(count=Count("pk")).values_list("kind", "count")
    )
    return [
        Option(value, label, counts.get(value, 0), value == listing.kind)
        for value, label in KINDS
        if counts.get(value) or value == listing.kind
    ]


def search_url(query_text, params):
    return search_urls(query_text, params, None, [None], ())[0]


def search_urls(query_text, before, name, values, after):
    """This search's address with the parameters ``[*before, (name, value), *after]`` (``name``
    None: without that one), for each of ``values``; the parts they share are encoded once (a
    facet makes one per topic of its vocabulary)."""
    base = reverse("search")
    head = urlencode(([("q", query_text)] if query_text else []) + list(before))
    tail = urlencode(list(after))
    urls = []
    for value in values:
        query = "&".join(part for part in (head, name and urlencode([(name, value)]), tail) if part)
        urls.append(f"{base}?{query}" if query else base)
    return urls


# Highlighting: Wagtail's database backends have no highlighter, so matches are marked here.


def _stem(term):
    folded = term.casefold()
    for suffix in STEM_SUFFIXES:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= MIN_STEM:
            return folded[: -len(suffix)]
    return folded


def highlighter(terms):
    """A regex matching the words a query's terms stand for: a word starting with the term's stem
    ("pipeline" for "pipelines"), or for short terms the word or its plural ("oil", "oils", "中文")."""
    # A lone Latin letter (the "s" of "China's") is noise; a lone Chinese character is a word.
    terms = [term for term in terms if len(term) > 1 or not term.isascii()]
    if not terms:
        return None
    stems = sorted({_stem(term) for term in terms}, key=len, reverse=True)
    prefixes = [re.escape(s) for s in stems if len(s) >= MIN_STEM]
    words = [re.escape(s) for s in stems if len(s) < MIN_STEM]
    alternatives = []
    if prefixes:
        alternatives.append(rf"(?:{'|'.join(prefixes)}){WORD_CHAR}*")
    if words:
        alternatives.append(rf"(?:{'|'.join(words)})(?:e?s)?(?!{WORD_CHAR})")
    return re.compile(rf"(?<!{WORD_CHAR})(?:{'|'.join(alternatives)})", re.IGNORECASE)


def highlight(text, pattern):
    """``text`` HTML-escaped, with the matches of ``pattern`` in ``<mark>``: every piece of the
    text is escaped on its own, so no markup from the text (or a half entity) gets through."""
    if pattern is None:
        return escape(text)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html("<mark>{}</mark>", match.group()))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped pieces above


def article_texts(article):
    """The standfirst, then the body's text block by block (captions included), as plain text."""
    if article.standfirst:
        yield article.standfirst
    yield from body_paragraphs(article.body, captions=True)


def excerpt(text, start, length=SNIPPET_LENGTH, lead=SNIPPET_LEAD):
    """About ``length`` characters of ``text`` around position ``start``, cut at spaces."""
    begin = max(0, start - lead)
    if begin:
        space = text.rfind(" ", 0, begin + 1)
        begin = space + 1 if space > 0 else begin
    end = begin + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("…" if begin else "") + opening(text[begin:end]) + ("…" if end < len(text) else "")


_LEADING_PUNCTUATION = re.compile(r"^[\s\-\u2010-\u2015:;,.\u00b7|/]+")


def opening(text):
    """``text`` without the punctuation it may start with when cut from a passage: the dash of a
    dateline ("— ASTANA", "- Kazakhstan and China …"), a stray comma or colon."""
    return _LEADING_PUNCTUATION.sub("", text)


def snippet(article, pattern):
    """The passage matching most of the query's words (the first of equals), highlighted, from
    its first match; else the opening of the article."""
    texts = list(article_texts(article))
    best, best_words = None, 0
    for text in texts if pattern else ():
        matches = list(pattern.finditer(text))
        words = len({match.group().casefold() for match in matches})
        if words > best_words:
            best, best_words = (text, matches[0].start()), words
    if best:
        return highlight(excerpt(*best), pattern)
    return highlight(Truncator(opening(texts[0]) if texts else "").chars(SNIPPET_LENGTH), pattern)


@dataclass
class Result:
    article: ArticlePage
    title: str  # highlighted HTML
    snippet: str  # highlighted HTML


def in_order(ids):
    """The articles of ``ids`` (a page of results), in that order, with their bylines."""
    articles = ArticlePage.objects.filter(pk__in=ids).with_authors().in_bulk()
    return [articles[pk] for pk in ids if pk in articles]


def depend_on_words(request, terms):
    """The results, counts and options come from the articles holding every word: a change to an
    article without one of them (the longest, likely the rarest) cannot touch the page
    (``briefings.core.freshness``)."""
    words = lexemes(terms)
    if words:
        freshness.depends_on(request, [freshness.lexeme(max(words, key=lambda word: (len(word), word)))])


def search(request):
    query = parse_query(request.GET.get("q", ""))
    filters = parse_topic_filters(request.GET)
    listing = parse_listing_filters(request.GET)
    articles = listing.apply_dates(filters.apply(ArticlePage.objects.visible()))
    notes = [f"Unknown {vocabulary.singular.lower()}: {value}" for vocabulary, value in filters.unknown]
    notes += [
        f"Only the first {MAX_FILTER_VALUES} {vocabulary.label.lower()} were used."
        for vocabulary in filters.truncated
    ]
    notes += listing.notes
    if query.shortened:
        notes.append(
            f"Your search was too long: only its first {MAX_QUERY_LENGTH} characters "
            f"(and at most {MAX_TERMS} words) were used."
        )
    if query.text and not query.terms:
        notes.append("Your search has no words to look for: try letters or numbers.")

    # With words: the pool, the newest MAX_RESULTS matches (``matching``), which the results, the
    # facets and the filter options are drawn from; the author and kind options count within the
    # matches but for their own filter.
    sort = listing.sort or ("relevance" if query.text else "date")
    pattern = highlighter(query.terms)
    results, capped = None, False
    if query.text:
        depend_on_words(request, query.terms)
        pool_of = Pool(
            query.terms, topics=[(vocabulary.key, topic.pk) for vocabulary, topic in filters.selected]
        )
        matches = pool_of.newest_ids if query.terms else lambda articles: []
        pool = matches(listing.apply_kind(listing.apply_author(articles)))
        capped, pool = len(pool) > MAX_RESULTS, pool[:MAX_RESULTS]
        if capped:
            notes.append(
                f"More than {MAX_RESULTS:,} articles match: these are the newest {MAX_RESULTS:,}"
                f"{', most relevant first' if sort == 'relevance' else ''}, and the counts are theirs. "
                "Add words or filters to narrow the search."
            )
        results = paginate(request, ranked(pool, query.terms) if sort == "relevance" else pool)
        results.object_list = in_order(results.object_list)
        result_ids = pool
        by_kind = ArticlePage.objects.filter(
            among("pk", matches(listing.apply_kind(articles))[:MAX_RESULTS] if listing.author else pool)
        )
        by_author = ArticlePage.objects.filter(
            among("pk", matches(listing.apply_author(articles))[:MAX_RESULTS] if listing.kind else pool)
        )
    else:
        matching = listing.apply_kind(listing.apply_author(articles))
        result_ids = matching.values("pk")
        if filters.selected or listing.active:
            results = paginate(request, matching.newest_first().with_authors())
        by_kind, by_author = listing.apply_kind(articles), listing.apply_author(articles)
    if results is not None:
        results.object_list = [
            Result(article, highlight(article.title, pattern), snippet(article, pattern))
            for article in results.object_list
        ]
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "results": results,
            "capped": capped,
            "max_results": f"{MAX_RESULTS:,}",
            "sort": sort,
            "sorts": SORTS,
            "listing": listing,
            "authors": author_options(by_kind, listing),
            "kinds": kind_options(by_author, listing),
            "chips": chips(query.text, filters, listing),
            "clear_url": search_url(query.text, []),
            "filter_params": filters.params(),
            "facets": facets(result_ids, query.text, filters, listing.params()),
            "notes": notes,
        },
    )
