"""Serving uploaded images from ``MEDIA_ROOT`` without a proxy (``SERVE_MEDIA=1``; README
"Deploying"): fine for a small site, a proxy or object storage does it better."""

import posixpath
import re

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

# Wagtail's originals and renditions. Documents (``documents/``) are never served from here: they
# go through /documents/, which applies their collection's privacy.
SERVED_FOLDERS = ("images/", "original_images/")
HEADERS = {
    "Cache-Control": "public, max-age=86400",
    # An uploaded file is never a page: no scripts, no frames, even if it is an SVG.
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-site",
}


def serve_media(request, path):
    # Normalised first, as serve() does: "images/../documents/x.pdf" is a document.
    path = posixpath.normpath(path).lstrip("/")
    if not path.startswith(SERVED_FOLDERS):
        raise Http404("Not a served media folder")
    response = serve(request, path, document_root=settings.MEDIA_ROOT, show_indexes=False)
    for name, value in HEADERS.items():
        response.headers[name] = value
    return response


def media_urlpatterns():
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [re_path(rf"^{prefix}(?P<path>.+)$", serve_media, name="media")]
