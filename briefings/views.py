"""Author pages, citation downloads and robots.txt: plain Django views beside Wagtail's pages."""

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from taxonomy.vocabularies import TAG_VOCABULARIES

from . import citations, seo
from .models import ArticlePage, Author, paginate

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
    article_ids = articles.values("pk")
    ranked = []
    for vocabulary in TAG_VOCABULARIES:
        path = vocabulary.count_path
        topics = (
            vocabulary.topics()
            .filter(**{f"{path}__in": article_ids})
            .annotate(article_count=Count(path, distinct=True))
            .order_by("-article_count", "name")[:limit]
        )
        ranked += [(vocabulary, topic) for topic in topics]
    ranked.sort(key=lambda item: (-item[1].article_count, item[1].name))
    return ranked[:limit]


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = ArticlePage.objects.visible().filter(article_authors__author=author)
    page = paginate(request, articles.newest_first().with_authors())
    context = {
        "author": author,
        "articles": page,
        "topics": top_topics(articles),
        "meta": seo.author_meta(request, author),
        "json_ld": seo.author_json_ld(request, author),
        **seo.feed_link("author_feed", f"Briefings: {author.name}", slug=author.slug),
    }
    return render(request, "pages/author_detail.html", context)


def _citation_download(request, page_id, render_citation, content_type, extension):
    article = get_object_or_404(ArticlePage.objects.visible(), pk=page_id)
    response = HttpResponse(render_citation(article.citation(request)), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{article.slug}.{extension}")
    return response


@require_GET
def cite_bibtex(request, page_id):
    return _citation_download(
        request, page_id, citations.bibtex, "application/x-bibtex; charset=utf-8", "bib"
    )


@require_GET
def cite_ris(request, page_id):
    return _citation_download(
        request, page_id, citations.ris, "application/x-research-info-systems; charset=utf-8", "ris"
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "",
        f"Sitemap: {seo.absolute(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
