"""Template helpers for the reader-facing theme: page meta tags and JSON-LD."""

from django import template

from briefings.core import seo
from briefings.core.identity import identity_for

register = template.Library()


@register.inclusion_tag("components/social_meta.html", takes_context=True)
def social_meta(context):
    """Description, OpenGraph, Twitter card (and on articles, Scholar) tags for this page.

    Views and pages put a ``seo.PageMeta`` in the context as ``meta``; any other Wagtail page
    falls back to its promote-tab fields, anything else to the site's name and description.
    """
    request = context.get("request")
    meta = context.get("meta")
    if meta is None:
        page = context.get("page")
        meta = seo.wagtail_page_meta(page, request) if hasattr(page, "seo_title") else seo.page_meta(request)
    identity = identity_for(request)
    if not meta.image and identity.share_image:
        # A page without an image of its own is previewed with the organisation's share image.
        meta.image = seo.absolute(request, identity.share_image.url)
        meta.image_alt = identity.share_image_alt
    return {"meta": meta, "site_name": identity.name}


@register.filter
def json_ld(data):
    """``{{ json_ld|json_ld }}``: schema.org data as a safe ``application/ld+json`` script."""
    return seo.json_ld_script(data) if data else ""


@register.filter
def startswith(value, prefix):
    """For marking the current section in the navigation: ``request.path|startswith:"/topics/"``."""
    return str(value or "").startswith(prefix)


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(current, *trail):
    """``{% breadcrumbs "Kazakhstan" "Topics" topics_url "Countries" countries_url %}``: the trail
    of (label, address) pairs from the top, then the current page."""
    return {"trail": list(zip(trail[::2], trail[1::2], strict=True)), "current": current}
