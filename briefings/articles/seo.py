"""An article's meta tags (OpenGraph ``article:*``, Google Scholar ``citation_*``) and JSON-LD."""

from briefings.core.identity import identity_for
from briefings.core.kinds import ANALYSIS_KINDS
from briefings.core.seo import PageMeta, absolute, image_url, iso, organization
from taxonomy.vocabularies import COUNTRIES, REGIONS

from .citations import PersonName


def article_meta(article, request, authors, topics, notes=()):
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
        image_alt=article.lead_image_alt_text,
        properties=properties,
        names=scholar_meta(article, url, authors, identity_for(request).name, notes),
    )


def scholar_meta(article, url, authors, publisher, notes=()):
    """Google Scholar's ``citation_*`` tags: one ``citation_author`` per author, "Family, Given";
    the site's publication (Settings › Identity) as journal and publisher; one
    ``citation_reference`` per endnote."""
    names = [("citation_title", article.title)]
    names += [("citation_author", PersonName.from_full_name(author.name).inverted) for author in authors]
    if article.display_date:
        names.append(("citation_publication_date", f"{article.display_date:%Y/%m/%d}"))
    names += [
        ("citation_journal_title", publisher),
        ("citation_publisher", publisher),
        ("citation_language", "en"),
        ("citation_abstract_html_url", url),
    ]
    names += [("citation_reference", note.text) for note in notes if note.text]
    return names


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


def reference_work(note):
    """An endnote as schema.org data, for an article's ``citation``."""
    data = {"@type": "CreativeWork", "position": note.number}
    if note.citation:
        data["name"] = note.citation
    if note.url:
        data["url"] = note.url
    return data


def article_json_ld(article, request, authors, topics, notes=()):
    url = article.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "AnalysisNewsArticle" if article.kind in ANALYSIS_KINDS else "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso(article.display_date),
        "dateModified": iso(article.last_published_at),
        "author": [person(author, request) for author in authors],
        "publisher": organization(request),
        "about": [
            topic_thing(vocabulary, topic, request) for vocabulary, group in topics.items() for topic in group
        ],
        "citation": [reference_work(note) for note in notes],
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
