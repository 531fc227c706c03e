"""Author pages: who writes for the centre, and what each has written."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from briefings.articles.models import ArticlePage, Author
from briefings.core import seo
from briefings.core.pagination import paginate
from taxonomy.vocabularies import TAG_VOCABULARIES

from .seo import author_json_ld, author_meta

AUTHOR_TOP_TOPICS = 5


def author_index(request):
    """Authors with at least one visible article, most prolific first."""
    visible_ids = ArticlePage.objects.visible().values("pk")
    authors = (
        Author.objects.annotate(
            article_count=Count("article_links", filter=Q(article_links__page__in=visible_ids), distinct=True)
        )
        .filter(article_count__gt=0)
        .order_by("-article_count", "name")
        .select_related("photo")
        .prefetch_related("photo__renditions")
    )
    context = {
        "authors": authors,
        "meta": seo.page_meta(
            request, title="Authors", description="The fellows and guest writers who publish on Briefings."
        ),
    }
    return render(request, "pages/author_index.html", context)


def top_topics(articles, limit=AUTHOR_TOP_TOPICS):
    """The topics most often on ``articles``, across the tag vocabularies: ``[(vocabulary, topic)]``
    with ``topic.article_count`` set; one query per vocabulary."""
    ranked = []
    for vocabulary in TAG_VOCABULARIES:
        ranked += [(vocabulary, topic) for topic in articles.top_topics(vocabulary, limit)]
    ranked.sort(key=lambda item: (-item[1].article_count, item[1].name))
    return ranked[:limit]


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = ArticlePage.objects.visible().by_author(author)
    page = paginate(request, articles.newest_first().for_cards())
    context = {
        "author": author,
        "articles": page,
        "topics": top_topics(articles),
        "meta": author_meta(request, author),
        "json_ld": author_json_ld(request, author),
        **seo.feed_link("author_feed", f"Briefings: {author.name}", slug=author.slug),
    }
    return render(request, "pages/author_detail.html", context)
