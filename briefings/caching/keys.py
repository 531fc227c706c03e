"""Which requests may be answered from the cache, and under which key.

Equivalent addresses share an entry: query parameters in any order, with or without tracking
parameters (``PAGE_CACHE_IGNORED_PARAMS``: ``utm_*``, ``fbclid``, ``gclid`` …), which the view does
not see either, so a cached page never carries a first visitor's tracking tags in its links.
"""

import hashlib
from fnmatch import fnmatchcase

from django.conf import settings
from django.http import QueryDict
from django.utils.encoding import escape_uri_path
from django.utils.http import urlencode

KEY_PREFIX = "page-cache"


def may_use_cache(request):
    """A reader's GET or HEAD of a public address: no session (so not signed in, and no password
    given for a private page), outside the admin and the other ``PAGE_CACHE_EXCLUDED_PATHS``."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))
    )


def is_tracking(name):
    return any(fnmatchcase(name.lower(), pattern) for pattern in settings.PAGE_CACHE_IGNORED_PARAMS)


def normalised_query(query):
    """``query`` (a QueryDict) without tracking parameters, sorted by name (the values of one name
    keep their order: it can matter)."""
    pairs = [(name, value) for name, values in query.lists() if not is_tracking(name) for value in values]
    pairs.sort(key=lambda pair: pair[0])
    return urlencode(pairs)


def normalise(request):
    """Let the view see the query string as the cache does."""
    query = normalised_query(request.GET)
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)
    return query


def page_key(request, query, variant=""):
    """The key of the page at this address (its entry says which content generation it is of)."""
    address = f"{request.scheme}://{request.get_host()}{escape_uri_path(request.path)}?{query}"
    digest = hashlib.sha256(f"{address}\n{variant}".encode()).hexdigest()
    return f"{KEY_PREFIX}:page:{digest}"


def variant(request, header_names):
    """The request's values of the headers a response varies on (``Vary: Accept``)."""
    return "\n".join(
        f"{name}={request.headers.get(name, '')}" for name in sorted(name.lower() for name in header_names)
    )
