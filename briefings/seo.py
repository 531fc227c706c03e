"""What search engines, link previews and reference managers read about a page.

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

from taxonomy.vocabularies import COUNTRIES, REGIONS

from .citations import PUBLISHER, PersonName
from .models import ArticleKind

SITE_NAME = PUBLISHER
SITE_DESCRIPTION = (
    "Analysis of China's bilateral relations and its global initiatives, by country, initiative and sector."
)
DESCRIPTION_CHARS = 300
SOCIAL_IMAGE_SPEC = "fill-1200x630"
# schema.org has a type for analysis and opinion; the rest are plain news articles.
ANALYSIS_KINDS = {ArticleKind.ANALYSIS, ArticleKind.COMMENTARY, ArticleKind.OP_ED, ArticleKind.EDITORIAL}


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


def page_meta(request, title=SITE_NAME, description=SITE_DESCRIPTION, path=None, **kwargs):
    """Meta for a page without anything special: its title, description and address."""
    url = absolute(request, path if path is not None else (request.path if request else "/"))
    return PageMeta(title=title, url=url, description=description or SITE_DESCRIPTION, **kwargs)


def wagtail_page_meta(page, request):
    """Fallback for any Wagtail page: promote-tab title and description, else title and intro."""
    description = page.search_description or getattr(page, "introduction", "") or SITE_DESCRIPTION
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


def _iso(value):
    return value.isoformat() if value else None


# Articles ----------------------------------------------------------------------------------------


def article_meta(article, request, authors, topics):
    url = article.get_full_url(request)
    properties = []
    if article.display_date:
        properties.append(("article:published_time", article.display_date.isoformat()))
    if article.last_published_at:
        properties.append(("article:modified_time", article.last_published_at.isoformat()))
    properties += [("article:author", absolute(request, author.get_absolute_url())) for author in authors]
    if article.kind:
        properties.append(("article:section", article.get_kind_display()))
    properties += [("article:tag", topic.name) for group in topics.values() for topic in group]
    return PageMeta(
        title=article.seo_title or article.title,
        url=url,
        description=article.search_description or article.summary,
        type="article",
        image=image_url(article.lead_image, request),
        image_alt=article.lead_image.default_alt_text if article.lead_image else "",
        properties=properties,
        names=scholar_meta(article, url, authors),
    )


def scholar_meta(article, url, authors):
    """Google Scholar's ``citation_*`` tags: one ``citation_author`` per author, "Family, Given"."""
    names = [("citation_title", article.title)]
    names += [("citation_author", PersonName.from_full_name(author.name).inverted) for author in authors]
    if article.display_date:
        names.append(("citation_publication_date", f"{article.display_date:%Y/%m/%d}"))
    names += [
        ("citation_journal_title", PUBLISHER),
        ("citation_publisher", PUBLISHER),
        ("citation_language", "en"),
        ("citation_abstract_html_url", url),
    ]
    return names


def organization(request):
    return {"@type": "Organization", "name": SITE_NAME, "url": absolute(request, "/")}


def person(author, request):
    data = {
        "@type": "Person",
        "name": author.name,
        "url": absolute(request, author.get_absolute_url()),
    }
    if author.honorific:
        data["honorificPrefix"] = author.honorific
    if author.role:
        data["jobTitle"] = author.role
    if author.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": author.affiliation}
    return data


def topic_thing(vocabulary, topic, request):
    """A topic as schema.org data: countries and regions are places, the rest things."""
    data = {
        "@type": "Place" if vocabulary in (COUNTRIES, REGIONS) else "Thing",
        "name": topic.name,
        "url": absolute(request, topic.hub_url()),
    }
    if getattr(topic, "acronym", ""):
        data["alternateName"] = topic.acronym
    return data


def article_json_ld(article, request, authors, topics):
    url = article.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "AnalysisNewsArticle" if article.kind in ANALYSIS_KINDS else "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": _iso(article.display_date),
        "dateModified": _iso(article.last_published_at),
        "author": [person(author, request) for author in authors],
        "publisher": organization(request),
        "about": [
            topic_thing(vocabulary, topic, request) for vocabulary, group in topics.items() for topic in group
        ],
        "wordCount": article.word_count,
        "inLanguage": "en",
    }
    if article.kind:
        data["articleSection"] = article.get_kind_display()
    image = image_url(article.lead_image, request)
    if image:
        data["image"] = image
    if article.source_name or article.source_url:
        original = {"@type": "CreativeWork"}
        if article.source_url:
            original["url"] = article.source_url
        if article.source_name:
            original["publisher"] = {"@type": "Organization", "name": article.source_name}
        data["isBasedOn"] = original
    return {key: value for key, value in data.items() if value not in (None, "", [])}


# Hubs, authors and the site ----------------------------------------------------------------------


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
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME, "url": absolute(request, "/")},
        "mainEntity": item_list(articles, request),
    }
    if description:
        data["description"] = description
    return data


def hub_description(topic):
    return getattr(topic, "introduction", "") or getattr(topic, "description", "")


def hub_meta(request, vocabulary, topic):
    description = (
        hub_description(topic) or f"Analysis on {topic.name} ({vocabulary.singular.lower()}) from Briefings."
    )
    return page_meta(request, title=topic.name, description=description)


def hub_json_ld(request, vocabulary, topic, articles):
    return collection_json_ld(
        request,
        topic.hub_url(),
        topic.name,
        topic_thing(vocabulary, topic, request),
        articles,
        hub_description(topic),
    )


def intersection_meta(request, first, second, canonical_path):
    return page_meta(
        request,
        title=f"{first[1].name} and {second[1].name}",
        description=f"Analysis on both {first[1].name} and {second[1].name} from Briefings.",
        path=canonical_path,
    )


def intersection_json_ld(request, first, second, articles, canonical_path):
    return collection_json_ld(
        request,
        canonical_path,
        f"{first[1].name} and {second[1].name}",
        [topic_thing(*first, request), topic_thing(*second, request)],
        articles,
    )


def author_meta(request, author):
    return page_meta(
        request,
        title=author.display_name,
        description=author.bio or author.description or f"Analysis by {author.name} on Briefings.",
        type="profile",
        image=image_url(author.photo, request, "fill-600x600"),
        image_alt=author.display_name if author.photo else "",
    )


def author_json_ld(request, author):
    data = person(author, request)
    if author.bio:
        data["description"] = author.bio
    image = image_url(author.photo, request, "fill-600x600")
    if image:
        data["image"] = image
    return {"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": data}


def website_json_ld(request):
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": absolute(request, "/"),
        "description": SITE_DESCRIPTION,
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
