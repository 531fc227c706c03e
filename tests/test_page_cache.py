"""The reader page cache (README "Caching"): a reader's second visit costs no query, nobody
signed in, no private page and no response with a cookie or a form is kept, equivalent addresses
share a page, every change readers could see (and a go-live or expiry time passing) is shown on the
next visit, browsers revalidate with 304s, and a CDN is purged."""

import datetime
import os
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.urls import include, path, reverse
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

import pytest
import requests

from briefings.articles.models import ArticlePage, BriefingIndexPage
from briefings.editorial.roles import EDITORS, FELLOWS
from briefings.operations import checks
from taxonomy.curation.merge import merge_topics
from taxonomy.models import Country, Initiative
from tests.deployment import ROOT, database_url, redis_url
from tests.factories import AuthorFactory, make_article, make_user

pytestmark = pytest.mark.django_db


def hit(response):
    return response.get("X-Cache") == "HIT"


@pytest.fixture
def piece(index):
    author = AuthorFactory(name="Hafsa Akram")
    return make_article(
        index,
        "Pipelines Across the Steppe",
        authors=[author],
        body=["A pipeline across the steppe."],
        countries=["kazakhstan"],
        initiatives=["bri"],
        sectors=["energy"],
    )


READER_PAGES = [
    "/",
    "/briefings/",
    "{article}",
    "/authors/",
    "/authors/hafsa-akram/",
    "/authors/hafsa-akram/feed/",
    "/topics/",
    "/topics/countries/",
    "/topics/countries/kazakhstan/",
    "/topics/countries/kazakhstan/initiatives/bri/",
    "/topics/countries/kazakhstan/feed/",
    "/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/search/?q=pipeline",
    "/api/v2/pages/?type=briefings.ArticlePage",
    "/cite/{pk}.bib",
    "/no-such-page/",
]


def test_a_readers_second_visit_is_served_from_the_cache_without_a_query(
    client, piece, django_assert_num_queries
):
    for url in READER_PAGES:
        url = url.format(article=piece.url, pk=piece.pk)
        first = client.get(url)
        assert first["X-Cache"] == "MISS", url
        with django_assert_num_queries(0):
            second = client.get(url)
        assert hit(second), url
        assert second.status_code == first.status_code, url
        assert second.content == first.content, url
        assert second["Content-Type"] == first["Content-Type"], url
    with django_assert_num_queries(0):
        head = client.head(piece.url)
    assert hit(head) and head.status_code == 200


def test_cached_pages_still_carry_the_security_headers(client, piece):
    client.get(piece.url)
    response = client.get(piece.url)
    assert hit(response)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"]


def test_a_host_the_site_does_not_serve_is_refused_before_the_cache_is_read(client, piece, settings, caplog):
    settings.ALLOWED_HOSTS = ["testserver"]
    assert client.get(piece.url)["X-Cache"] == "MISS"
    response = client.get(piece.url, HTTP_HOST="elsewhere.example")
    assert response.status_code == 400
    assert "X-Cache" not in response
    assert not [r for r in caplog.records if r.name == "briefings.caching.middleware"]


def test_a_signed_in_editor_is_never_served_a_cached_page_nor_cached(client, piece):
    assert client.get(piece.url)["X-Cache"] == "MISS"
    client.force_login(make_user(EDITORS, "editor"))
    for _ in range(2):
        response = client.get(piece.url)
        assert "X-Cache" not in response
        assert b"wagtail-userbar" in response.content
        assert "private" in response["Cache-Control"]
    client.logout()
    anonymous = client.get(piece.url)
    assert hit(anonymous)
    assert b"wagtail-userbar" not in anonymous.content


def test_a_private_page_is_never_cached(client, piece):
    restriction = PageViewRestriction.objects.create(
        page=piece, restriction_type=PageViewRestriction.PASSWORD, password="open sesame"
    )
    for _ in range(2):
        form = client.get(piece.url)
        assert form.status_code == 200 and "X-Cache" not in form
        assert b"A pipeline across the steppe" not in form.content
    # A reader who gives the password reads the page; the next reader still gets the form.
    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.id, piece.id]),
        {"password": "open sesame", "return_url": piece.url},
    )
    assert response.status_code == 302
    assert b"A pipeline across the steppe" in client.get(piece.url).content
    client.cookies.clear()
    assert b"A pipeline across the steppe" not in client.get(piece.url).content
    restriction.restriction_type = PageViewRestriction.LOGIN
    restriction.save()
    for _ in range(2):
        response = client.get(piece.url)
        assert response.status_code == 302 and "X-Cache" not in response


def sets_a_cookie(request):
    response = HttpResponse("Hello")
    response.set_cookie("seen", "1")
    return response


def has_a_form(request):
    return HttpResponse(
        f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}">'
    )


def adds_a_message(request):
    from django.contrib import messages

    messages.info(request, "Welcome")
    return HttpResponse("Hello")


RENDERS = []


def slow_page(request):
    RENDERS.append(request.path)
    time.sleep(0.3)
    return HttpResponse(f"Rendered {len(RENDERS)}")


def slow_page_with_a_cookie(request):
    response = slow_page(request)
    response.set_cookie("seen", "1")
    return response


urlpatterns = [
    path("slow/", slow_page),
    path("slow-cookie/", slow_page_with_a_cookie),
    path("cookie/", sets_a_cookie),
    path("form/", has_a_form),
    path("message/", adds_a_message),
    path("", include("briefings.urls")),
]


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("url", ["/cookie/", "/form/", "/message/"])
def test_a_response_that_sets_a_cookie_or_carries_a_csrf_token_is_never_cached(client, site_tree, url):
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert response.cookies


def read_at_once(url, readers):
    responses = []
    threads = [threading.Thread(target=lambda: responses.append(Client().get(url))) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@override_settings(ROOT_URLCONF=__name__)
def test_readers_asking_at_once_for_a_missing_page_wait_for_one_render(site_tree):
    RENDERS.clear()
    responses = read_at_once("/slow/", 4)
    assert RENDERS == ["/slow/"]
    assert [r.content for r in responses] == [b"Rendered 1"] * 4
    assert sorted(r["X-Cache"] for r in responses) == ["HIT", "HIT", "HIT", "MISS"]


@override_settings(ROOT_URLCONF=__name__)
def test_a_render_no_reader_may_share_lets_the_waiting_readers_render_their_own(site_tree):
    RENDERS.clear()
    responses = read_at_once("/slow-cookie/", 3)
    assert RENDERS == ["/slow-cookie/"] * 3
    assert all(r.status_code == 200 and "X-Cache" not in r for r in responses)


def test_posts_are_never_cached(client, site_tree):
    for _ in range(2):
        assert "X-Cache" not in client.post("/search/?q=pipeline")


def test_equivalent_addresses_share_a_cached_page(client, piece):
    first = client.get("/search/?q=pipeline&country=kazakhstan&utm_source=newsletter")
    assert first["X-Cache"] == "MISS"
    assert b"Across the Steppe" in first.content
    assert b"utm_source" not in first.content  # the view never saw the tracking parameter
    for url in [
        "/search/?country=kazakhstan&q=pipeline",
        "/search/?q=pipeline&fbclid=abc&country=kazakhstan&gclid=x&utm_medium=email",
    ]:
        response = client.get(url)
        assert hit(response), url
        assert response.content == first.content
    assert client.get("/search/?q=steppe&country=kazakhstan")["X-Cache"] == "MISS"
    assert client.get("/search/?q=pipeline")["X-Cache"] == "MISS"


def test_api_responses_are_cached_per_requested_format(client, piece):
    url = "/api/v2/pages/?type=briefings.ArticlePage"
    json = client.get(url, HTTP_ACCEPT="application/json")
    assert json["Content-Type"] == "application/json"
    assert hit(client.get(url, HTTP_ACCEPT="application/json"))
    other = client.get(url, HTTP_ACCEPT="text/html")
    assert not hit(other) and other["Content-Type"].startswith("text/html")
    assert hit(client.get(url, HTTP_ACCEPT="application/json"))


# --- Never stale ------------------------------------------------------------------------------------


def visit(client, *urls):
    """Cache the pages, as readers would have."""
    for url in urls:
        client.get(url)
        assert hit(client.get(url)), url


def test_publishing_shows_the_new_article_everywhere(client, piece, index):
    listings = ["/", "/briefings/", "/feed/", "/topics/countries/kazakhstan/", "/search/?q=pipeline"]
    visit(client, *listings)
    make_article(index, "A Second Pipeline", body=["Another pipeline."], countries=["kazakhstan"])
    for url in listings:
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert b"A Second" in response.content, url


def test_a_published_edit_is_shown_but_a_draft_is_not(client, piece):
    visit(client, piece.url)
    draft = piece.get_latest_revision_as_object()
    draft.title = "A Draft Title"
    draft.save_revision()
    assert hit(client.get(piece.url))  # saving a draft changes nothing readers see
    draft.title = "A Published Title"
    draft.save_revision().publish()
    assert b"A Published Title" in client.get(piece.url).content


def test_unpublishing_and_deleting_remove_the_article(client, piece, index):
    other = make_article(index, "Another Piece", countries=["kazakhstan"])
    visit(client, piece.url, other.url, "/briefings/", "/topics/countries/kazakhstan/")
    piece.unpublish()
    assert client.get(piece.url).status_code == 404
    assert b"Pipelines Across the Steppe" not in client.get("/briefings/").content
    other.delete()
    assert client.get(other.url).status_code == 404
    assert b"Another Piece" not in client.get("/topics/countries/kazakhstan/").content


def test_moving_an_article_changes_its_address(client, piece, home):
    old_url = piece.url
    archive = home.add_child(instance=BriefingIndexPage(title="Archive", slug="archive"))
    visit(client, old_url)
    piece.move(archive, pos="last-child")
    moved = client.get(old_url)  # Wagtail's redirect from the old address
    assert moved.status_code == 301 and moved["Location"] == "/archive/pipelines-across-the-steppe/"
    assert b"A pipeline across the steppe" in client.get("/archive/pipelines-across-the-steppe/").content


def test_a_bulk_update_that_sends_no_signal_is_shown(client, piece):
    """As an import, a merge or a command may write: the database is watched, not the models."""
    visit(client, piece.url, "/briefings/")
    ArticlePage.objects.filter(pk=piece.pk).update(title="Renamed in Bulk")
    assert b"Renamed in Bulk" in client.get(piece.url).content
    assert b"Renamed in Bulk" in client.get("/briefings/").content


def test_editing_an_author_shows_on_their_articles(client, piece):
    visit(client, piece.url, "/experts/")
    author = piece.authors[0]
    author.name = "Hafsa Akram-Khan"
    author.save()
    assert b"Hafsa Akram-Khan" in client.get(piece.url).content
    assert b"Hafsa Akram-Khan" in client.get("/experts/").content


def test_renaming_and_merging_topics_move_their_hubs(client, piece):
    visit(client, piece.url, "/topics/countries/kazakhstan/")
    kazakhstan = Country.objects.get(slug="kazakhstan")
    kazakhstan.name, kazakhstan.slug = "Qazaqstan", "qazaqstan"
    kazakhstan.save()
    response = client.get("/topics/countries/kazakhstan/")
    assert response.status_code == 301 and response["Location"] == "/topics/countries/qazaqstan/"
    assert b"Qazaqstan" in client.get(piece.url).content

    visit(client, "/topics/initiatives/bri/")
    merge_topics(Initiative.objects.get(slug="bri"), Initiative.objects.get(slug="gdi"))
    response = client.get("/topics/initiatives/bri/")
    assert response.status_code == 301 and response["Location"] == "/topics/initiatives/gdi/"


def test_a_new_redirect_is_followed(client, piece):
    visit(client, "/old-address/")
    Redirect.objects.create(old_path="/old-address", redirect_link=piece.url)
    response = client.get("/old-address/")
    assert response.status_code == 301 and response["Location"] == piece.url


def test_a_change_of_the_sites_address_is_shown(client, piece):
    visit(client, "/sitemap.xml", "/sitemap-pages.xml")
    site = piece.get_site()
    site.hostname = "briefings.example.org"
    site.save()
    assert b"http://briefings.example.org/sitemap-pages.xml" in client.get("/sitemap.xml").content
    assert b"http://briefings.example.org/briefings/" in client.get("/sitemap-pages.xml").content


class Clock:
    """Moves ``timezone.now()`` and ``time.time()`` (which the cache's expiry reads) forward."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        real_time, real_now = time.time, timezone.now
        monkeypatch.setattr(time, "time", lambda: real_time() + self.offset)
        monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(seconds=self.offset))

    def advance(self, seconds):
        self.offset += seconds


@pytest.mark.parametrize("field, shown_before", [("go_live_at", False), ("expire_at", True)])
def test_a_scheduled_time_passing_is_shown_without_publish_scheduled(
    client, index, monkeypatch, settings, field, shown_before
):
    settings.PAGE_CACHE_SHARED_MAX_AGE = 3600
    clock = Clock(monkeypatch)
    article = make_article(index, "Scheduled Pipeline", countries=["kazakhstan"])
    setattr(article, field, timezone.now() + datetime.timedelta(minutes=10))
    article.save()
    listings = ["/briefings/", "/topics/countries/kazakhstan/", "/feed/"]
    for url in [article.url, *listings]:
        client.get(url)
        response = client.get(url)
        assert hit(response)
        # A CDN keeps it no longer than until the scheduled time either.
        assert int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 600
    clock.advance(9 * 60)
    assert hit(client.get("/briefings/"))
    clock.advance(61)
    assert (client.get(article.url).status_code == 200) is not shown_before
    for url in listings:
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert (b"Scheduled Pipeline" in response.content) is not shown_before, url


# --- HTTP caching -----------------------------------------------------------------------------------


def test_browsers_revalidate_and_get_304s_while_the_page_is_unchanged(client, piece):
    first = client.get(piece.url)
    assert first["ETag"] and first["Last-Modified"]
    assert "public" in first["Cache-Control"] and "max-age=0" in first["Cache-Control"]
    assert "s-maxage=60" in first["Cache-Control"]
    by_etag = client.get(piece.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304 and by_etag.content == b""
    by_date = client.get(piece.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    draft = piece.get_latest_revision_as_object()
    draft.title = "Pipelines, Revised"
    draft.save_revision().publish()
    changed = client.get(piece.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and b"Pipelines, Revised" in changed.content
    assert changed["ETag"] != first["ETag"]


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the method's name
        self.server.received.append(("PURGE", self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn():
    """A caching proxy's purge endpoint on a free local port, recording what it is sent."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    location = f"http://127.0.0.1:{server.server_address[1]}"
    backend = {
        "default": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": location}
    }
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        yield server.received
    server.shutdown()
    server.server_close()


def test_editors_empty_the_cache_from_the_admin(client, piece, cdn):
    visit(client, piece.url)
    client.force_login(make_user(EDITORS, "editor"))
    url = reverse("page_cache_purge")
    assert b"Public site cache" in client.get(reverse("wagtailadmin_home")).content
    confirm = client.get(url)
    assert confirm.status_code == 200 and b"Yes, empty the cache" in confirm.content
    response = client.post(url, follow=True)
    assert b"The public site&#x27;s cache was emptied" in response.content
    assert cdn == [("PURGE", "localhost", "/")]
    client.logout()
    assert client.get(piece.url)["X-Cache"] == "MISS"


def test_fellows_may_not_empty_the_cache(client, piece, cdn):
    visit(client, piece.url)
    client.force_login(make_user(FELLOWS, "fellow"))
    assert b"Public site cache" not in client.get(reverse("wagtailadmin_home")).content
    for response in (client.get(reverse("page_cache_purge")), client.post(reverse("page_cache_purge"))):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert cdn == []
    client.logout()
    assert hit(client.get(piece.url))


def test_the_cache_can_be_switched_off(client, piece, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(piece.url)
    assert "X-Cache" not in client.get(piece.url)


def test_production_refuses_to_start_without_the_page_cache_middleware_or_with_a_broken_cdn_backend(settings):
    assert checks.page_cache() == []
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != checks.PAGE_CACHE_MIDDLEWARE]
    assert [message.id for message in checks.page_cache()] == ["operations.E005"]
    settings.PAGE_CACHE_ENABLED = False
    assert checks.page_cache() == []
    settings.WAGTAILFRONTENDCACHE = {"default": {"BACKEND": "no.such.Backend"}}
    assert [message.id for message in checks.page_cache()] == ["operations.E006"]


# --- Several app servers ------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_app_server(port, **env):
    """``manage.py runserver`` on the test database, sharing the test Redis: a second host."""
    command = [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "briefings.settings.test",
        "DATABASE_URL": database_url(),
        **env,
    }
    return subprocess.Popen(  # noqa: S603 - our own command line
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def wait_until_serving(base, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode()
        try:
            return requests.get(f"{base}/healthz", timeout=10)
        except requests.ConnectionError:
            time.sleep(0.1)  # the process is still starting
    raise AssertionError(f"{base} did not start")


def csrf_token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_made_through_one_app_server_is_never_served_stale_by_another(site_tree, cdn):
    home, index = site_tree
    site = home.get_site()
    site.hostname = "briefings.example.org"  # a public address, or the servers refuse to start
    site.save()
    piece = make_article(index, "Pipelines Across the Steppe", body=["A pipeline across the steppe."])
    make_user(EDITORS, "editor")
    shared = {
        "TEST_SHARED_CACHE_URL": redis_url(11),
        "CACHE_KEY_PREFIX": f"test-page-cache-{uuid.uuid4().hex}",
        "FRONTEND_CACHE_PURGE_URL": settings.WAGTAILFRONTENDCACHE["default"]["LOCATION"],
    }
    ports = [free_port(), free_port()]
    servers = [start_app_server(port, **shared) for port in ports]
    try:
        one, other = (f"http://127.0.0.1:{port}" for port in ports)
        for base, process in zip((one, other), servers, strict=True):
            wait_until_serving(base, process)
        reader, editor = requests.Session(), requests.Session()
        for session in (reader, editor):  # as behind a load balancer
            session.headers["Host"] = "briefings.example.org"
        assert reader.get(one + piece.url).headers["X-Cache"] == "MISS"
        assert reader.get(other + piece.url).headers["X-Cache"] == "HIT"  # they share the cache
        assert "Pipelines Across the Steppe" in reader.get(other + "/briefings/").text

        cdn.clear()  # the purges of the test's own writes, above
        login = editor.get(one + "/admin/login/")
        editor.post(
            one + "/admin/login/",
            {"username": "editor", "password": "pw", "csrfmiddlewaretoken": csrf_token(login)},
        )
        unpublish = one + reverse("wagtailadmin_pages:unpublish", args=[piece.pk])
        confirm = editor.get(unpublish)
        done = editor.post(unpublish, {"csrfmiddlewaretoken": csrf_token(confirm)}, allow_redirects=False)
        assert done.status_code == 302

        assert reader.get(other + piece.url).status_code == 404
        assert "Pipelines Across the Steppe" not in reader.get(other + "/briefings/").text
        assert cdn == [("PURGE", "briefings.example.org", "/")]  # once, as the editor's request ended
    finally:
        for process in servers:
            process.terminate()
            process.wait(timeout=10)
            process.stderr.close()
