"""The publication's identity as a plain object: ``identity_for(request_or_site)``.

What editors set under **Settings › Identity** (``models.SiteIdentity``), with the renditions the
site needs (header logo, favicon and app icons, default share image) already made, cached per site
under the content generation (``generation``), which every committed write readers could see
replaces (the setting, its images, its About and Contact pages, the sites). Use it wherever the
organisation is named: templates get it as ``identity`` (``context_processors``), feeds, JSON-LD
and emails call ``identity_for`` (``identity.from_email`` is a sender address with the
organisation's name).
"""

from dataclasses import dataclass, field
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.cache import cache
from django.templatetags.static import static

from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from . import generation
from .models import DEFAULT_DESCRIPTION, DEFAULT_NAME, SiteIdentity

# Cached per host asked for (so a warm request needs no query at all, not even for its Site), under
# the content generation. No one reads an old generation's entries again: they expire in a day.
CACHE_KEY = "briefings:identity:{generation}:{where}"
CACHE_SECONDS = 24 * 60 * 60
REQUEST_ATTRIBUTE = "_briefings_identity"
# Square PNG icons made from the logo (favicon, Apple touch icon, web app manifest), by size.
ICON_SIZES = (32, 180, 192, 512)
LOGO_SPEC = "height-96"  # shown 48 px high: sharp on high-density screens
SHARE_IMAGE_SPEC = "fill-1200x630"
# Without a logo (or with an SVG logo, which cannot be turned into PNGs): the icons in static/icons/.
DEFAULT_ICON_SVG = "icons/favicon.svg"
DEFAULT_ICONS = {
    32: "icons/favicon-32.png",
    180: "icons/apple-touch-icon.png",
    192: "icons/icon-192.png",
    512: "icons/icon-512.png",
}


@dataclass(frozen=True)
class Picture:
    """A rendition (or a file): its address relative to the site, size and MIME type."""

    url: str
    width: int = 0
    height: int = 0
    type: str = "image/png"


@dataclass(frozen=True)
class Identity:
    name: str = DEFAULT_NAME
    description: str = DEFAULT_DESCRIPTION
    address_lines: tuple = ()
    email: str = ""
    phone: str = ""
    social_links: tuple = ()  # ((label, url), …)
    logo: Picture | None = None
    svg_icon: Picture | None = None  # the favicon for browsers that take SVG
    icons: dict = field(default_factory=dict)  # {size: Picture} for ICON_SIZES
    share_image: Picture | None = None
    share_image_alt: str = ""
    about_url: str = ""
    contact_url: str = ""

    @property
    def has_contact(self):
        return bool(self.address_lines or self.email or self.phone)

    @property
    def from_email(self):
        """``"Name <address>"``: ``DEFAULT_FROM_EMAIL``'s address under the organisation's name."""
        return formataddr((self.name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))

    def icon(self, size):
        return self.icons.get(size) or Picture(static(DEFAULT_ICONS[size]), size, size)

    @property
    def favicon_png(self):
        return self.icon(32)

    @property
    def touch_icon(self):
        return self.icon(180)

    @property
    def favicon(self):
        return self.svg_icon or Picture(static(DEFAULT_ICON_SVG), type="image/svg+xml")


def identity_for(request_or_site=None):
    """The identity of a request's site, a ``Site``, or (``None``) the default site; the defaults
    ("Briefings") when no one has set it. Cached on the request, and per site in the cache."""
    request = request_or_site if hasattr(request_or_site, "META") else None
    if request is not None:
        cached = getattr(request, REQUEST_ATTRIBUTE, None)
        if cached is not None:
            return cached
        where, find_site = f"host:{request.get_host()}", lambda: Site.find_for_request(request)
    elif isinstance(request_or_site, Site):
        where, find_site = f"site:{request_or_site.pk}", lambda: request_or_site
    else:
        where, find_site = "default", lambda: Site.objects.filter(is_default_site=True).first()
    key = CACHE_KEY.format(generation=generation.current(), where=where)
    identity = cache.get(key)
    if identity is None:
        site = find_site()
        setting = SiteIdentity.base_queryset().filter(site=site).first() if site is not None else None
        identity = build(setting)
        cache.set(key, identity, CACHE_SECONDS)
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, identity)
    return identity


def build(setting):
    """An ``Identity`` from a ``SiteIdentity`` (or ``None``: the defaults)."""
    if setting is None:
        return Identity()
    social = tuple(
        (label, getattr(setting, name))
        for name, label in SiteIdentity.SOCIAL_FIELDS
        if getattr(setting, name)
    )
    logo, svg_icon, icons = _logo_pictures(setting.logo)
    share_image = _renditions(setting.share_image, [SHARE_IMAGE_SPEC]).get(SHARE_IMAGE_SPEC)
    return Identity(
        name=setting.name.strip() or DEFAULT_NAME,
        description=setting.description.strip() or DEFAULT_DESCRIPTION,
        address_lines=tuple(line.strip() for line in setting.address.splitlines() if line.strip()),
        email=setting.email,
        phone=setting.phone,
        social_links=social,
        logo=logo,
        svg_icon=svg_icon,
        icons=icons,
        share_image=share_image,
        share_image_alt=setting.share_image_alt if share_image else "",
        about_url=_page_url(setting.about_page, setting.site),
        contact_url=_page_url(setting.contact_page, setting.site),
    )


def _page_url(page, site):
    if page is None or not page.live:
        return ""
    return page.relative_url(site) or ""


def _logo_pictures(image):
    """``(header logo, SVG favicon, {size: PNG icon})`` made from the logo."""
    if image is None:
        return None, None, {}
    if image.is_svg():
        svg = Picture(image.file.url, image.width, image.height, "image/svg+xml")
        return svg, svg, {}
    specs = {size: f"fill-{size}x{size}|format-png" for size in ICON_SIZES}
    made = _renditions(image, [LOGO_SPEC, *specs.values()])
    icons = {size: made[spec] for size, spec in specs.items() if spec in made}
    return made.get(LOGO_SPEC), None, icons


def _renditions(image, specs):
    """``{spec: Picture}``, in one query for those already made; nothing if the file is missing."""
    if image is None:
        return {}
    try:
        renditions = image.get_renditions(*specs)
    except (SourceImageIOError, OSError):
        return {}
    return {
        spec: Picture(rendition.url, rendition.width, rendition.height, _mime(spec))
        for spec, rendition in renditions.items()
    }


def _mime(spec):
    return "image/png" if "format-png" in spec else ""
