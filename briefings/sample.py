"""The sample articles shipped in ``briefings/sample_content/``, imported and published."""

from pathlib import Path

from .importing.service import ArticleImporter
from .setup import ensure_site_tree

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_content"
DEV_ADMIN_USERNAME = "admin"
DEV_ADMIN_PASSWORD = "briefings-dev"  # noqa: S105 - development-only login, printed by make run


def sample_files():
    return sorted(SAMPLE_DIR.glob("*.txt"))


def load_sample_content():
    _, index = ensure_site_tree()
    importer = ArticleImporter(index, publish=True)
    return list(importer.import_paths(sample_files()))
