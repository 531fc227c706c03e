"""The sample articles shipped in ``briefings/importing/sample_content/``, imported and published."""

import json
from pathlib import Path

from briefings.editorial.setup import ensure_site
from taxonomy.vocabularies import TAG_VOCABULARIES, resolve_codes

from .service import ArticleImporter

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_content"
DEV_ADMIN_USERNAME = "admin"
DEV_ADMIN_PASSWORD = "briefings-dev"  # noqa: S105 - development-only login, printed by make run


def sample_files():
    return sorted(SAMPLE_DIR.glob("*.txt"))


def sample_topics():
    """The topics an editor chose for each sample file (``sample_content/tags.json``)."""
    tags = json.loads((SAMPLE_DIR / "tags.json").read_text(encoding="utf-8"))
    result = {}
    for filename, codes in tags.items():
        topics = {}
        for vocabulary in TAG_VOCABULARIES:
            found, unknown = resolve_codes(vocabulary, codes.get(vocabulary.key, []))
            if unknown:
                raise ValueError(f"{filename}: unknown {vocabulary.key}: {', '.join(unknown)}")
            topics[vocabulary.key] = found
        result[filename] = topics
    return result


def load_sample_content():
    _, index = ensure_site()
    topics = sample_topics()
    return [
        ArticleImporter(index, publish=True, topics=topics.get(path.name, {})).import_file(path)
        for path in sample_files()
    ]
