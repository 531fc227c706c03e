from pathlib import Path

import pytest

from briefings.setup import ensure_site_tree

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"


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
