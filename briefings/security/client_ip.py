"""The address a request comes from, for sign-in throttling (``AXES_CLIENT_IP_CALLABLE``).

``REMOTE_ADDR``, unless ``settings.TRUSTED_PROXY_COUNT`` says the site runs behind that many
proxies that each append the address they received the request from to ``X-Forwarded-For``
(nginx's ``$proxy_add_x_forwarded_for``). Then the client is the entry that many places from the
right: what lies to its left came from the client itself and may be forged.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # Not through every proxy we were told of: the nearest address is the only one we know.
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
