import os
from pathlib import Path

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


@pytest.fixture
def site_tree(db):
    """``(home, index)``: the page tree every site has."""
    return ensure_site_tree()


@pytest.fixture
def home(site_tree):
    return site_tree[0]


@pytest.fixture
def index(site_tree):
    return site_tree[1]
