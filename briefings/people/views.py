"""Author pages: who writes for the centre (``/experts/``), and what each has written."""

from django.shortcuts import get_object_or_404, render
from django.views.generic import RedirectView

from briefings.articles import stats
from briefings.articles.models import ArticlePage, Author
from briefings.core import seo
from briefings.core.identity import identity_for
from briefings.core.pagination import paginate
from taxonomy.vocabularies import TAG_VOCABULARIES

from .seo import author_json_ld, author_meta

AUTHOR_TOP_TOPICS = 5
EXPERT_FOCUS_TOPICS = 3


def experts(request):
    """The centre's people with published work: photo, role, focus topics and latest piece,
    alphabetically, in a fixed number of queries whatever their number and their articles' (from
    the kept statistics, ``stats.authors_with_articles``)."""
    counted = stats.authors_with_articles()
    authors = list(
        Author.objects.filter(pk__in=list(counted))
        .order_by("name")
        .select_related("photo")
        .prefetch_related("photo__renditions")
    )
    latest_articles = ArticlePage.objects.defer_streamfields().in_bulk(
        [latest_id for _, latest_id in counted.values()]
    )
    focus = focus_topics([author.pk for author in authors])
    for author in authors:
        author.article_count, latest_id = counted[author.pk]
        author.latest_article = latest_articles.get(latest_id)
        author.focus_topics = focus.get(author.pk, [])
    identity = identity_for(request)
    context = {
        "authors": authors,
        "meta": seo.page_meta(
            request,
            title="Experts",
            description=f"The fellows and guest writers who publish analysis with {identity.name}.",
        ),
    }
    return render(request, "pages/experts.html", context)


def topics_by_author(author_ids, limit):
    """``{author id: [(vocabulary, topic, articles), …]}``: the tag-vocabulary topics on each
    author's visible articles, the subject country left out, at least the ``limit`` most frequent
    (kept pair counts, ``stats.author_topics``); one query, and one per vocabulary found."""
    rows = stats.author_topics(author_ids, limit) if author_ids else []
    vocabularies = {vocabulary.key: vocabulary for vocabulary in TAG_VOCABULARIES}
    topics = {}
    for key, vocabulary in vocabularies.items():
        ids = {pk for _, (v, pk), _ in rows if v == key}
        topics[key] = vocabulary.topics().in_bulk(ids) if ids else {}
    found = {}
    for author_id, (key, pk), n in rows:
        topic = topics[key].get(pk)
        if topic is not None:
            found.setdefault(author_id, []).append((vocabularies[key], topic, n))
    return found


def focus_topics(author_ids, limit=EXPERT_FOCUS_TOPICS):
    """``{author id: [topic, …]}``: the ``limit`` topics most often on each author's articles."""
    return {
        author_id: [
            topic
            for _, topic, _ in sorted(
                # Most articles first; in a tie, countries before initiatives before sectors.
                found,
                key=lambda item: (-item[2], TAG_VOCABULARIES.index(item[0]), item[1].name),
            )[:limit]
        ]
        for author_id, found in topics_by_author(author_ids, limit).items()
    }


class AuthorIndexRedirect(RedirectView):
    """``/authors/`` was the list of authors: it is ``/experts/`` now."""

    permanent = True
    pattern_name = "experts"
    query_string = True


author_index = AuthorIndexRedirect.as_view()


def top_topics(author, limit=AUTHOR_TOP_TOPICS):
    """The topics most often on ``author``'s articles: ``[(vocabulary, topic)]`` with
    ``topic.article_count`` set, most articles first, then by name."""
    found = topics_by_author([author.pk], limit).get(author.pk, [])
    # By name in a tie; the same name in two vocabularies in the vocabularies' order.
    found.sort(key=lambda item: (-item[2], item[1].name, TAG_VOCABULARIES.index(item[0])))
    ranked = []
    for vocabulary, topic, n in found[:limit]:
        topic.article_count = n
        ranked.append((vocabulary, topic))
    return ranked


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = ArticlePage.objects.visible().by_author(author)
    page = paginate(
        request, articles.newest_first().for_cards(), count=stats.topic_total((stats.AUTHORS, author.pk))
    )
    name = identity_for(request).name
    context = {
        "author": author,
        "articles": page,
        "topics": top_topics(author),
        "meta": author_meta(request, author),
        "json_ld": author_json_ld(request, author),
        **seo.feed_link("author_feed", f"{name}: {author.name}", slug=author.slug),
    }
    return render(request, "pages/author_detail.html", context)
