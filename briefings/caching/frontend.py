"""Purging a CDN or caching proxy in front of the site, through Wagtail's frontend cache backends
(``WAGTAILFRONTENDCACHE``; none by default). See
https://docs.wagtail.org/en/stable/reference/contrib/frontendcache.html

Every change purges everything: ``FRONTEND_CACHE_PURGE_PATHS`` (default ``/``) on each site's
address. The proxy is expected to drop all it holds for a host on a PURGE of ``/`` (README
"Caching" has the Varnish rule); CloudFront takes ``/*``.
"""

import logging

from django.conf import settings

from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.models import Site

logger = logging.getLogger(__name__)


def purge_urls():
    return [
        site.root_url.rstrip("/") + path
        for site in Site.objects.order_by("pk")
        for path in settings.FRONTEND_CACHE_PURGE_PATHS
    ]


def purge_everything():
    if not get_backends():
        return
    urls = purge_urls()
    logger.info("Purging the frontend cache: %s", " ".join(urls))
    purge_urls_from_cache(urls)
