"""What search engines, link previews and reference managers read about a page: the primitives.

Pages of each kind build theirs from these (``briefings.articles.seo``, ``briefings.people.seo``,
``taxonomy.hubs.seo``).


- ``PageMeta``: the description, OpenGraph and Twitter card tags every page carries, plus
  page-specific ones (``article:*``; Google Scholar's ``citation_*`` on articles), rendered by
  ``components/social_meta.html``.
- schema.org JSON-LD built as Python data and serialised by ``json_ld_script`` with ``json.dumps``,
  escaping ``<``, ``>`` and ``&`` the way Django's ``json_script`` does, so a title containing
  ``</script>`` cannot end the script element. See https://schema.org/AnalysisNewsArticle and
  https://scholar.google.com/intl/en/scholar/inclusion.html#indexing for the vocabularies.
"""

import json
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from .identity import identity_for
from .models import DEFAULT_DESCRIPTION, DEFAULT_NAME

# The defaults; what a site shows is its identity (Settings › Identity, ``identity_for``).
SITE_NAME = DEFAULT_NAME
SITE_DESCRIPTION = DEFAULT_DESCRIPTION
DESCRIPTION_CHARS = 300
SOCIAL_IMAGE_SPEC = "fill-1200x630"


@dataclass
class PageMeta:
    title: str
    url: str
    description: str = SITE_DESCRIPTION
    type: str = "website"
    image: str = ""
    image_alt: str = ""
    # Further ``<meta property=…>`` (OpenGraph) and ``<meta name=…>`` (Scholar) pairs, in order.
    properties: list = field(default_factory=list)
    names: list = field(default_factory=list)

    def __post_init__(self):
        self.description = Truncator(" ".join((self.description or "").split())).chars(DESCRIPTION_CHARS)

    @property
    def twitter_card(self):
        return "summary_large_image" if self.image else "summary"


def site_root_url(request):
    """The Wagtail site's root URL ("https://briefings.example"), which page addresses use too, so
    every absolute address on a page has the same host whatever host the request came in on."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def absolute(request, path):
    return site_root_url(request) + path if path.startswith("/") else path


def page_meta(request, title=None, description=None, path=None, **kwargs):
    """Meta for a page without anything special: its title (else the organisation's name),
    description (else the organisation's) and address."""
    url = absolute(request, path if path is not None else (request.path if request else "/"))
    identity = identity_for(request)
    return PageMeta(
        title=title or identity.name, url=url, description=description or identity.description, **kwargs
    )


def wagtail_page_meta(page, request):
    """Fallback for any Wagtail page: promote-tab title and description, else title and intro."""
    description = (
        page.search_description or getattr(page, "introduction", "") or identity_for(request).description
    )
    return PageMeta(
        title=page.seo_title or page.title, url=page.get_full_url(request), description=description
    )


def image_url(image, request, spec=SOCIAL_IMAGE_SPEC):
    if image is None:
        return ""
    try:
        return absolute(request, image.get_rendition(spec).url)
    except SourceImageIOError:
        return ""


def iso(value):
    return value.isoformat() if value else None


# The site ----------------------------------------------------------------------


def item_list(articles, request):
    return {
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "url": article.get_full_url(request), "name": article.title}
            for n, article in enumerate(articles, start=1)
        ],
    }


def collection_json_ld(request, path, name, about, articles, description=""):
    """A hub or an intersection: a ``CollectionPage`` about its topics, listing this page's articles."""
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": absolute(request, path),
        "about": about,
        "isPartOf": {"@type": "WebSite", "name": identity_for(request).name, "url": absolute(request, "/")},
        "mainEntity": item_list(articles, request),
    }
    if description:
        data["description"] = description
    return data


def organization(request):
    """The publisher: the organisation's name, address, logo (its largest icon) and social profiles."""
    identity = identity_for(request)
    data = {"@type": "Organization", "name": identity.name, "url": absolute(request, "/")}
    logo = identity.icons.get(512) or identity.logo
    if logo is not None:
        data["logo"] = {"@type": "ImageObject", "url": absolute(request, logo.url)}
        if logo.width:
            data["logo"].update(width=logo.width, height=logo.height)
    if identity.social_links:
        data["sameAs"] = [url for _, url in identity.social_links]
    return data


def website_json_ld(request):
    identity = identity_for(request)
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": identity.name,
        "url": absolute(request, "/"),
        "description": identity.description,
        "publisher": organization(request),
    }


def feed_link(url_name, title, **kwargs):
    return {"feed_url": reverse(url_name, kwargs=kwargs), "feed_title": title}


# Rendering ---------------------------------------------------------------------------------------

_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """``<script type="application/ld+json">`` whose content cannot close the element early."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # escaped above
