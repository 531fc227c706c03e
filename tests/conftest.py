import os
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections, transaction

import pytest

from briefings.setup import ensure_site_tree

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"
SKIP_BROWSER_TESTS = os.environ.get("SKIP_BROWSER_TESTS") == "1"


# Browser tests: deselected (never skipped) with SKIP_BROWSER_TESTS=1 -----------------------------


def pytest_report_header(config):
    if SKIP_BROWSER_TESTS:
        return 'SKIP_BROWSER_TESTS=1: the browser tests (tests/browser/) are DESELECTED (-m "not browser")'
    return None


def pytest_collection_modifyitems(config, items):
    if not SKIP_BROWSER_TESTS:
        return
    browser = [item for item in items if item.get_closest_marker("browser")]
    if browser:
        config.hook.pytest_deselected(items=browser)
        items[:] = [item for item in items if not item.get_closest_marker("browser")]


# The page tree, built once per test process ----------------------------------------------------


class SharedSiteTree:
    """The page tree every site has (``ensure_site_tree()``: home page, briefings index, site,
    editorial roles and workflow), built from the migrations' data once and shared by the tests
    that ask for it instead of being built again for each one.

    It lives in a transaction that is never committed: each test runs in a savepoint inside it and
    rolls back to it, as in Django's ``TestCase.setUpTestData``. Before a test that does not ask
    for the tree, or a transactional one (browser tests), the transaction is rolled back, so those
    still start from exactly the migrations' data; the next test that asks builds it again.
    """

    def __init__(self, blocker):
        self.blocker = blocker
        self.connection = self.atomic = self.pages = None

    def open(self):
        if self.atomic is not None:
            assert self.connection.in_atomic_block, "a test ended the shared site tree's transaction"
            return
        with self.blocker.unblock():
            self.connection = connections[DEFAULT_DB_ALIAS]
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            self.pages = ensure_site_tree()

    def close(self):
        if self.atomic is None:
            return
        # On the connection it was opened on: once Playwright runs, the code runs in one of its
        # greenlets, which Django gives a connection of its own.
        current = connections[DEFAULT_DB_ALIAS]
        connections[DEFAULT_DB_ALIAS] = self.connection
        try:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
        finally:
            connections[DEFAULT_DB_ALIAS] = current
        self.connection = self.atomic = self.pages = None

    def fresh_pages(self):
        """New instances for each test: treebeard counts children on the instance it adds to."""
        return tuple(type(page)._default_manager.get(pk=page.pk) for page in self.pages)


@pytest.fixture(scope="session")
def _shared_site_tree(django_db_setup, django_db_blocker):
    shared = SharedSiteTree(django_db_blocker)
    yield shared
    shared.close()


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    if marker and (
        marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
        or marker.kwargs.get("reset_sequences")
    ):
        return True
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(request.fixturenames))


@pytest.fixture
def _shared_site_tree_for_this_test(request, _shared_site_tree):
    if "site_tree" in request.fixturenames and not _is_transactional(request):
        _shared_site_tree.open()
    else:
        _shared_site_tree.close()


@pytest.fixture
def _django_db_helper(_shared_site_tree_for_this_test, _django_db_helper):
    """pytest-django's per-test database set-up (the fixture this overrides and wraps), after the
    shared tree's transaction was opened or rolled back for this test."""
    yield


@pytest.fixture
def site_tree(db, _shared_site_tree):
    """``(home, index)``: the page tree every site has."""
    if _shared_site_tree.atomic is not None:
        return _shared_site_tree.fresh_pages()
    return ensure_site_tree()


@pytest.fixture
def home(site_tree):
    return site_tree[0]


@pytest.fixture
def index(site_tree):
    return site_tree[1]
