"""Shared Playwright fixtures for browser tests: a headless Chromium and a fresh page per test.

Browser tests drive Django's ``live_server``, so they need
``@pytest.mark.django_db(transaction=True, serialized_rollback=True)`` (the live server runs in
another thread, and ``serialized_rollback`` restores the migrations' data — vocabularies, roles,
Wagtail's root page — that flushing a transactional test's database removes) and ``@pytest.mark.browser``.
"""

import os
import re
from pathlib import Path

import pytest

# Debian's chromium; CHROMIUM=/path overrides it (scripts/ensure-chromium.sh reads it too).
CHROMIUM = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Nothing leaves the machine: every request but the test server's goes to a proxy on a closed
# port, and fails. Not ``context.route``: routing a context turns its HTTP cache off, and each
# page then fetched every script and stylesheet again.
NO_OUTSIDE = {"server": "http://127.0.0.1:9", "bypass": "localhost,127.0.0.1"}
OUTSIDE = re.compile(r"^https?://(?!(localhost|127\.0\.0\.1)[:/])")

# How long an expectation waits for the page to get there (Playwright's default: 5 s). Two workers
# run a Chromium and a live server each on two cores: an admin submission, its redirect and the
# next page can take longer than 5 s under that load. A check that fails still fails, later.
EXPECT_TIMEOUT_MS = 15_000

# Playwright's sync API runs an event loop in this thread, which trips Django's check against
# database access from async code; the test code itself is synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def base_data(django_db_setup, django_db_blocker):
    """The migrations' data (Wagtail's root page and site, vocabularies, roles), serialized once.

    Django restores it after each transactional test flushes the database ("serialized
    rollback"), but keeps it on the connection object, and Playwright's greenlets give the tests a
    different one when Django set up the database before the browser started. So keep our own copy.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        return (
            getattr(connection, "_test_serialized_contents", None)
            or connection.creation.serialize_db_to_string()
        )


@pytest.fixture(autouse=True)
def _restore_base_data(base_data, transactional_db):
    from django.db import connection

    from wagtail.models import Page

    connection._test_serialized_contents = base_data
    if not Page.objects.exists():
        connection.creation.deserialize_db_from_string(base_data)


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        # A missing browser fails the browser tests: it must never pass for a green run.
        pytest.fail(
            f"No Chromium at {CHROMIUM}: the browser tests need it. Install it (as root: "
            "apt-get install chromium; make test does when it can) or set CHROMIUM=/path/to/chromium; "
            "or deselect the browser tests with SKIP_BROWSER_TESTS=1 (or pytest -m 'not browser').",
            pytrace=False,
        )
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, proxy=NO_OUTSIDE
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Opens pages in fresh contexts (separate cookies and cache: another user, or a reader), closed
    after the test. Contexts only talk to the test server: Gravatar and other outside calls fail
    (``NO_OUTSIDE``).

    Keyword arguments go to ``browser.new_context``: ``new_page(java_script_enabled=False)``,
    ``new_page(permissions=["clipboard-read", "clipboard-write"])``."""
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
