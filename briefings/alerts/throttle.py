"""Sign-ups per client, counted in the shared cache (Redis in production), so every worker process
sees the same count: ``ALERTS_SIGNUPS_PER_CLIENT`` in a window of ``ALERTS_SIGNUP_WINDOW`` seconds,
enough for one reader to follow several things (or sign up several addresses) in a minute."""

from django.conf import settings
from django.core.cache import cache

from briefings.security.client_ip import client_ip


def allow_signup(request):
    """Count this sign-up; False once the client is over its limit for the current window."""
    key = f"alerts:signups:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, timeout=settings.ALERTS_SIGNUP_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.ALERTS_SIGNUP_WINDOW)
        count = 1
    return count <= settings.ALERTS_SIGNUPS_PER_CLIENT
