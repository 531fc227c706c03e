"""Citation downloads and robots.txt: plain Django views beside Wagtail's pages."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from briefings.core import seo

from . import citations, presenters
from .models import ArticlePage


def _citation_download(request, page_id, render_citation, content_type, extension):
    article = get_object_or_404(ArticlePage.objects.visible(), pk=page_id)
    response = HttpResponse(render_citation(presenters.citation(article, request)), content_type=content_type)
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
