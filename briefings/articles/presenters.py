"""What the home page, the briefings index and an article page show, assembled from the page
models' named querysets: listings, topics, related articles, previous/next, citations, SEO and
JSON-LD.

The page models call these from ``get_context``; this module does not import them (it reaches
their querysets through the page it is given), so the dependency points one way.
"""

from briefings.core import freshness, seo
from briefings.core.identity import identity_for
from briefings.core.pagination import paginate
from briefings.core.share import share_links
from taxonomy.subject import without_subject
from taxonomy.vocabularies import TAG_VOCABULARIES

from . import citations, stats
from .endnotes import Endnotes
from .seo import article_json_ld, article_meta

HOME_LATEST = 8
HOME_TOPICS = 8
RELATED_ARTICLES = 4


def home(request, articles, briefings_index):
    """``articles``: the visible articles."""
    return {
        "latest_articles": articles.newest_first().for_cards()[:HOME_LATEST],
        "briefings_index": briefings_index,
        "active_topics": [
            (v, stats.topic_counts(v, limit=HOME_TOPICS, without_subject=True)) for v in TAG_VOCABULARIES
        ],
        "json_ld": seo.website_json_ld(request),
    }


def briefing_index(request, articles):
    """``articles``: the visible articles of the briefings index, which holds every article (the
    site has one), so their number is the kept total instead of a count of them all."""
    return {"articles": paginate(request, articles, count=stats.total_articles())}


def article_topics(article):
    """``{vocabulary: [topic, …]}`` for the tag vocabularies, in their order."""
    by_key = article.topics_by_key()
    return {vocabulary: by_key[vocabulary.key] for vocabulary in TAG_VOCABULARIES}


def topic_chips(topics):
    """``[(label, [topic, …]), …]``: what an article's topic list shows, by vocabulary. The
    subject country is left out (it is on nearly every article); meta tags and JSON-LD keep it."""
    groups = [(vocabulary.label, without_subject(group)) for vocabulary, group in topics.items()]
    return [(label, group) for label, group in groups if group]


def related_articles(article, topics, visible, window):
    by_key = {vocabulary.key: group for vocabulary, group in topics.items()}
    return list(visible.related_to(article, by_key, window).for_cards()[:RELATED_ARTICLES])


def window_scopes(window):
    """What an article page shows of other articles comes from its window of articles near it
    by date (related articles, previous and next): it depends on the months the window spans, and
    on the side's last article of each kind (dated, undated) it ran short of, before which another
    could come and join it; on every article when the window spans too many months."""
    if window.first_day is None:
        return {freshness.ARTICLES}
    months = freshness.months_between(window.first_day, window.last_day)
    if months is None:
        return {freshness.ARTICLES}
    return {*months, *(freshness.edge(dated, later) for dated, later in window.open_sides)}


def neighbours(window, visible):
    """``(older, newer)``: the visible articles either side of an article in its index, by date:
    the nearest of its ``window`` (of its index's articles) on each side, fetched by id."""
    if window is None:
        return None, None
    pages = visible.defer_streamfields().in_bulk([pk for pk in (window.older, window.newer) if pk])
    return pages.get(window.older), pages.get(window.newer)


def citation(article, request=None, authors=None):
    authors = authors if authors is not None else article.authors
    return citations.Citation.build(
        title=article.title,
        url=article.get_full_url(request),
        author_names=[author.name for author in authors],
        date=article.display_date,
        original_outlet=article.source_name,
        publisher=identity_for(request).name,
    )


def article(page, request):
    authors = page.authors
    topics = article_topics(page)
    # Built once: visible() looks up the view restrictions.
    visible = type(page).objects.visible()
    # The articles near it by date in its index: its previous and next, and those related
    # analysis is chosen from.
    window = visible.sibling_of(page, inclusive=False).window(page) if page.display_date else None
    older, newer = neighbours(window, visible)
    freshness.depends_on(request, window_scopes(window) if window else {freshness.ARTICLES})
    cited = citation(page, request, authors)
    url = page.get_full_url(request)
    endnotes = Endnotes(page.body)
    return {
        "authors": authors,
        "topic_groups": topic_chips(topics),
        "related_articles": related_articles(page, topics, visible, window),
        "older_article": older,
        "newer_article": newer,
        "citations": [(key, label, style(cited)) for key, label, style in citations.STYLES],
        "share_url": url,
        "share_links": share_links(url, page.title),
        "endnotes": endnotes,
        "meta": article_meta(page, request, authors, topics, endnotes.notes),
        "json_ld": article_json_ld(page, request, authors, topics, endnotes.notes),
    }
