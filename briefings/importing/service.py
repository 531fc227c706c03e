"""Import plain-text articles as ``ArticlePage`` drafts (or published pages).

Each file is imported in its own transaction: a file that fails leaves nothing behind and the
others still import. A hash of what was imported makes re-imports idempotent.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify

from briefings.articles.models import ArticleAuthor, ArticlePage, Author, BriefingIndexPage
from taxonomy.names import TAG_KEYS

from .parser import ParsedArticle, ParsedAuthor, ParseError, decode_text, parse_article

IMPORTABLE_SUFFIXES = {".txt", ".md"}
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass
class ImportResult:
    file: str
    action: str  # created | updated | unchanged | error
    parsed: ParsedArticle | None = None
    error: str | None = None
    page_id: int | None = None
    extra: dict = field(default_factory=dict)

    def as_dict(self):
        data = {
            "file": self.file,
            "action": self.action,
            "title": None,
            "kind": None,
            "authors": [],
            "date": None,
            "source": None,
            "paragraphs": 0,
            "error": self.error,
        }
        if self.parsed is not None:
            data.update(self.parsed.as_dict())
        data.update(self.extra)
        return data


def collect_files(paths: Iterable[str | Path]) -> list[tuple[Path, str | None]]:
    """Expand folders to their ``.txt``/``.md`` files (sorted); flag paths that can't be read."""
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in IMPORTABLE_SUFFIXES
            )
            found.extend((p, None) for p in files)
        elif path.is_file():
            if path.suffix.lower() in IMPORTABLE_SUFFIXES:
                found.append((path, None))
            else:
                found.append((path, f"not a .txt or .md file: {path.name}"))
        elif path.exists():
            found.append((path, "not a regular file"))
        else:
            found.append((path, "no such file or folder"))
    return found


def read_article(path: Path) -> ParsedArticle:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise ParseError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return parse_article(decode_text(data))


def content_hash(parsed: ParsedArticle, topics: dict | None = None) -> str:
    payload = {
        "title": parsed.title,
        "kind": parsed.kind,
        "authors": [a.__dict__ for a in parsed.authors] if parsed.authors else [],
        "date": parsed.date.isoformat() if parsed.date else None,
        "source": parsed.source,
        "paragraphs": list(parsed.paragraphs),
        "topics": topics or {},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def body_from_paragraphs(paragraphs):
    return [("paragraph", f"<p>{escape(text)}</p>") for text in paragraphs]


def find_or_create_author(parsed: ParsedAuthor) -> Author:
    affiliation = parsed.affiliation or ""
    author = Author.objects.filter(name=parsed.name, affiliation=affiliation).first()
    if author is None:
        parts = [p.strip() for p in affiliation.split(",") if p.strip()]
        author = Author.objects.create(
            honorific=parsed.honorific or "",
            name=parsed.name,
            role=parsed.role or "",
            affiliation=affiliation,
            city=parts[-1] if len(parts) > 1 else "",
        )
    return author


def _unique_slug(index: BriefingIndexPage, title: str, exclude_pk=None) -> str:
    base = slugify(title, allow_unicode=True)[:200].strip("-") or "article"
    slug, n = base, 2
    siblings = ArticlePage.objects.child_of(index).exclude(pk=exclude_pk)
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def find_existing(index: BriefingIndexPage, parsed: ParsedArticle, path: Path, digest: str):
    """The article this file was imported as before: by content, then by file, then by title."""
    if index.pk is None:  # a dry run on a site whose tree is not built yet
        return None
    articles = ArticlePage.objects.child_of(index)
    return (
        articles.filter(import_hash=digest).first()
        or articles.filter(import_path=str(path.resolve())).first()
        or articles.filter(slug=slugify(parsed.title, allow_unicode=True)[:200]).first()
    )


def topic_codes(topics: dict) -> dict:
    """``{"countries": ["CN", "KZ"], ...}``: the codes of the topics an import applies."""
    return {name: sorted(t.code for t in topics.get(name, ())) for name in TAG_KEYS if name in topics}


class ArticleImporter:
    """Imports files under one briefings index.

    ``topics`` are applied to every file (``{"countries": [Country, ...], ...}``); ``suggest`` is
    an optional callable ``(parsed) -> topics`` whose proposals fill each vocabulary the explicit
    topics leave empty.
    """

    def __init__(self, index: BriefingIndexPage, *, publish=False, dry_run=False, topics=None, suggest=None):
        self.index = index
        self.publish = publish
        self.dry_run = dry_run
        self.topics = {name: list(values) for name, values in (topics or {}).items() if values}
        self.suggest = suggest

    def import_paths(self, paths) -> Iterator[ImportResult]:
        for path, problem in collect_files(paths):
            if problem:
                yield ImportResult(file=str(path), action="error", error=problem)
            else:
                yield self.import_file(path)

    def topics_for(self, parsed: ParsedArticle) -> dict:
        topics = dict(self.suggest(parsed)) if self.suggest else {}
        topics.update(self.topics)
        return topics

    def import_file(self, path: Path) -> ImportResult:
        result = ImportResult(file=str(path), action="error")
        try:
            parsed = read_article(path)
            result.parsed = parsed
            topics = self.topics_for(parsed)
            result.extra = topic_codes(topics)
            digest = content_hash(parsed, result.extra)
            existing = find_existing(self.index, parsed, path, digest)
            if existing is not None and self._is_unchanged(existing, digest):
                result.action, result.page_id = "unchanged", existing.pk
                return result
            result.action = "updated" if existing is not None else "created"
            if self.dry_run:
                result.page_id = existing.pk if existing else None
                return result
            with transaction.atomic():
                page = self._write(existing, parsed, path, digest, topics)
            result.page_id = page.pk
        except ParseError as exc:
            result.action, result.error = "error", str(exc)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            result.action, result.error = "error", f"{type(exc).__name__}: {exc}".splitlines()[0]
        return result

    def _is_unchanged(self, page: ArticlePage, digest: str) -> bool:
        latest = page.get_latest_revision_as_object()
        if latest.import_hash != digest:
            return False
        return page.live or not self.publish

    def _write(self, existing, parsed: ParsedArticle, path: Path, digest: str, topics: dict) -> ArticlePage:
        authors = [find_or_create_author(a) for a in parsed.authors]
        if existing is None:
            page = ArticlePage(live=False)
        else:
            page = existing.get_latest_revision_as_object()
        page.title = parsed.title
        page.kind = parsed.kind or ""
        page.date = parsed.date
        page.source_name = parsed.source or ""
        page.body = body_from_paragraphs(parsed.paragraphs)
        page.import_path = str(path.resolve())
        page.import_hash = digest
        page.article_authors = [
            ArticleAuthor(author=author, sort_order=n) for n, author in enumerate(dict.fromkeys(authors))
        ]
        for topic_field, values in topics.items():
            getattr(page, topic_field).set(values)
        if existing is None:
            page.slug = _unique_slug(self.index, parsed.title)
            self.index.add_child(instance=page)
        revision = page.save_revision(log_action=True)
        if self.publish:
            revision.publish()
        return page
