"""Content-Security-Policy: every HTML page carries one, in every settings module. Reader pages
allow scripts and styles from the site only and need nothing inline; the admins get their own,
looser policy. (In a browser: tests/browser/test_content_security_policy_browser.py.)"""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefings.editorial.roles import EDITORS
from tests.factories import AuthorFactory, make_article, make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def directives(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    return {
        name: values
        for name, _, values in (part.strip().partition(" ") for part in header.split(";"))
        if name
    }


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts (data blocks such as JSON-LD
    aside), ``<style>`` elements, ``style`` attributes, ``on…`` handlers and ``javascript:`` links."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs:
            self._script = attrs.get("type", "text/javascript")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs.items():
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")

    def handle_data(self, data):
        if self._script is not None and self._script not in DATA_SCRIPT_TYPES and data.strip():
            self.found.append(f"inline <script type={self._script}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.fixture
def reader_urls(index):
    author = AuthorFactory(name="Amina Rahman")
    article = make_article(
        index,
        "Kazakhstan Opens a New Energy Corridor",
        kind="analysis",
        authors=[author],
        countries=["kazakhstan"],
        initiatives=["bri"],
        sectors=["energy"],
        source_name="Caravan Notes",
        source_url="https://example.org/corridor",
    )
    make_article(index, "Power Lines Across the Steppe", countries=["kazakhstan"], sectors=["energy"])
    return [
        "/",
        "/briefings/",
        article.url,
        "/experts/",
        f"/authors/{author.slug}/",
        "/topics/",
        "/topics/countries/",
        "/topics/regions/",
        "/topics/initiatives/",
        "/topics/sectors/",
        "/topics/countries/kazakhstan/",
        "/topics/countries/kazakhstan/initiatives/bri/",
        "/search/",
        "/search/?q=energy&country=kazakhstan",
        "/no-such-page/",
    ]


def test_every_reader_page_has_a_strict_policy_and_nothing_inline(client, reader_urls):
    for url in reader_urls:
        response = client.get(url)
        assert response["Content-Type"].startswith("text/html"), url
        policy = directives(response)
        for directive in ("script-src", "style-src"):
            assert policy[directive] == "'self'", (url, directive, policy[directive])
        assert policy["object-src"] == "'none'", url
        assert policy["base-uri"] == "'self'", url
        assert policy["frame-ancestors"] == "'self'", url
        assert inline_code(response.content.decode()) == [], url


def test_json_ld_is_a_data_block_the_policy_need_not_allow(client, reader_urls):
    html = client.get(reader_urls[2]).content.decode()
    assert '<script type="application/ld+json">' in html


def test_the_inline_code_check_finds_what_a_strict_policy_blocks():
    html = (
        '<script>alert(1)</script><script type="application/ld+json">{}</script><style>p{}</style>'
        '<p style="color:red" onclick="x()"><a href="javascript:void(0)">x</a></p><script src="/a.js"></script>'
    )
    assert inline_code(html) == [
        "inline <script type=text/javascript>",
        "<style>",
        "<p style=…>",
        "<p onclick=…>",
        "<a href=javascript:…>",
    ]


def test_feeds_and_files_are_not_html_but_carry_the_policy_too(client, reader_urls):
    for url in ("/feed/", "/sitemap.xml", "/robots.txt"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert directives(response)["default-src"] == "'self'", url


def test_the_admin_has_its_own_policy(client, index):
    login = client.get("/admin/login/")
    assert "'unsafe-inline'" in directives(login)["script-src"]
    client.force_login(make_user(EDITORS, "erin"))
    for url in ("/admin/", f"/admin/pages/{index.pk}/", "/admin/snippets/taxonomy/country/"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["object-src"] == "'none'", url
        assert policy["frame-ancestors"] == "'self'", url
        assert "https:" not in policy["script-src"], url  # still no scripts from elsewhere


def test_a_reader_path_that_merely_starts_like_the_admin_keeps_the_strict_policy(client, index):
    assert directives(client.get("/administration/"))["script-src"] == "'self'"


SHOW_POLICY = """
import json
from django.conf import settings
from django.utils.module_loading import import_string
from django.http import HttpRequest, HttpResponse
import django
django.setup()
middleware = [m for m in settings.MIDDLEWARE if "ContentSecurityPolicy" in m]
request = HttpRequest()
request.path_info = request.path = "/"
response = import_string(middleware[0])(lambda r: HttpResponse())(request)
print(json.dumps({"middleware": middleware, "header": response.get("Content-Security-Policy", "")}))
"""


@pytest.mark.parametrize("module", ["dev", "test", "production"])
def test_every_settings_module_sends_the_policy(module):
    dropped = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE=f"briefings.settings.{module}",
        SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://x@localhost/x",
    )
    result = subprocess.run(
        [sys.executable, "-c", SHOW_POLICY], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["middleware"] == ["briefings.security.csp.ContentSecurityPolicyMiddleware"]
    assert re.search(r"(^|; )script-src 'self'(;|$)", shown["header"]), shown["header"]
