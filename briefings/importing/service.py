"""Import plain-text articles as ``ArticlePage`` drafts (or published pages).

Each file is imported in its own transaction: a file that fails leaves nothing behind and the
others still import. A hash of what was imported makes re-imports idempotent.

**Identity.** A file is the same article as before only by its import key (a hash of the file's
absolute path, recorded on the article at its first import) or by an exact content match (same
hash). A title is never enough: a different piece with the same title becomes a new article with
its own slug. A file whose title and byline match an imported article but whose text differs (an
edited copy? another version?) cannot be decided safely: it is a ``conflict``, reported with the
article's id, and nothing is written unless ``replace`` is set. Articles written in the admin have
no import key and are never touched.

**Concurrency.** Each file's transaction locks the briefings index row before it looks for the
article, so two imports of one folder take turns file by file and each sees what the other
committed; the unique constraint on ``import_key`` backs this up (an ``IntegrityError`` rolls the
file's transaction back and the file is resolved again).

**Dry runs** do exactly what a real run does inside a transaction that is rolled back
(``rolled_back()``), so they predict it, validation errors and earlier files of the run included.
"""

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.html import escape
from django.utils.text import slugify

from briefings.articles.models import ArticleAuthor, ArticlePage, Author, BriefingIndexPage
from briefings.core.text import control_characters
from taxonomy.names import TAG_KEYS

from .parser import ParsedArticle, ParsedAuthor, ParsedNote, ParseError, decode_text, parse_article

IMPORTABLE_SUFFIXES = {".txt", ".md"}
MAX_FILE_BYTES = 5 * 1024 * 1024

# What an import did (or, in a dry run, would do) with a file.
CREATED, UPDATED, REPLACED, UNCHANGED, CONFLICT, ERROR = (
    "created",
    "updated",
    "replaced",
    "unchanged",
    "conflict",
    "error",
)
ACTIONS = (CREATED, UPDATED, REPLACED, UNCHANGED, CONFLICT, ERROR)


class InvalidArticle(ValueError):
    """The file parses but cannot be stored as it is; the message names the field and the limit."""


@dataclass
class ImportResult:
    file: str
    action: str  # one of ACTIONS
    parsed: ParsedArticle | None = None
    error: str | None = None
    page_id: int | None = None
    conflict_with: dict | None = None  # {"id", "title", "file"} of the article a conflict is with
    extra: dict = field(default_factory=dict)

    @property
    def reason(self) -> str | None:
        """One line saying why the file was not imported (errors and conflicts)."""
        if self.action == ERROR:
            return self.error
        if self.action == CONFLICT and self.conflict_with:
            other = self.conflict_with
            number = (
                f"article {other['id']}"
                if other["id"] is not None
                else "an article imported earlier in this run"
            )
            source = f", imported from {other['file']}" if other.get("file") else ""
            return (
                f"same title and byline as {number} (“{other['title']}”{source}) but different text; "
                "nothing was written (--replace overwrites that article with this file)"
            )
        return None

    def as_dict(self):
        data = {
            "file": self.file,
            "action": self.action,
            "page_id": self.page_id,
            "title": None,
            "kind": None,
            "authors": [],
            "date": None,
            "source": None,
            "paragraphs": 0,
            "error": self.error,
        }
        if self.conflict_with is not None:
            data["conflict_with"] = self.conflict_with
            data["reason"] = self.reason
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


# --- Cleaning and checking what a file gives ------------------------------------------------------

_LINE_CONTROLS_RE = control_characters(keep="\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85", bidi=True)
_PARAGRAPH_CONTROLS_RE = control_characters(keep="\t\n\r")


def clean_line(text: str | None) -> str | None:
    """A single-line field without control characters (C0, C1, bidi), whitespace collapsed."""
    if text is None:
        return None
    return " ".join(_LINE_CONTROLS_RE.sub("", text).split())


def clean_article(parsed: ParsedArticle) -> ParsedArticle:
    """``parsed`` with control characters stripped from its single-line fields (title, byline,
    dateline, source) and C0/C1 controls from its paragraphs."""
    title = clean_line(parsed.title)
    if not title:
        raise ParseError("no title: the title line holds only control characters")
    authors = []
    for author in parsed.authors:
        name = clean_line(author.name)
        if not name:
            raise ParseError("an author's name holds only control characters")
        authors.append(
            replace(
                author,
                honorific=clean_line(author.honorific) or None,
                name=name,
                role=clean_line(author.role) or None,
                affiliation=clean_line(author.affiliation) or None,
            )
        )
    paragraphs = tuple(p for p in (_PARAGRAPH_CONTROLS_RE.sub("", p) for p in parsed.paragraphs) if p.strip())
    if not paragraphs:
        raise ParseError("no body: nothing follows the title and byline")
    return replace(
        parsed,
        raw_title=clean_line(parsed.raw_title) or "",
        title=title,
        authors=tuple(authors),
        dateline=clean_line(parsed.dateline) or None,
        source=clean_line(parsed.source) or None,
        paragraphs=paragraphs,
        notes=tuple(
            ParsedNote(clean_line(note.text) or "", clean_line(note.url) or None)
            for note in parsed.notes
            if clean_line(note.text)
        ),
    )


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def check_lengths(parsed: ParsedArticle, path: Path) -> None:
    """Raise ``InvalidArticle`` naming the first field that is longer than its database column."""
    checks = [
        ("title", parsed.title, ArticlePage, "title"),
        ("source (originally published by)", parsed.source, ArticlePage, "source_name"),
    ]
    for n, author in enumerate(parsed.authors, 1):
        who = "author" if len(parsed.authors) == 1 else f"author {n}"
        checks += [
            (f"{who}'s honorific", author.honorific, Author, "honorific"),
            (f"{who}'s name", author.name, Author, "name"),
            (f"{who}'s role", author.role, Author, "role"),
            (f"{who}'s affiliation", author.affiliation, Author, "affiliation"),
        ]
    checks.append(("file path", source_path(path), ArticlePage, "import_path"))
    for label, value, model, name in checks:
        limit = _max_length(model, name)
        if value and len(value) > limit:
            raise InvalidArticle(f"{label} is too long: {len(value)} characters, the limit is {limit}")


# --- Identity -------------------------------------------------------------------------------------


def source_path(path: Path) -> str:
    """The file's absolute path, symlinks resolved: the same however the file was named."""
    return str(path.resolve())


def import_key(path: Path) -> str:
    """The import identity of a file (also computed by migration 0005 of the articles app)."""
    return hashlib.sha256(source_path(path).encode("utf-8", "surrogateescape")).hexdigest()


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
    if parsed.notes:  # only then: the hashes of articles without notes stay what they were
        payload["notes"] = [[note.text, note.url] for note in parsed.notes]
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def imported_articles():
    """Articles that came from an import (those written in the admin have no import key)."""
    return ArticlePage.objects.exclude(import_key="")


def _byline_names(page: ArticlePage) -> set[str]:
    latest = page.get_latest_revision_as_object()
    return {link.author.name.casefold() for link in latest.article_authors.all()}


@dataclass
class Match:
    """The article a file resolves to, and how."""

    page: ArticlePage | None
    how: str  # "key" | "content" | "rival" (same title and byline, other text) | "new"


def find_existing(index: BriefingIndexPage, parsed: ParsedArticle, key: str, digest: str) -> Match:
    """The imported article this file is: by import key, else by identical content. Otherwise an
    imported article under ``index`` with the same title (or slug) and the same byline is a
    ``rival`` (it may or may not be the same piece); else the file is a new article."""
    articles = imported_articles()
    page = articles.filter(import_key=key).first()
    if page is not None:
        return Match(page, "key")
    page = articles.filter(import_hash=digest).order_by("pk").first()
    if page is not None:
        return Match(page, "content")
    names = {author.name.casefold() for author in parsed.authors}
    same_title = (
        articles.child_of(index)
        .filter(
            Q(title__iexact=parsed.title)
            | Q(draft_title__iexact=parsed.title)
            | Q(slug=slugify(parsed.title, allow_unicode=True)[:200].strip("-"))
        )
        .order_by("pk")
    )
    for page in same_title:
        if _byline_names(page) == names:
            return Match(page, "rival")
    return Match(None, "new")


# --- Writing --------------------------------------------------------------------------------------


def body_from_paragraphs(paragraphs, notes=()):
    """The body StreamField's blocks: a paragraph block each, then the endnotes, if any (a note's
    citation is its text without its URL, which has a field of its own)."""
    body = [("paragraph", f"<p>{escape(text)}</p>") for text in paragraphs]
    if notes:
        body.append(("notes", [note_value(note) for note in notes]))
    return body


_CITATION_END_RE = re.compile(r"[\s,;:]*(?:\.\s*)?$")


def note_value(note: ParsedNote) -> dict:
    citation = note.text
    if note.url:
        written = note.url.removeprefix("https://") if note.url not in citation else note.url
        citation = _CITATION_END_RE.sub("", " ".join(citation.replace(written, " ").split()))
    return {"citation": citation, "url": note.url or ""}


def find_or_create_author(parsed: ParsedAuthor) -> Author:
    affiliation = parsed.affiliation or ""
    author = Author.objects.filter(name=parsed.name, affiliation=affiliation).first()
    if author is None:
        parts = [p.strip() for p in affiliation.split(",") if p.strip()]
        city = parts[-1] if len(parts) > 1 else ""
        author = Author.objects.create(
            honorific=parsed.honorific or "",
            name=parsed.name,
            role=parsed.role or "",
            affiliation=affiliation,
            # A guess from the affiliation's last part: left blank when it cannot be a city name.
            city=city if len(city) <= _max_length(Author, "city") else "",
        )
    return author


def _unique_slug(index: BriefingIndexPage, title: str, exclude_pk=None) -> str:
    base = slugify(title, allow_unicode=True)[:200].strip("-") or "article"
    slug, n = base, 2
    siblings = ArticlePage.objects.child_of(index).exclude(pk=exclude_pk)
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def topic_codes(topics: dict) -> dict:
    """``{"countries": ["CN", "KZ"], ...}``: the codes of the topics an import applies."""
    return {name: sorted(t.code for t in topics.get(name, ())) for name in TAG_KEYS if name in topics}


@contextmanager
def rolled_back():
    """Run the block in a transaction that is always rolled back (how a dry run writes nothing)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


class ArticleImporter:
    """Imports files under one briefings index.

    ``topics`` are applied to every file (``{"countries": [Country, ...], ...}``); ``suggest`` is
    an optional callable ``(parsed) -> topics`` whose proposals fill each vocabulary the explicit
    topics leave empty. ``replace`` lets a file overwrite the article it is in conflict with.
    ``dry_run`` only changes what is reported (ids of articles the run itself created are not
    given): the caller runs a dry run inside ``rolled_back()``.
    """

    def __init__(
        self,
        index: BriefingIndexPage,
        *,
        publish=False,
        dry_run=False,
        replace=False,
        topics=None,
        suggest=None,
    ):
        self.index = index
        self.publish = publish
        self.dry_run = dry_run
        self.replace = replace
        self.topics = {name: list(values) for name, values in (topics or {}).items() if values}
        self.suggest = suggest
        self.created_ids: set[int] = set()

    def import_paths(self, paths) -> Iterator[ImportResult]:
        return self.import_files(collect_files(paths))

    def import_files(self, files) -> Iterator[ImportResult]:
        """``files``: ``collect_files()``'s ``(path, problem)`` pairs."""
        for path, problem in files:
            if problem:
                yield ImportResult(file=str(path), action=ERROR, error=problem)
            else:
                yield self.import_file(path)

    def topics_for(self, parsed: ParsedArticle) -> dict:
        topics = dict(self.suggest(parsed)) if self.suggest else {}
        topics.update(self.topics)
        return topics

    def import_file(self, path: Path) -> ImportResult:
        result = ImportResult(file=str(path), action=ERROR)
        try:
            parsed = clean_article(read_article(path))
            result.parsed = parsed
            check_lengths(parsed, path)
            topics = self.topics_for(parsed)
            result.extra = topic_codes(topics)
            digest = content_hash(parsed, result.extra)
            key = import_key(path)
            try:
                with transaction.atomic():
                    self._import(result, parsed, path, key, digest, topics)
            except IntegrityError:
                # Another import created or keyed this article meanwhile: look again.
                with transaction.atomic():
                    self._import(result, parsed, path, key, digest, topics)
        except (ParseError, InvalidArticle) as exc:
            result.action, result.error = ERROR, str(exc)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            result.action, result.error = ERROR, f"{type(exc).__name__}: {exc}".splitlines()[0]
        if self.dry_run:
            self._hide_ids_of_this_run(result)
        return result

    def _import(self, result: ImportResult, parsed, path: Path, key: str, digest: str, topics: dict):
        # Lock the index row: imports take turns here, and each then sees what the others committed.
        index = BriefingIndexPage.objects.select_for_update().get(pk=self.index.pk)
        match = find_existing(index, parsed, key, digest)
        result.conflict_with = None
        if match.how == "rival" and not self.replace:
            result.action, result.page_id = CONFLICT, None
            result.conflict_with = {
                "id": match.page.pk,
                "title": match.page.draft_title or match.page.title,
                "file": match.page.import_path or None,
            }
            return
        existing = match.page
        if existing is not None and match.how != "rival" and self._is_unchanged(existing, digest):
            result.action, result.page_id = UNCHANGED, existing.pk
            return
        # The file takes the article's identity when it is new, its own, or replaces a rival.
        take_key = match.how in ("new", "key", "rival")
        page = self._write(index, existing, parsed, path, key if take_key else None, digest, topics)
        result.action = {"new": CREATED, "rival": REPLACED}.get(match.how, UPDATED)
        result.page_id = page.pk
        if existing is None:
            self.created_ids.add(page.pk)

    def _hide_ids_of_this_run(self, result: ImportResult) -> None:
        if result.page_id in self.created_ids:
            result.page_id = None
        if result.conflict_with and result.conflict_with["id"] in self.created_ids:
            result.conflict_with["id"] = None

    def _is_unchanged(self, page: ArticlePage, digest: str) -> bool:
        latest = page.get_latest_revision_as_object()
        if latest.import_hash != digest:
            return False
        return page.live or not self.publish

    def _write(self, index, existing, parsed: ParsedArticle, path: Path, key, digest: str, topics: dict):
        """Save the file's content as a new revision of ``existing`` (or a new article). With a
        ``key`` the article takes this file's identity and path; without (an identical copy of
        another file) it keeps its own."""
        authors = [find_or_create_author(a) for a in parsed.authors]
        if existing is None:
            page = ArticlePage(live=False)
        else:
            page = existing.get_latest_revision_as_object()
        page.title = parsed.title
        page.kind = parsed.kind or ""
        page.date = parsed.date or page.date or page.default_date()
        page.source_name = parsed.source or ""
        page.body = body_from_paragraphs(parsed.paragraphs, parsed.notes)
        page.import_hash = digest
        if key is not None:
            page.import_key, page.import_path = key, source_path(path)
        page.article_authors = [
            ArticleAuthor(author=author, sort_order=n) for n, author in enumerate(dict.fromkeys(authors))
        ]
        for topic_field, values in topics.items():
            getattr(page, topic_field).set(values)
        if existing is None:
            page.slug = _unique_slug(index, parsed.title)
            index.add_child(instance=page)
        revision = page.save_revision(log_action=True)
        if self.publish:
            revision.publish()
        # Saving a draft revision leaves the page row as it was: record what was imported there
        # too, so the next import finds the article by its key and its latest content.
        ArticlePage.objects.filter(pk=page.pk).update(
            import_hash=digest, import_key=page.import_key, import_path=page.import_path
        )
        return page
