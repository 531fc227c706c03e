from pathlib import Path

import pytest

from briefings.editorial.setup import ensure_site

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"


@pytest.fixture
def site_tree(db):
    """``(home, index)``: the page tree every site has."""
    return ensure_site()


@pytest.fixture
def home(site_tree):
    return site_tree[0]


@pytest.fixture
def index(site_tree):
    return site_tree[1]
