import os
from pathlib import Path

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Model

import pytest

from briefings.editorial.roles import EDITORS, FELLOWS
from briefings.editorial.setup import ensure_site
from tests.factories import AuthorFactory, make_user

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"
SKIP_BROWSER_TESTS = os.environ.get("SKIP_BROWSER_TESTS") == "1"


# Browser tests: deselected (never skipped) with SKIP_BROWSER_TESTS=1 -----------------------------


def pytest_report_header(config):
    if SKIP_BROWSER_TESTS:
        return 'SKIP_BROWSER_TESTS=1: the browser tests (tests/browser/) are DESELECTED (-m "not browser")'
    return None


def pytest_collection_modifyitems(config, items):
    if SKIP_BROWSER_TESTS:
        browser = [item for item in items if item.get_closest_marker("browser")]
        if browser:
            config.hook.pytest_deselected(items=browser)
            items[:] = [item for item in items if not item.get_closest_marker("browser")]
    long_first(items)


def long_first(items):
    """Start the tests marked ``long`` (each many seconds) first among the transactional tests,
    which pytest-django puts last: the workers then share out the short ones at the end instead of
    one worker finishing a long test alone."""
    first = next((n for n, item in enumerate(items) if _is_transactional_item(item)), None)
    if first is None:
        return
    rest = items[first:]
    items[first:] = [i for i in rest if i.get_closest_marker("long")] + [
        i for i in rest if not i.get_closest_marker("long")
    ]


def _is_transactional_item(item):
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    )
    fixtures = getattr(item, "fixturenames", ())
    return bool(transactional) or "transactional_db" in fixtures or "live_server" in fixtures


# Data built once per test process and shared -----------------------------------------------------

SHARED_DATA = {}  # "module.name" -> builder(index), registered by @shared_data


def shared_data(builder):
    """Make ``builder(index)`` a fixture whose data is built once and shared by the tests that ask
    for it in a row (a module's read-only fixture data), instead of being built for each test.

    Use it only for data the tests do not rely on changing: each test still rolls back whatever it
    changes, but gets the same rows (fresh instances of them) as the tests before it.
    """
    key = f"{builder.__module__}.{builder.__name__}"
    SHARED_DATA[key] = builder

    def fixture(site_tree, _shared_data):
        return _shared_data.value(key)

    fixture.__doc__ = builder.__doc__
    fixture.shared_data_key = key
    return pytest.fixture(name=builder.__name__)(fixture)


def _shared_data_keys(request):
    """The @shared_data this test uses (by definition, not name: a parameter may share its name)."""
    keys = []
    for definitions in request.node._fixtureinfo.name2fixturedefs.values():
        key = getattr(definitions[-1].func, "shared_data_key", None)
        if key and definitions[-1].argname in request.fixturenames:
            keys.append(key)
    return sorted(keys)


def _fresh(value):
    """The same rows as new instances: a test's changes to an instance stay out of the next test."""
    if isinstance(value, Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: _fresh(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_fresh(item) for item in value)
    return value


class SharedData:
    """Data built once and shared by tests: first the page tree every site has
    (``ensure_site()``: home page, briefings index, site, editorial roles and workflow), then
    any ``@shared_data`` a test asks for.

    Each is built in a transaction that is never committed, nested one in the other; each test runs
    in a savepoint inside them and rolls back to it, as in Django's ``TestCase.setUpTestData``.
    Before each test the stack is rolled back to what that test asks for, and what is missing is
    built: a test that does not ask for the tree, or a transactional one (browser tests), starts
    from exactly the migrations' data, and a test sees no shared data it did not ask for.
    """

    def __init__(self, blocker):
        self.blocker = blocker
        self.connection = None
        self.stack = []  # (name, atomic, value), outermost first

    def arrange(self, wanted):
        kept = 0
        while kept < min(len(self.stack), len(wanted)) and self.stack[kept][0] == wanted[kept]:
            kept += 1
        while len(self.stack) > kept:
            self._roll_back_top()
        for name in wanted[kept:]:
            self._build(name)
        if self.stack:
            assert self.connection.in_atomic_block, "a test ended the shared data's transaction"

    def value(self, name):
        return _fresh(next(value for layer, _, value in self.stack if layer == name))

    def _build(self, name):
        with self.blocker.unblock():
            if not self.stack:
                self.connection = connections[DEFAULT_DB_ALIAS]
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                value = (
                    ensure_site() if name == "site_tree" else SHARED_DATA[name](self.value("site_tree")[1])
                )
            except BaseException as exc:
                atomic.__exit__(type(exc), exc, exc.__traceback__)
                raise
            self.stack.append((name, atomic, value))

    def _roll_back_top(self):
        _, atomic, _ = self.stack.pop()
        # On the connection it was opened on: once Playwright runs, the code runs in one of its
        # greenlets, which Django gives a connection of its own.
        current = connections[DEFAULT_DB_ALIAS]
        connections[DEFAULT_DB_ALIAS] = self.connection
        try:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
        finally:
            connections[DEFAULT_DB_ALIAS] = current


@pytest.fixture(scope="session")
def _shared_data(django_db_setup, django_db_blocker):
    shared = SharedData(django_db_blocker)
    yield shared
    shared.arrange([])


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    if marker and (
        marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
        or marker.kwargs.get("reset_sequences")
    ):
        return True
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(request.fixturenames))


@pytest.fixture
def _shared_data_for_this_test(request, _shared_data):
    wanted = []
    if "site_tree" in request.fixturenames and not _is_transactional(request):
        wanted = ["site_tree", *_shared_data_keys(request)]
    _shared_data.arrange(wanted)


@pytest.fixture
def _django_db_helper(_shared_data_for_this_test, _django_db_helper):
    """pytest-django's per-test database set-up (the fixture this overrides and wraps), after the
    shared data was arranged for this test."""
    yield


@pytest.fixture
def site_tree(db, _shared_data):
    """``(home, index)``: the page tree every site has."""
    if _shared_data.stack:
        return _shared_data.value("site_tree")
    return ensure_site()


@pytest.fixture
def home(site_tree):
    return site_tree[0]


@pytest.fixture
def index(site_tree):
    return site_tree[1]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache: a test's rolled-back changes (a renamed topic, a new
    alias) must not live on in what it cached, whichever test a worker happens to run next."""
    yield
    cache.clear()


# People of the editorial workflow (modules that need others define their own) --------------------


@pytest.fixture
def fellow(index):
    """Hafsa Akram, a research fellow with her author profile."""
    author = AuthorFactory(honorific="Ms.", name="Hafsa Akram", affiliation="PRCCSF, Islamabad")
    return make_user(FELLOWS, "hafsa", author=author, first_name="Hafsa", last_name="Akram")


@pytest.fixture
def other_fellow(index):
    return make_user(FELLOWS, "omar", author=AuthorFactory(name="Omar Khan"))


@pytest.fixture
def editor(index):
    return make_user(EDITORS, "editor", first_name="Erin", last_name="Editor")
