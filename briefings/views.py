"""Author pages: plain Django views over the ``Author`` snippet."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from .models import ArticlePage, Author, paginate


def author_index(request):
    """Authors with at least one visible article, most prolific first."""
    visible_ids = ArticlePage.objects.visible().values("pk")
    authors = (
        Author.objects.annotate(
            article_count=Count("article_links", filter=Q(article_links__page__in=visible_ids), distinct=True)
        )
        .filter(article_count__gt=0)
        .order_by("-article_count", "name")
    )
    return render(request, "pages/author_index.html", {"authors": authors})


def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = (
        ArticlePage.objects.visible().filter(article_authors__author=author).newest_first().with_authors()
    )
    return render(
        request,
        "pages/author_detail.html",
        {"author": author, "articles": paginate(request, articles)},
    )
