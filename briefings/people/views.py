"""Author pages: who writes for the centre (``/experts/``), and what each has written."""

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, render
from django.views.generic import RedirectView

from briefings.articles.models import TOPIC_LINKS, ArticleAuthor, ArticlePage, Author
from briefings.core import seo
from briefings.core.identity import identity_for
from briefings.core.pagination import paginate
from taxonomy.subject import is_subject
from taxonomy.vocabularies import TAG_VOCABULARIES

from .seo import author_json_ld, author_meta

AUTHOR_TOP_TOPICS = 5
EXPERT_FOCUS_TOPICS = 3


def experts(request):
    """The centre's people with published work: photo, role, focus topics and latest piece,
    alphabetically, in a fixed number of queries whatever their number."""
    visible_ids = ArticlePage.objects.visible().values("pk")
    published = ArticleAuthor.objects.filter(author=OuterRef("pk"), page__in=visible_ids)
    latest = published.order_by(
        F("page__date").desc(nulls_last=True), "-page__first_published_at", "-page_id"
    ).values("page_id")[:1]
    authors = list(
        Author.objects.annotate(
            article_count=Count(
                "article_links", filter=Q(article_links__page__in=visible_ids), distinct=True
            ),
            latest_id=Subquery(latest),
        )
        .filter(article_count__gt=0)
        .order_by("name")
        .select_related("photo")
        .prefetch_related("photo__renditions")
    )
    latest_articles = ArticlePage.objects.defer_streamfields().in_bulk(
        [author.latest_id for author in authors]
    )
    focus = focus_topics(visible_ids, [author.pk for author in authors])
    for author in authors:
        author.latest_article = latest_articles.get(author.latest_id)
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


def focus_topics(article_ids, author_ids, limit=EXPERT_FOCUS_TOPICS):
    """``{author id: [topic, …]}``: the ``limit`` topics most often on each author's articles
    (``article_ids``, a subquery), across the tag vocabularies, the subject country left out; two
    queries per vocabulary."""
    counted = []  # (author id, vocabulary, topic id, articles)
    for vocabulary in TAG_VOCABULARIES:
        rows = (
            TOPIC_LINKS[vocabulary.key]
            .objects.filter(
                content_object_id__in=article_ids, content_object__article_authors__author_id__in=author_ids
            )
            .values_list("content_object__article_authors__author_id", "tag_id")
            .annotate(n=Count("content_object_id"))
        )
        counted += [(author_id, vocabulary, tag_id, n) for author_id, tag_id, n in rows]
    topics = {}
    for vocabulary in TAG_VOCABULARIES:
        ids = {tag_id for _, v, tag_id, _ in counted if v is vocabulary}
        topics[vocabulary] = vocabulary.topics().in_bulk(ids) if ids else {}
    ranked = {}
    for author_id, vocabulary, tag_id, n in counted:
        topic = topics[vocabulary].get(tag_id)
        if topic is not None and not is_subject(topic):
            # Most articles first; in a tie, countries before initiatives before sectors.
            order = (-n, TAG_VOCABULARIES.index(vocabulary), topic.name)
            ranked.setdefault(author_id, []).append((order, topic))
    return {
        author_id: [topic for _, topic in sorted(found, key=lambda item: item[0])[:limit]]
        for author_id, found in ranked.items()
    }


class AuthorIndexRedirect(RedirectView):
    """``/authors/`` was the list of authors: it is ``/experts/`` now."""

    permanent = True
    pattern_name = "experts"
    query_string = True


author_index = AuthorIndexRedirect.as_view()


def top_topics(articles, limit=AUTHOR_TOP_TOPICS):
    """The topics most often on ``articles``, across the tag vocabularies, the subject country
    left out: ``[(vocabulary, topic)]`` with ``topic.article_count`` set; one query per vocabulary."""
    ranked = []
    for vocabulary in TAG_VOCABULARIES:
        ranked += [
            (vocabulary, topic)
            for topic in articles.top_topics(vocabulary, limit + 1)
            if not is_subject(topic)
        ]
    ranked.sort(key=lambda item: (-item[1].article_count, item[1].name))
    return ranked[:limit]


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = ArticlePage.objects.visible().by_author(author)
    page = paginate(request, articles.newest_first().for_cards())
    name = identity_for(request).name
    context = {
        "author": author,
        "articles": page,
        "topics": top_topics(articles),
        "meta": author_meta(request, author),
        "json_ld": author_json_ld(request, author),
        **seo.feed_link("author_feed", f"{name}: {author.name}", slug=author.slug),
    }
    return render(request, "pages/author_detail.html", context)
