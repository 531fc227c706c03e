"""The favicon and app icons' fixed addresses: ``/favicon.ico``, ``/apple-touch-icon.png`` (both
redirect to the current icon, made from the logo in Settings › Identity, else the default in
static/icons/) and the web app manifest."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .identity import identity_for
from .seo import absolute

# Not permanent: the icons change with the logo.
ICON_REDIRECT_MAX_AGE = 60 * 60


@require_safe
@cache_control(max_age=ICON_REDIRECT_MAX_AGE, public=True)
def favicon(request):
    return redirect(identity_for(request).icon(32).url)


@require_safe
@cache_control(max_age=ICON_REDIRECT_MAX_AGE, public=True)
def apple_touch_icon(request):
    return redirect(identity_for(request).icon(180).url)


@require_safe
@cache_control(max_age=ICON_REDIRECT_MAX_AGE, public=True)
def manifest(request):
    """The web app manifest (https://www.w3.org/TR/appmanifest/): the name and the icons."""
    identity = identity_for(request)
    icons = [{"src": absolute(request, identity.favicon.url), "sizes": "any", "type": identity.favicon.type}]
    icons += [
        {"src": absolute(request, identity.icon(size).url), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    data = {
        "name": identity.name,
        "short_name": identity.name[:12],
        "description": identity.description,
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#0b5cad",
        "icons": icons,
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
