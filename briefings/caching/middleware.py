"""Serves readers' pages from the shared cache (README "Caching").

A reader's GET or HEAD (``keys.may_use_cache``) is looked up by its address and served if it was
rendered in the current content generation (``briefings.core.generation``) and the scopes of the
content it was rendered from still hold (``briefings.core.freshness``); on a miss the page is
rendered and kept if any reader could be given it (``storable``) for at most
``PAGE_CACHE_SECONDS``, and never past the next scheduled go-live or expiry (``schedule``). One
request renders a missing page; the others asking for it meanwhile wait for its result
(``await_render``). What is served carries an ``ETag`` and
``Last-Modified`` (a conditional GET gets a 304), ``Cache-Control: public, max-age=0, s-maxage=…``
(a CDN keeps it, a browser revalidates) and ``X-Cache: HIT`` or ``MISS``. Signed-in users'
responses are marked ``private``.

It is the first middleware: a hit is served without the others, with the headers they gave the
page when it was rendered (security headers, Content-Security-Policy, framing); a page is kept once
they have all had it (none set a cookie, saved a session or added a message), and before Wagtail's
redirects (whose answers it caches). ``PAGE_CACHE_ENABLED = False`` turns it off, e.g. to measure
pages cold.
"""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date

from briefings.core import freshness, generation

from . import invalidation, keys, schedule

logger = logging.getLogger(__name__)

CACHEABLE_STATUSES = {200, 301, 302, 307, 308, 404, 410}
# Cache-Control directives that keep a response out of any shared cache.
NOT_SHARED = {"private", "no-store", "no-cache"}
VARIANTS = "variants"  # an entry naming the request headers its responses vary on
# A request rendering a page claims it for this long at most; the others wait for its result,
# looking every RENDER_POLL_SECONDS, for PAGE_CACHE_RENDER_WAIT seconds at most.
RENDER_CLAIM_SECONDS = 30
RENDER_POLL_SECONDS = 0.02


def storable(request, response):
    """Whether any reader may be given this response: a status worth keeping, no cookie set on
    the way out (none by the view, no CSRF token, no session or message saved), nothing marked
    private or uncacheable (Wagtail so marks pages behind a view restriction)."""
    if response.status_code not in CACHEABLE_STATUSES or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and messages.added_new:
        return False
    directives = {
        part.split("=", 1)[0].strip().lower() for part in response.get("Cache-Control", "").split(",")
    }
    return not (directives & NOT_SHARED) and not has_vary_header(response, "*")


def varied_headers(response):
    vary = [name.strip() for name in response.get("Vary", "").split(",") if name.strip()]
    return [name for name in vary if name.lower() != "cookie"]  # readers here have no session


SCOPE_HINTS_KEPT = 20_000  # addresses whose scopes a process remembers (then it starts again)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Which scopes each address's page read when this process last saw it kept: so that a hit
        # reads the page and their numbers in one round trip. Only a guess, checked against the
        # page's own record; a page that now reads others costs a second round trip.
        self.scope_hints = {}

    def __call__(self, request):
        invalidation.request_started()
        try:
            self.see_uncommitted_writes()
            if settings.PAGE_CACHE_ENABLED and keys.may_use_cache(request):
                return self.serve_reader(request)
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                patch_cache_control(response, private=True)
            return response
        finally:
            invalidation.request_finished()

    @staticmethod
    def see_uncommitted_writes():
        """This thread's writes not yet committed (a test's) start a new generation for every
        request, not only readers': the cached identity is keyed on it too, page cache on or off."""
        try:
            invalidation.bump_for_uncommitted_writes()
        except Exception:  # the cache is down: nothing cached can be read either
            logger.exception("Page cache unavailable")

    def serve_reader(self, request):
        request.get_host()  # a host not allowed is refused (400) before the cache is read
        query = keys.normalise(request)
        rendering = None  # this request's claim to render the page, once it has one
        try:
            entry, current = self.fresh_entry(request, query)
            if entry is None:
                rendering = keys.page_key(request, query, f"rendering:{current}")
                if not cache.add(rendering, 1, RENDER_CLAIM_SECONDS):
                    entry, rendering = self.await_render(request, query, rendering), None
            if entry is None:  # a change to any article while this renders must keep it out
                before = generation.scope_values([freshness.ARTICLES])
        except Exception:  # the cache is down: serve the page uncached (nothing stale can be read)
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        if entry is not None:
            return self.respond(request, self.rebuild(entry), entry, "HIT")
        try:
            response = self.get_response(request)
            if not storable(request, response):
                return response
            try:
                entry = self.store(request, response, current, query, before)
            except Exception:
                logger.exception("Page cache unavailable")
                return response
        finally:
            if rendering:
                self.release(rendering)
        if entry is None:  # a scheduled change is due within the second, or an article changed
            # while it rendered: nobody may keep it
            patch_cache_control(response, max_age=0, s_maxage=0)
            return response
        return self.respond(request, response, entry, "MISS")

    def fresh_entry(self, request, query):
        """``(entry, current generation)``: the page kept for this request, if it is of the current
        content generation and every scope it read still holds, else ``None``. One round trip when
        the scopes it read are those it read when this process last saw it (``scope_hints``), else
        two (one more for a page kept in variants, such as the API's)."""
        key = keys.page_key(request, query)
        entry, current, values = generation.read_with_scopes(key, self.scope_hints.get(key, ()))
        if entry is not None and VARIANTS in entry:  # kept per value of a request header: read that one
            key = keys.page_key(request, query, keys.variant(request, entry[VARIANTS]))
            entry, current, values = generation.read_with_scopes(key, self.scope_hints.get(key, ()))
        if entry is None:
            return None, current
        scopes = entry.get("scopes", {})
        if scopes.keys() <= values.keys():
            holds = all(values[name] == number for name, number in scopes.items())
        else:
            current, holds = generation.holding(scopes)
            if len(self.scope_hints) >= SCOPE_HINTS_KEPT:
                self.scope_hints.clear()
            self.scope_hints[key] = tuple(scopes)
        if entry.get("generation") != current or not holds:
            return None, current
        return entry, current

    def await_render(self, request, query, rendering):
        """Another request is rendering this page: wait for it rather than render it again (a
        change empties a page that hundreds of readers ask for at once). ``None`` when that
        render ends without a page this request may be given, or takes too long."""
        deadline = time.monotonic() + settings.PAGE_CACHE_RENDER_WAIT
        while time.monotonic() < deadline:
            time.sleep(RENDER_POLL_SECONDS)
            entry, _ = self.fresh_entry(request, query)
            if entry is not None:
                return entry
            if cache.get(rendering) is None:
                return None
        return None

    @staticmethod
    def release(rendering):
        try:
            cache.delete(rendering)
        except Exception:
            logger.exception("Page cache unavailable")

    def store(self, request, response, current, query, before):
        """Keep ``response`` with the numbers of the scopes its page depends on and the digests of
        its digest scopes, unless an article changed while it rendered (``before``: the
        ``ARTICLES`` scope then)."""
        now = time.time()
        lifetime = settings.PAGE_CACHE_SECONDS
        next_change = schedule.next_scheduled_change(current)
        if next_change is not None:
            lifetime = min(lifetime, next_change - now)
        scopes = generation.scope_values(freshness.declared(request) | {freshness.ARTICLES})
        if lifetime < 1 or scopes[freshness.ARTICLES] != before[freshness.ARTICLES]:
            return None
        scopes = {name: scopes[name] for name in freshness.declared(request)}
        digests = freshness.declared_digests(request)
        if digests and len(generation.stored_digests(digests)) == len(digests):
            scopes.update(digests)  # served while the digests stored are the same
        elif digests:  # none computed since the cache was emptied: until the next change
            scopes[freshness.ARTICLES] = before[freshness.ARTICLES]
        if not response.has_header("ETag"):
            set_response_etag(response)
        entry = {
            "status": response.status_code,
            "headers": list(response.items()),
            "content": response.content,
            "modified": int(now),
            "expires": now + lifetime,
            "scopes": scopes,
            "generation": current,
        }
        key = keys.page_key(request, query)
        vary = varied_headers(response)
        if vary:
            cache.set(key, {VARIANTS: vary}, lifetime)
            key = keys.page_key(request, query, keys.variant(request, vary))
        cache.set(key, entry, lifetime)
        return entry

    @staticmethod
    def rebuild(entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for header, value in entry["headers"]:
            response[header] = value
        return response

    def respond(self, request, response, entry, outcome):
        response["Last-Modified"] = http_date(entry["modified"])
        shared_max_age = min(settings.PAGE_CACHE_SHARED_MAX_AGE, math.floor(entry["expires"] - time.time()))
        patch_cache_control(response, public=True, max_age=0, s_maxage=max(0, shared_max_age))
        patch_vary_headers(response, ["Cookie"])
        response["X-Cache"] = outcome
        return get_conditional_response(
            request, etag=response.get("ETag"), last_modified=entry["modified"], response=response
        )
