"""Parse the plain-text article format research fellows send in into a ``ParsedArticle``.

Pure Python (no Django, no database) so that it can be tested on its own and run on thousands of
files. The format (see ``tests/fixtures/corpus/README.md``): line 1 is the title, often with a kind
prefix ("Analysis:"); then an optional byline, an optional date line or dateline, body paragraphs
separated by blank lines and an optional last line naming the outlet.

Matching is done on a normalised copy of each line (whitespace collapsed, curly quotes and hyphen
variants folded to ASCII, same length as the original) while the values returned keep the writer's
typography: only whitespace is normalised in titles, names and paragraphs.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from briefings.core.kinds import KIND_VALUES
from briefings.core.text import fold_punctuation


class ParseError(ValueError):
    """The text cannot be read as an article; the message is one short line a user can act on."""


KINDS = KIND_VALUES

# --------------------------------------------------------------------------------------------
# Data: the word lists the rules below rely on, in data/parser_words.json (each one's "about"
# says what it is for), so that they can be extended without touching code.
# --------------------------------------------------------------------------------------------

WORDS_FILE = Path(__file__).resolve().parent / "data" / "parser_words.json"


def _load_words(path: Path = WORDS_FILE) -> dict:
    """{list name: its "words"} from the data file; read once, when this module is imported."""
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    return {name: section["words"] for name, section in document.items() if isinstance(section, dict)}


_WORDS = _load_words()

# Title prefix (lower case, words separated by single spaces) -> kind.
KIND_LABELS: dict[str, str] = _WORDS["kind_labels"]
MONTHS: dict[str, int] = _WORDS["months"]
WEEKDAYS: tuple[str, ...] = tuple(_WORDS["weekdays"])
# Honorifics written with a period ("Dr."), ones also written without it ("Dr"), and titles
# spelt out in full ("Ambassador"), which count only when a capitalised name follows.
HONORIFICS_WITH_PERIOD: tuple[str, ...] = tuple(_WORDS["honorifics_with_period"])
HONORIFICS_BARE: tuple[str, ...] = tuple(_WORDS["honorifics_bare"])
HONORIFICS_FULL: tuple[str, ...] = tuple(_WORDS["honorifics_full"])
RETIRED_MARKS: tuple[str, ...] = tuple(_WORDS["retired_marks"])
# A role ends in one of these nouns (an "s" plural is accepted too) ...
ROLE_NOUNS: tuple[str, ...] = tuple(_WORDS["role_nouns"])
# ... preceded only by these words when no comma separates the role from the name
# ("Ms. Hafsa Akram Research Fellow, ...").
ROLE_MODIFIERS: tuple[str, ...] = tuple(_WORDS["role_modifiers"])
# Words that may follow the role noun ("Professor Emeritus", "Minister Designate").
ROLE_POSTMODIFIERS: tuple[str, ...] = tuple(_WORDS["role_postmodifiers"])
# Words naming an organisation: never part of a person's name; after "Professor of" they start
# the affiliation rather than continue the role.
INSTITUTION_WORDS: tuple[str, ...] = tuple(_WORDS["institution_words"])
# Subject and region words: they make a capitalised run an affiliation or field, not a name.
FIELD_WORDS: tuple[str, ...] = tuple(_WORDS["field_words"])
# Lower-case words that do not make a line read like a sentence ("Centre for a Community with ...").
FUNCTION_WORDS = frozenset(_WORDS["function_words"])
NOTES_HEADINGS: tuple[str, ...] = tuple(_WORDS["notes_headings"])
NAME_PARTICLES = frozenset(_WORDS["name_particles"])
# Abbreviations whose final period is part of the word, not an end-of-title period.
ABBREVIATIONS = frozenset(_WORDS["abbreviations"])

SOURCE_LABELS = (
    r"sources?",
    r"originally\s+published\s+(?:in|by|at|on)",
    r"first\s+published\s+(?:in|by|at|on)",
    r"published\s+(?:in|by)",
    r"republished\s+(?:from|with\s+permission\s+from)",
    r"reproduced\s+from",
    r"courtesy(?:\s+of)?",
    r"credit",
    r"via",
    r"outlet",
)
DATE_LABELS = (
    r"(?:first\s+|originally\s+)?published(?:\s+on)?",
    r"posted(?:\s+on)?",
    r"(?:publication\s+|release\s+)?date",
    r"dated",
    r"issued(?:\s+on)?",
)
UPDATE_LABELS = (r"(?:last\s+)?updated(?:\s+on)?", r"(?:last\s+)?modified(?:\s+on)?")

# Capitalised openings that are not a place when a dateline has no date ("NOTE: ...", "CPEC: ...").
DATELINE_STOPWORDS = frozenset(_WORDS["dateline_stopwords"])
MIN_DATELESS_PLACE_LETTERS = 4
SENTENCE_OPENERS = frozenset(_WORDS["sentence_openers"])

# Lines longer than this were not hard-wrapped: each line of such a block is its own paragraph.
UNWRAPPED_LINE_LENGTH = 120
MAX_TITLE_WORDS = 60
MAX_KIND_LINE_TITLE_WORDS = 30
MAX_UNDATED_LABEL_WORDS = 3  # "Published: March 2023" is a date line, "Date: the figures ..." is not
MAX_DEK_WORDS = 40
MAX_BYLINE_CONTINUATION_LINES = 4  # lines a byline runs on to; also affiliation blocks added after it
MAX_OUTLET_WORDS = 8
MAX_OUTLET_CHARS = 80
MAX_BYLINE_CHARS = 300
MAX_NAME_WORDS = 6  # before a role with no comma: "Ms. Hafsa Akram Research Fellow"

# --------------------------------------------------------------------------------------------
# Compiled patterns
# --------------------------------------------------------------------------------------------


def _alternation(words) -> str:
    """Regex alternation, longest first so that "September" wins over "Sep"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MON = rf"(?:{_alternation(MONTHS)})(?![a-z])"
_WD_PREFIX = rf"(?:(?:{_alternation(WEEKDAYS)})\.?,?\s+)"
_ORD = r"(?:st|nd|rd|th)?"
# One full date; each pattern that embeds it uses it once, so the group names stay unique.
DATE = (
    r"(?i:(?<![\d/.\-])(?:"
    rf"(?P<dmy_d>\d{{1,2}}){_ORD}(?:\s+of)?(?:\s+|-|/)(?P<dmy_m>{_MON})\.?,?(?:\s+|-|/)(?P<dmy_y>\d{{4}})"
    rf"|(?P<mdy_m>{_MON})\.?(?:\s+|-)(?P<mdy_d>\d{{1,2}}){_ORD},?\s+(?P<mdy_y>\d{{4}})"
    r"|(?P<iso_y>\d{4})[-/.](?P<iso_m>\d{1,2})[-/.](?P<iso_d>\d{1,2})"
    r"|(?P<num_a>\d{1,2})[/.\-](?P<num_b>\d{1,2})[/.\-](?P<num_y>\d{4})"
    r")(?!\d))"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?|T\d{2}:\d{2}\S*)"

DATE_SEARCH_RE = re.compile(DATE)
DATE_LINE_RE = re.compile(rf"(?i:{_WD_PREFIX}?(?:the\s+)?){DATE}(?i:{_TIME})?\s*\.?")
MONTH_YEAR_LINE_RE = re.compile(rf"(?i:{_MON}\.?,?\s+\d{{4}}\.?)")
DATE_LABEL_RE = re.compile(rf"^(?:{'|'.join(DATE_LABELS)})(?P<sep>\s*[:\-–—]\s*|\s+)", re.I)
UPDATE_LABEL_RE = re.compile(rf"^(?:{'|'.join(UPDATE_LABELS)})(?P<sep>\s*[:\-–—]\s*|\s+)", re.I)
OPENING_DATE_RE = re.compile(rf"(?i:(?:on|dated?)\s+)?(?i:{_WD_PREFIX})?(?i:the\s+)?{DATE}(?=[\s,.;:)]|$)")
TRAILING_DATE_RE = re.compile(
    rf"(?:\s*[|•·,;]\s*|\s+[-–—]+\s+|\s+)(?i:(?:published|posted|dated?|updated)\s*:?\s*)?"
    rf"(?i:on\s+)?(?i:{_WD_PREFIX})?{DATE}(?i:{_TIME})?\s*\.?\s*$"
)

_KIND_LABEL = "|".join(
    re.escape(label).replace(r"\ ", r"[\s\-]*") for label in sorted(KIND_LABELS, key=len, reverse=True)
)
TITLE_PREFIX_RE = re.compile(
    rf"^\[?(?P<label>{_KIND_LABEL})\]?(?:\s*[:|]\s*|\s+-{{1,2}}\s+|\s*[–—―]\s*|(?<=\])\s+)(?=\S)", re.I
)
KIND_ONLY_RE = re.compile(rf"^\[?(?P<label>{_KIND_LABEL})\]?\s*:?$", re.I)

BYLINE_LABEL_RE = re.compile(
    r"^(?:(?:(?:written|authored|contributed|compiled|prepared|reported|edited|analysis|commentary|"
    r"opinion|article|essay)\s+by)\s*[:\-–—]?\s*"
    r"|(?:authors?(?:\(s\))?|writers?|contributors?|byline|by)\s*[:\-–—]\s*)",
    re.I,
)
BY_RE = re.compile(r"^by\s+", re.I)

_HON_TOKEN = (
    rf"(?:(?i:(?:{_alternation(HONORIFICS_WITH_PERIOD)})\.|H\.\s?E\.|(?:{_alternation(HONORIFICS_BARE)})(?=\s))"
    rf"|(?i:{_alternation(HONORIFICS_FULL)})(?=\s+[A-Z]))"
    rf"(?:\s*\((?i:{_alternation(RETIRED_MARKS)})\.?\))?"
)
HONORIFIC_RE = re.compile(rf"^(?P<hon>{_HON_TOKEN}(?:\s+{_HON_TOKEN})*)\s+(?=[^\W\d_])")
TRAILING_BRACKET_RE = re.compile(r"^(?P<pre>[^()]*?)\s*\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")
LEADING_ARTICLE_RE = re.compile(r"^(?:a|an|the)\s+", re.I)
ROLE_AT_RE = re.compile(r"\s+(?:at|with)\s+", re.I)
ROLE_TAIL_RE = re.compile(r"\s+(?:of|for|in|on|to)\s+", re.I)
SEPARATOR_RE = re.compile(r"\s*;\s*|\s*[,|]\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+", re.I)
EMAIL_RE = re.compile(r"\s*[(<\[]?\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b[)>\]]?")
HANDLE_RE = re.compile(r"\s*[(\[]?(?<!\w)@\w{2,}[)\]]?")

SOURCE_PREFIX_RE = re.compile(rf"^[(\[]?(?:{'|'.join(SOURCE_LABELS)})\s*[:\-–—]\s*(?=\S)", re.I)
SOURCE_SENTENCE_RE = re.compile(
    r"^(?:this|the)\s+(?:article|piece|commentary|op-ed|analysis|essay|column|brief)\s+(?:was\s+|is\s+)?"
    r"(?:first|originally)\s+(?:published|appeared)\s+(?:in|on|by|at)\s+(?=\S)",
    re.I,
)
SOURCE_PHRASE_RE = re.compile(rf"^[(\[]?(?:{'|'.join(SOURCE_LABELS[1:6])})\s+(?=\S)", re.I)
COPYRIGHT_RE = re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?", re.I)
ALL_RIGHTS_RE = re.compile(r"[.,]?\s*all rights reserved\.?$", re.I)
SOURCE_DATE_SUFFIX_RE = re.compile(rf"\s*,?\s+(?i:on\s+)?{DATE}\s*$")
URL_RE = re.compile(
    r"(?:https?://|www\.)\S+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|info|news|io|co|pk|cn|uk|in|int|edu|gov)(?:/\S*)?",
    re.I,
)

_PLACE_WORD = r"[A-Z][^\s,:;()\d–—―\"]*"
_PLACE = rf"{_PLACE_WORD}(?:\s+(?:{_PLACE_WORD}|de|del|da|do|es|al|el|la)){{0,3}}"
DATELINE_RE = re.compile(
    rf"""^(?P<dateline>
        (?P<place>{_PLACE})
        (?:,\s*(?P<region>{_PLACE}))?
        (?:\s*\([^()]{{1,40}}\))?
        (?:,?\s*(?i:{_WD_PREFIX})?(?P<date>{DATE}))?
        (?:\s*\([^()]{{1,40}}\))?
    )
    (?P<sep>\s+-{{1,2}}\s+|\s*[–—―]\s*|:\s+)
    (?=["'(\[]?[A-Z0-9])""",
    re.X,
)
PLACE_DATE_LINE_RE = re.compile(rf"(?P<place>{_PLACE})(?:,\s*{_PLACE})?,\s*(?i:{_WD_PREFIX})?{DATE}\s*\.?")

NOTES_HEADING_RE = re.compile(rf"^(?:#{{1,6}}\s*)?(?:{_alternation(NOTES_HEADINGS)})\s*:?$", re.I)
# "[1] Text", "1. Text", "1) Text", "^1 Text", "(1) Text": an endnote and its number.
NOTE_ENTRY_RE = re.compile(
    r"^(?:\[(?P<a>\d{1,3})\]|\((?P<b>\d{1,3})\)|\^(?P<c>\d{1,3})|(?P<d>\d{1,3})[.)])\s*(?P<text>.*)$"
)
# "[1]" in the body: a reference to endnote 1.
NOTE_MARKER_RE = re.compile(r"\[(\d{1,3})\]")
YEAR_RE = re.compile(r"\b(?:1[89]|20)\d{2}\b")
NOTE_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:)\]]")
EMPHASIS_RE = re.compile(r"^(\*\*|__|\*|_)(?P<inner>\S(?:.*\S)?)\1$")
TITLE_MARKUP_RE = re.compile(r"^(?:#{1,6}\s+|(?:title|headline)\s*:\s*)", re.I)
BULLET_RE = re.compile(r"^(?:[-*•·▪◦–]\s+|\d{1,2}[.)]\s+)")
SEPARATOR_LINE_RE = re.compile(r"^[\W_]+$")
END_MARKER_RE = re.compile(r"^[(\[]?(?:ends?|end of (?:article|text)|-30-)[)\]]?\.?$", re.I)
DOTTED_ABBREV_RE = re.compile(r"(?:[A-Za-z]\.){2,}")
NEWLINE_RE = re.compile(r"\r\n?|[\u2028\x85\x0b\x0c]")
SENTENCE_BREAK_RE = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")

INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u2060\u00ad"), None)

_ROLE_NOUN_SET = frozenset(ROLE_NOUNS)
_ROLE_MODIFIER_SET = frozenset(ROLE_MODIFIERS)
_INSTITUTION_SET = frozenset(INSTITUTION_WORDS)
_NON_NAME_SET = frozenset(INSTITUTION_WORDS) | frozenset(FIELD_WORDS)
_HONORIFIC_WORDS = frozenset(HONORIFICS_WITH_PERIOD) | frozenset(HONORIFICS_BARE)
_PUNCT = "\"'“”‘’()[]{},.;:!?"


# --------------------------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedAuthor:
    honorific: str | None
    name: str
    role: str | None
    affiliation: str | None

    def as_dict(self) -> dict:
        return {
            "honorific": self.honorific,
            "name": self.name,
            "role": self.role,
            "affiliation": self.affiliation,
        }


@dataclass(frozen=True)
class ParsedNote:
    """One endnote: its text as written (URL included) and the first web address in it."""

    text: str
    url: str | None = None


@dataclass(frozen=True)
class ParsedArticle:
    raw_title: str
    title: str
    kind: str | None
    authors: tuple[ParsedAuthor, ...]
    date: datetime.date | None
    dateline: str | None
    source: str | None
    paragraphs: tuple[str, ...]
    notes: tuple[ParsedNote, ...] = ()  # endnotes, in order: note N is the paragraphs' "[N]"

    def body_text(self) -> str:
        """The body as plain text, paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    def as_dict(self) -> dict:
        """JSON-ready summary for import reports (paragraphs are counted, not listed)."""
        return {
            "title": self.title,
            "kind": self.kind,
            "authors": [author.as_dict() for author in self.authors],
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "paragraphs": len(self.paragraphs),
            "notes": len(self.notes),
        }


# --------------------------------------------------------------------------------------------
# Bytes -> text
# --------------------------------------------------------------------------------------------

_BINARY_SIGNATURES = (
    (b"%PDF-", "binary file (a PDF document); export it as plain text"),
    (b"PK\x03\x04", "binary file (a ZIP archive or Word .docx); save it as plain text"),
    (b"\xd0\xcf\x11\xe0", "binary file (an old Word .doc); save it as plain text"),
    (b"{\\rtf", "RTF document, not plain text; save it as plain text"),
    (b"\x89PNG", "binary file (a PNG image)"),
    (b"\xff\xd8\xff", "binary file (a JPEG image)"),
    (b"GIF8", "binary file (a GIF image)"),
)
_CONTROL_CHARS_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str:
    """Strict UTF-8 (a BOM is dropped); binary or mis-encoded files raise ``ParseError``.

    Strict because a silently mis-decoded file would import with garbled names and quotes.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("UTF-16 text, not UTF-8; save the file as UTF-8")
    for signature, message in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise ParseError(message)
    nul = data.find(b"\x00")
    if nul != -1:
        sample = data[:4096]
        if sample.count(b"\x00") * 3 >= len(sample):
            evens, odds = sample[0::2].count(0), sample[1::2].count(0)
            if max(evens, odds) * 4 >= len(sample) and min(evens, odds) == 0:
                raise ParseError("UTF-16 text, not UTF-8; save the file as UTF-8")
        raise ParseError(f"binary file (NUL byte at offset {nul}); expected plain UTF-8 text")
    offset = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[offset:].decode("utf-8")
    except UnicodeDecodeError as exc:
        position = offset + exc.start
        raise ParseError(
            f"not UTF-8 text (byte 0x{data[position]:02X} at offset {position}); save the file as UTF-8"
        ) from None
    controls = len(_CONTROL_CHARS_RE.findall(text))
    if controls > 8 + len(text) // 100:
        raise ParseError(f"binary file ({controls} control characters); expected plain UTF-8 text")
    return text


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _drop_final_period(text: str) -> str:
    """Drop one end-of-sentence period, keeping those of "U.S." or "Ltd." and ellipses."""
    text = text.rstrip()
    if not text.endswith(".") or text.endswith(".."):
        return text
    last = text.rsplit(" ", 1)[-1].lstrip("(\"'“‘")
    if DOTTED_ABBREV_RE.fullmatch(last) or last.lower() in ABBREVIATIONS:
        return text
    return text[:-1].rstrip()


def _bare(word: str) -> str:
    return word.strip(_PUNCT).lower()


def _lowercase_content_words(text: str) -> int:
    """How many lower-case words that are not function words: a sentence has several."""
    count = 0
    for word in text.split():
        word = word.strip(_PUNCT)
        if word and word[0].islower() and word.lower() not in FUNCTION_WORDS:
            count += 1
    return count


def _month(name: str) -> int:
    """The number of a month name the date patterns matched.

    They match case-insensitively in Unicode's sense, where "ſ" is an "s" and "İ" an "i", so a
    matched name need not be a key once lower-cased ("ſep"): then find the key it matched.
    """
    number = MONTHS.get(name.lower())
    if number is None:
        number = next(n for key, n in MONTHS.items() if re.fullmatch(re.escape(key), name, re.I))
    return number


def _date_from_match(match: re.Match) -> datetime.date | None:
    """The date a ``DATE`` match denotes; ``None`` when invalid or an ambiguous d/m order."""
    groups = match.groupdict()
    try:
        if groups.get("dmy_y"):
            return datetime.date(int(groups["dmy_y"]), _month(groups["dmy_m"]), int(groups["dmy_d"]))
        if groups.get("mdy_y"):
            return datetime.date(int(groups["mdy_y"]), _month(groups["mdy_m"]), int(groups["mdy_d"]))
        if groups.get("iso_y"):
            return datetime.date(int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"]))
        if groups.get("num_y"):
            first, second = int(groups["num_a"]), int(groups["num_b"])
            if first > 12 >= second:
                day, month = first, second
            elif second > 12 >= first or first == second:
                day, month = second, first
            else:
                return None
            return datetime.date(int(groups["num_y"]), month, day)
    except ValueError:
        return None
    return None


# --------------------------------------------------------------------------------------------
# Title
# --------------------------------------------------------------------------------------------


def _kind_for(label: str) -> str | None:
    """ "Op-Ed", "OP ED", "oped" -> "op-ed"."""
    return KIND_LABELS.get(re.sub(r"[\s\-]+", " ", label.lower()).strip())


def _split_title(line: str) -> tuple[str, str | None]:
    """(title without kind prefix and final period, kind)."""
    match = TITLE_PREFIX_RE.match(fold_punctuation(line))
    kind = None
    if match:
        kind = _kind_for(match.group("label"))
        line = line[match.end() :]
    return _drop_final_period(line), kind


# --------------------------------------------------------------------------------------------
# Date lines and header state
# --------------------------------------------------------------------------------------------


class _DateLine(NamedTuple):
    date: datetime.date | None  # None for month-only, ambiguous or impossible dates
    updated: datetime.date | None
    dateline: str | None  # "Islamabad, 3 March 2023" written on its own line


def _date_line(line: str, folded: str) -> _DateLine | None:
    """The line read as a date line ("Published: ...", "22 August 2024", ...), else ``None``."""
    label = DATE_LABEL_RE.match(folded) or UPDATE_LABEL_RE.match(folded)
    if label:
        found = DATE_SEARCH_RE.search(folded, label.end())
        if not label.group("sep").strip() and not (found and found.start() == label.end()):
            return None
        if not found and len(folded[label.end() :].split()) > MAX_UNDATED_LABEL_WORDS:
            return None
        value = _date_from_match(found) if found else None
        if label.re is UPDATE_LABEL_RE:
            return _DateLine(None, value, None)
        return _DateLine(value, None, None)
    if found := DATE_LINE_RE.fullmatch(folded):
        return _DateLine(_date_from_match(found), None, None)
    if MONTH_YEAR_LINE_RE.fullmatch(folded):
        return _DateLine(None, None, None)
    if found := PLACE_DATE_LINE_RE.fullmatch(folded):
        return _DateLine(_date_from_match(found), None, _drop_final_period(line))
    return None


@dataclass
class _Header:
    """What the lines before the body (and a byline moved to the end) say about the article."""

    authors: list[ParsedAuthor] = field(default_factory=list)
    byline_text: str | None = None  # the last byline, kept to re-parse it with a detached affiliation
    byline_authors: int = 0
    date: datetime.date | None = None
    updated: datetime.date | None = None
    dateline: str | None = None
    seen_byline: bool = False
    seen_date_line: bool = False
    detached_blocks: int = 0  # affiliations in their own block after the byline, added to it

    def add_date_line(self, found: _DateLine) -> None:
        self.seen_date_line = True
        self.date = self.date or found.date
        self.updated = self.updated or found.updated
        self.dateline = self.dateline or found.dateline


# --------------------------------------------------------------------------------------------
# Bylines
# --------------------------------------------------------------------------------------------


def _split_honorific(text: str) -> tuple[str | None, str]:
    match = HONORIFIC_RE.match(text)
    if not match:
        return None, text
    return _collapse(match.group("hon")), text[match.end() :]


def _is_name_like(text: str) -> bool:
    """A person's name: 2-5 capitalised words (particles allowed), no organisation or field words."""
    bracket = TRAILING_BRACKET_RE.match(text)
    if bracket:
        text = bracket.group("pre")
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    capitalised = 0
    for word in words:
        bare = word.strip(_PUNCT)
        if not bare or any(ch.isdigit() for ch in bare) or bare.lower() in _NON_NAME_SET:
            return False
        if bare.endswith(("'s", "’s")):
            return False
        if bare[0].isupper():
            capitalised += 1
        elif bare.lower() not in NAME_PARTICLES:
            return False
    return capitalised >= 2


def _is_role_head(head: str, strict: bool) -> bool:
    """``head`` ends in a role noun; ``strict``: every word before it is a role modifier."""
    words = [_bare(w) for w in head.split()]
    while len(words) > 1 and words[-1] in ROLE_POSTMODIFIERS:
        words.pop()
    if not words or len(words) > 6:
        return False
    last = words[-1]
    if last not in _ROLE_NOUN_SET and not (last.endswith("s") and last[:-1] in _ROLE_NOUN_SET):
        if not (len(words) >= 2 and last == "general" and words[-2] in ("director", "secretary")):
            return False
    if any(w in _INSTITUTION_SET and w not in _ROLE_MODIFIER_SET for w in words):
        return False
    if strict:
        return all(w in _ROLE_MODIFIER_SET or w in _ROLE_NOUN_SET for w in words[:-1])
    return True


def _split_role(text: str, strict: bool = False) -> tuple[str, str | None] | None:
    """(role, affiliation found inside the same phrase) when ``text`` opens with a role.

    "Research Fellow at X" -> ("Research Fellow", "X"); "Professor of Political Economy" stays a
    role; "Director of the Y Institute" -> ("Director", "the Y Institute").
    """
    affiliation = None
    at = ROLE_AT_RE.search(text)
    role_part = text
    if at:
        role_part, affiliation = text[: at.start()], text[at.end() :]
    article = LEADING_ARTICLE_RE.match(role_part)
    if article:
        role_part = role_part[article.end() :]
    tail = ROLE_TAIL_RE.search(role_part)
    head = role_part[: tail.start()] if tail else role_part
    if not _is_role_head(head, strict):
        return None
    if tail:
        rest = role_part[tail.end() :]
        if any(_bare(w) in _INSTITUTION_SET for w in rest.split()):
            joined = rest if affiliation is None else f"{rest}{text[at.start() : at.end()]}{affiliation}"
            return head.strip(), joined.strip() or None
    return role_part.strip(), (affiliation.strip() or None) if affiliation else None


@dataclass
class _Draft:
    """An author being assembled from byline segments."""

    honorific: str | None
    name: str
    role: str | None = None
    affiliation: str | None = None
    bracketed: bool = False

    @property
    def state(self) -> str:
        if self.affiliation:
            return "affiliation"
        return "role" if self.role else "name"

    def add_affiliation(self, separator: str, text: str) -> None:
        self.affiliation = f"{self.affiliation}{separator}{text}" if self.affiliation else text


def _start_person(segment: str) -> _Draft:
    """Honorific, name, and any role or bracketed affiliation written in the same segment."""
    honorific, rest = _split_honorific(segment)
    inner = None
    bracket = TRAILING_BRACKET_RE.match(rest)
    if bracket and bracket.group("pre"):
        rest, inner = bracket.group("pre"), bracket.group("inner").strip()
    words = rest.split()
    draft = _Draft(honorific, rest.strip(" ,"))
    for start in range(1, min(len(words), MAX_NAME_WORDS + 1)):
        candidate = " ".join(words[start:])
        found = _split_role(candidate, strict=True)
        if found and (start >= 2 or len(found[0].split()) >= 2 or found[1]):
            draft.name = " ".join(words[:start]).strip(" ,")
            draft.role, draft.affiliation = found
            break
    if inner:
        first, _comma, after = inner.partition(",")
        found = None if draft.role else _split_role(first.strip())
        if found:
            draft.role = found[0]
            pieces = [p for p in (found[1], after.strip()) if p]
            draft.affiliation = ", ".join(pieces) or None
        else:
            draft.affiliation = inner
        draft.bracketed = draft.affiliation is not None
    return draft


def _segments(text: str) -> list[tuple[str, str, str]]:
    """Split at top-level commas, "and", "&" and ";": [(kind, separator as written, segment)]."""
    depth, depths = 0, []
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        depths.append(depth)
    cuts = [match for match in SEPARATOR_RE.finditer(text) if depths[match.start()] <= 0]
    parts, position, kind, separator = [], 0, "first", ""
    for match in cuts:
        parts.append((kind, separator, text[position : match.start()]))
        sep = match.group()
        kind = "semi" if ";" in sep else ("and" if re.search(r"\band\b|&", sep, re.I) else "comma")
        separator, position = sep, match.end()
    parts.append((kind, separator, text[position:]))
    return [(k, s, seg.strip()) for k, s, seg in parts if seg.strip()]


def _starts_person(segment: str) -> bool:
    """The segment opens with a person: an honorific and a name, or a bare name with no role.

    A spelt-out title before a role word is a role: "Professor Emerita", "Ambassador At-Large".
    """
    match = HONORIFIC_RE.match(segment)
    if not match:
        return _is_name_like(segment) and _split_role(segment) is None
    if match.group("hon").endswith((".", ")")) or match.group("hon").title() in HONORIFICS_BARE:
        return True
    first = _bare(segment[match.end() :].split()[0])
    return not any(
        first in words for words in (_ROLE_MODIFIER_SET, _ROLE_NOUN_SET, _NON_NAME_SET, ROLE_POSTMODIFIERS)
    )


def _lists_continue(segments) -> list[bool]:
    """For each segment: whether the segments after it are ", <name>"s ending in "and <person>".

    In "A, B and C", a comma-introduced name is an author only if the list ends in "and <name>".
    Computed for all segments in one pass from the end, so that a long list is read in linear time.
    """
    continues = [False] * len(segments)
    for index in range(len(segments) - 2, -1, -1):
        kind, _sep, segment = segments[index + 1]
        if kind == "and":
            continues[index] = _starts_person(segment)
        elif kind == "comma" and _is_name_like(segment):
            continues[index] = continues[index + 1]
    return continues


def _person_detail_follows(segments, index: int) -> bool:
    """After an affiliation, "and X" starts a new author only if X has its own role or brackets."""
    segment = segments[index][2]
    if TRAILING_BRACKET_RE.match(segment):
        return True
    if index + 1 < len(segments):
        kind, _sep, following = segments[index + 1]
        return kind == "comma" and _split_role(following) is not None
    return False


def _parse_authors(text: str) -> list[ParsedAuthor]:
    """Walk the byline's segments, deciding for each: new author, role, or more affiliation.

    Names are never split on commas blindly because affiliations contain commas and "and"
    ("Institute of Peace and Conflict Studies, Islamabad").
    """
    segments = _segments(text)
    lists_continue = _lists_continue(segments)
    groups: list[list[_Draft]] = []
    current: _Draft | None = None
    for index, (kind, separator, segment) in enumerate(segments):
        if current is None or kind == "semi":
            current = _start_person(segment)
            groups.append([current])
            continue
        if HONORIFIC_RE.match(segment) and _starts_person(segment):
            current = _start_person(segment)
            groups[-1].append(current)
            continue
        state = current.state
        role = _split_role(segment) if state in ("name", "role") else None
        if role and state == "name":
            current.role, current.affiliation = role
        elif role and state == "role":
            current.role = f"{current.role}{separator}{role[0]}"
            current.affiliation = role[1]
        elif _is_name_like(segment) and (
            (state == "name" and (kind == "and" or lists_continue[index]))
            or (state != "name" and kind == "and" and _person_detail_follows(segments, index))
        ):
            current = _start_person(segment)
            groups[-1].append(current)
        else:
            current.add_affiliation(separator if current.affiliation else "", segment)
    authors = []
    for group in groups:
        _share_trailing_details(group)
        for draft in group:
            name = draft.name.strip(" ,;")
            if not name:
                continue
            affiliation = _drop_final_period(draft.affiliation.strip(" ,;")) if draft.affiliation else None
            authors.append(
                ParsedAuthor(
                    honorific=draft.honorific,
                    name=name,
                    role=(draft.role.strip(" ,;") or None) if draft.role else None,
                    affiliation=affiliation or None,
                )
            )
    return authors


def _share_trailing_details(group: list[_Draft]) -> None:
    """ "Dr. A and Ms. B, Institute, City": the affiliation after the last name is everyone's.

    A role is shared too only when written in the plural ("Research Fellows").
    """
    if len(group) < 2:
        return
    last = group[-1]
    if last.bracketed or not last.affiliation:
        return
    plural_role = last.role if last.role and last.role.rstrip().endswith("s") else None
    for draft in group[:-1]:
        if draft.affiliation is None and not draft.bracketed:
            draft.affiliation = last.affiliation
            if draft.role is None:
                draft.role = plural_role


def _byline_start(folded: str) -> int | None:
    """Where the names start when the line is a byline, else ``None``."""
    match = BYLINE_LABEL_RE.match(folded)
    if match:
        return match.end()
    match = BY_RE.match(folded)
    if not match:
        return None
    rest = folded[match.end() :]
    if len(rest) > MAX_BYLINE_CHARS:
        return None
    if HONORIFIC_RE.match(rest):
        return match.end() if _lowercase_content_words(rest) <= 3 else None
    first_words = " ".join(re.split(r",|\(|\s+(?:and|&)\s+", rest, maxsplit=1)[0].split()[:2])
    if _is_name_like(first_words) and _lowercase_content_words(rest) <= 1:
        return match.end()
    return None


def _unlabelled_byline(folded: str) -> bool:
    """A header line that is only names and affiliations: "Dr. Sana Mirza, Senior Fellow, ..."."""
    match = HONORIFIC_RE.match(folded)
    if not match or len(folded) > MAX_BYLINE_CHARS or folded.endswith(("?", "!")):
        return False
    first_words = " ".join(
        re.split(r",|\(|\s+(?:and|&)\s+", folded[match.end() :], maxsplit=1)[0].split()[:2]
    )
    return _is_name_like(first_words) and _lowercase_content_words(folded) == 0


def _is_byline_continuation(line: str, folded: str) -> bool:
    """A short, non-sentence line after a byline: its role/affiliation or a further author."""
    if _byline_start(folded) is not None or _date_line(line, folded):
        return False
    if OPENING_DATE_RE.match(folded) or DATELINE_RE.match(folded):
        return False
    return len(line.split()) <= 16 and _lowercase_content_words(line) <= 1


def _collect_byline(lines: list[str], folded: list[str], index: int, start: int) -> tuple[str, int]:
    """The byline text, following it onto continuation lines; returns (text, next line index).

    Continuation lines are joined with ", " (role or affiliation of the author above) or "; "
    (a further author), so that one-author-per-line bylines parse like one-line ones.
    """
    text = lines[index][start:].strip()
    index += 1
    taken = 0
    while index < len(lines) and lines[index] and taken < MAX_BYLINE_CONTINUATION_LINES:
        line, fold = lines[index], folded[index]
        last_word = text.rsplit(" ", 1)[-1].rstrip(".")
        unfinished = (
            text.endswith((",", "&", "(", " and"))
            or text.count("(") > text.count(")")
            or last_word in _HONORIFIC_WORDS
        )
        if unfinished:
            if _lowercase_content_words(line) > 2:
                break
            joiner = "" if text.endswith("(") else " "
        elif not text:
            if not _is_byline_continuation(line, fold):
                break
            joiner = ""
        else:
            ends_with_period = text.endswith(".") and _drop_final_period(text) != text
            if ends_with_period or not _is_byline_continuation(line, fold):
                break
            joiner = "; " if _starts_person(line.split(",", 1)[0]) else ", "
        text = f"{text}{joiner}{line}"
        index += 1
        taken += 1
    return text, index


def _parse_byline(text: str) -> tuple[list[ParsedAuthor], datetime.date | None]:
    """Authors from the text after the byline label, and a date written at its end, if any."""
    if "@" in text:  # EMAIL_RE fails slowly (quadratically) along a long "a.b.c..." run
        text = HANDLE_RE.sub("", EMAIL_RE.sub("", text))
    date = None
    trailing = TRAILING_DATE_RE.search(fold_punctuation(text))
    if trailing:
        date = _date_from_match(trailing)
        text = text[: trailing.start()]
    text = _drop_final_period(text.strip(" ,;|-–—"))
    return (_parse_authors(text) if text else []), date


# --------------------------------------------------------------------------------------------
# Header: byline and date lines between the title and the body
# --------------------------------------------------------------------------------------------


def _block_end(lines: list[str], index: int) -> int:
    while index < len(lines) and lines[index]:
        index += 1
    return index


def _next_nonblank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index]:
        index += 1
    return index


def _add_byline(header: _Header, text: str) -> None:
    authors, date = _parse_byline(text)
    header.authors.extend(authors)
    header.byline_text, header.byline_authors = text, len(authors)
    header.seen_byline = True
    header.date = header.date or date


def _is_detached_affiliation(line: str, lines: list[str], index: int) -> bool:
    """A one-line block after a byline naming only a role or an institution, with no prose."""
    if index + 1 < len(lines) and lines[index + 1]:
        return False
    if len(line.split()) > 16 or _lowercase_content_words(line) or line.endswith(("?", "!", ":")):
        return False
    if _split_role(line.split(",", 1)[0]) is not None:
        return True
    return any(_bare(word) in _INSTITUTION_SET for word in line.split())


def _read_header(lines: list[str], folded: list[str], index: int) -> tuple[_Header, int, list[str]]:
    """Consume byline and date lines; returns (header, first body line, standfirst lines).

    One short block between the title and a byline is kept as a standfirst paragraph.
    """
    header = _Header()
    standfirst: list[str] = []
    while index < len(lines):
        if not lines[index] or SEPARATOR_LINE_RE.match(lines[index]):
            index += 1
            continue
        start = _byline_start(folded[index])
        if start is None and not header.seen_byline and _unlabelled_byline(folded[index]):
            start = 0
        if start is not None:
            text, index = _collect_byline(lines, folded, index, start)
            _add_byline(header, text)
            continue
        date_line = _date_line(lines[index], folded[index])
        if date_line:
            header.add_date_line(date_line)
            index += 1
            continue
        if (
            header.byline_text is not None
            and header.detached_blocks < MAX_BYLINE_CONTINUATION_LINES
            and _is_detached_affiliation(lines[index], lines, index)
        ):
            del header.authors[len(header.authors) - header.byline_authors :]
            _add_byline(header, f"{header.byline_text}, {lines[index]}")
            header.detached_blocks += 1
            index += 1
            continue
        if not standfirst and not header.seen_byline and not header.seen_date_line:
            end = _block_end(lines, index)
            following = _next_nonblank(lines, end)
            words = sum(len(line.split()) for line in lines[index:end])
            if (
                words <= MAX_DEK_WORDS
                and following < len(lines)
                and (_byline_start(folded[following]) is not None or _unlabelled_byline(folded[following]))
            ):
                standfirst = lines[index:end]
                index = end
                continue
        break
    return header, index, standfirst


# --------------------------------------------------------------------------------------------
# Trailer: outlet line, footer date, byline placed at the end
# --------------------------------------------------------------------------------------------


def _looks_like_outlet(text: str) -> bool:
    """Short, title-cased, no sentence punctuation: "TN Media News", "The Diplomat"."""
    if not text or len(text) > MAX_OUTLET_CHARS:
        return False
    if URL_RE.fullmatch(text):
        return True
    if text[-1] in "?!:;,\"'”’" or SENTENCE_BREAK_RE.search(text):
        return False
    if DATE_SEARCH_RE.fullmatch(text.rstrip(".")):
        return False
    words = text.split()
    if len(words) > MAX_OUTLET_WORDS:
        return False
    content = [w.strip(_PUNCT) for w in words]
    content = [w for w in content if w and any(ch.isalpha() for ch in w) and w.lower() not in FUNCTION_WORDS]
    if not content:
        return False
    return all(not w[0].islower() for w in content)


def _clean_source(text: str) -> str | None:
    """Outlet name without brackets, "All rights reserved", a trailing date or final period."""
    text = ALL_RIGHTS_RE.sub("", text.strip())
    text = text.strip(" -–—*_~|")
    if text[:1] in "([" and text[-1:] in ")]":
        text = text[1:-1].strip()
    text = SOURCE_DATE_SUFFIX_RE.sub("", text)
    text = _drop_final_period(text.strip(" ,;"))
    return text or None


def _source_from_line(line: str, folded: str, stands_alone: bool) -> str | None:
    """A labelled source ("Source: X") always counts; an unlabelled one must look like an outlet."""
    for pattern in (SOURCE_PREFIX_RE, SOURCE_PHRASE_RE, SOURCE_SENTENCE_RE, COPYRIGHT_RE):
        match = pattern.match(folded)
        if match and match.end() > 0:
            value = line[match.end() :]
            if value.endswith((")", "]")) and line[:1] in "([":
                value = value[:-1]
            return _clean_source(value)
    if not stands_alone:
        return None
    candidate = line.strip(" -–—*_~|")
    if candidate[:1] in "([" and candidate[-1:] in ")]":
        candidate = candidate[1:-1].strip()
    return _clean_source(candidate) if _looks_like_outlet(_drop_final_period(candidate)) else None


def _stands_alone(lines: list[str], index: int) -> bool:
    """The line is its own paragraph, not the last line of a hard-wrapped one."""
    if index == 0 or not lines[index - 1]:
        return True
    previous = lines[index - 1]
    return len(previous) > UNWRAPPED_LINE_LENGTH or previous.endswith((".", "!", "?", '"', "”", "’", ")"))


def _read_trailer(
    lines: list[str], folded: list[str], header: _Header
) -> tuple[int, str | None, datetime.date | None]:
    """Strip outlet, footer date and end markers from the end: (body end, source, footer date)."""
    end = len(lines)
    source = footer_date = None
    for _ in range(6):
        last = end - 1
        while last >= 0 and not lines[last]:
            last -= 1
        if last < 0:
            break
        has_body_before = any(lines[:last])
        line, fold = lines[last], folded[last]
        if SEPARATOR_LINE_RE.match(line) or END_MARKER_RE.match(line):
            end = last
            continue
        outlet_dated = PLACE_DATE_LINE_RE.fullmatch(fold)
        if outlet_dated and source is None and has_body_before:
            source = _clean_source(line[: outlet_dated.end("place")])
            footer_date = footer_date or _date_from_match(outlet_dated)
            end = last
            continue
        date_line = _date_line(line, fold) if has_body_before else None
        if date_line:
            footer_date = footer_date or date_line.date
            end = last
            continue
        if has_body_before and not header.seen_byline and _unlabelled_byline(fold.lstrip("-–— ")):
            _add_byline(header, line.lstrip("-–— "))
            end = last
            continue
        if source is None and has_body_before and not HONORIFIC_RE.match(fold.lstrip("-–— ")):
            found = _source_from_line(line, fold, _stands_alone(lines, last))
            if found:
                source, end = found, last
                continue
        labelled = BYLINE_LABEL_RE.match(fold)
        if labelled and has_body_before and not header.seen_byline:
            _add_byline(header, line[labelled.end() :])
            end = last
            continue
        break
    return end, source, footer_date


# --------------------------------------------------------------------------------------------
# Body
# --------------------------------------------------------------------------------------------


def _block_paragraphs(block: list[str]) -> list[str]:
    """One block between blank lines -> paragraphs (hard-wrapped lines are joined)."""
    if len(block) == 1 or any(len(line) > UNWRAPPED_LINE_LENGTH for line in block):
        return block
    paragraphs: list[str] = []
    for line in block:
        if paragraphs and not BULLET_RE.match(line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def _paragraphs(lines: list[str]) -> list[str]:
    """Blocks separated by blank (or separator-only) lines, each turned into paragraphs."""
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line and not SEPARATOR_LINE_RE.match(line):
            block.append(line)
        elif block:
            paragraphs.extend(_block_paragraphs(block))
            block = []
    return paragraphs


def _note(text: str) -> ParsedNote:
    url = NOTE_URL_RE.search(text)
    found = url.group() if url else None
    if found and found.startswith("www."):
        found = f"https://{found}"
    return ParsedNote(text=text, url=found)


def _reads_like_citation(text: str) -> bool:
    return bool(NOTE_URL_RE.search(text) or YEAR_RE.search(text))


def _notes_section(lines: list[str], folded: list[str]) -> tuple[int, list[ParsedNote], int] | None:
    """``(index of the heading, notes, index of the first line after them)`` when the body ends
    with a "References" (or "Notes", "Sources" …) section: numbered entries ("[1] …", "1. …",
    "(1) …"; an entry's next lines until a blank line are its own), or unnumbered lines that each
    read like a citation (a web address or a year in it). What follows the entries (an outlet
    line) is left to the trailer. ``None`` when there is no such section: a heading followed by
    prose stays in the body."""
    heading = next((i for i in range(len(lines) - 1, 0, -1) if NOTES_HEADING_RE.match(folded[i])), None)
    if heading is None:
        return None
    entries: list[str] = []
    numbered, blank_before, after = None, True, len(lines)
    for index in range(heading + 1, len(lines)):
        line = lines[index]
        if not line or SEPARATOR_LINE_RE.match(line):
            blank_before = True
            continue
        entry = NOTE_ENTRY_RE.match(line)
        if numbered is None:
            numbered = bool(entry)
        if numbered and entry:
            entries.append(entry.group("text").strip())
        elif numbered and not blank_before:
            entries[-1] = f"{entries[-1]} {line}"  # an entry wrapped onto the next line
        elif not numbered and _reads_like_citation(line):
            entries.append(BULLET_RE.sub("", line, count=1))
        else:
            after = index
            break
        blank_before = False
    if not entries:
        return None
    return heading, [_note(text) for text in entries if text], after


def _split_dateline(paragraph: str) -> tuple[str | None, datetime.date | None, str]:
    """("ISLAMABAD, 3 March 2023", its date, rest of the paragraph) when it opens with a dateline."""
    folded = fold_punctuation(paragraph)
    match = DATELINE_RE.match(folded)
    if not match:
        return None, None, paragraph
    place = match.group("place")
    has_date = match.group("date") is not None
    if not has_date:
        letters = [ch for ch in f"{place}{match.group('region') or ''}" if ch.isalpha()]
        stopword = any(word in DATELINE_STOPWORDS for word in place.split())
        if any(ch.islower() for ch in letters) or len(letters) < MIN_DATELESS_PLACE_LETTERS or stopword:
            return None, None, paragraph
    elif place.split()[0] in SENTENCE_OPENERS:
        return None, None, paragraph
    date = _date_from_match(match) if has_date else None
    dateline = paragraph[match.start("dateline") : match.end("dateline")].strip()
    return dateline, date, paragraph[match.end() :]


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def _clean_line(line: str) -> str:
    """Whitespace collapsed, invisible characters dropped, whole-line Markdown emphasis removed."""
    line = _collapse(line.translate(INVISIBLE))
    emphasis = EMPHASIS_RE.match(line)
    return emphasis.group("inner").strip() if emphasis else line


def _split_lines(text: str) -> tuple[list[str], list[str]]:
    """(lines as written, cleaned lines); both lists have the same length."""
    text = NEWLINE_RE.sub("\n", text.replace("\u2029", "\n\n"))
    raw = text.split("\n")
    return raw, [_clean_line(line) for line in raw]


def parse_article(text: str) -> ParsedArticle:
    """Parse one article; raises ``ParseError`` when there is no title or no body."""
    text = text.lstrip("\ufeff")
    if not text:
        raise ParseError("file is empty")
    if "\x00" in text:
        raise ParseError("binary file (NUL character); expected plain UTF-8 text")
    raw_lines, lines = _split_lines(text)
    folded = [fold_punctuation(line) for line in lines]
    index = _next_nonblank(lines, 0)
    if index == len(lines):
        raise ParseError("file is empty (only whitespace)")

    kind_only = KIND_ONLY_RE.match(folded[index])
    label_kind = None
    following = _next_nonblank(lines, index + 1)
    if (
        kind_only
        and following < len(lines)
        and _byline_start(folded[following]) is None
        and not _date_line(lines[following], folded[following])
        and len(lines[following].split()) <= MAX_KIND_LINE_TITLE_WORDS
    ):
        label_kind = _kind_for(kind_only.group("label"))
        index = following
    title_line = lines[index]
    by = BY_RE.match(folded[index])
    if BYLINE_LABEL_RE.match(folded[index]) or (by and HONORIFIC_RE.match(folded[index][by.end() :])):
        raise ParseError("no title line: the file starts with a byline")
    if DATE_LINE_RE.fullmatch(folded[index]):
        raise ParseError("no title line: the file starts with a date")
    if len(title_line.split()) > MAX_TITLE_WORDS:
        raise ParseError("no title line: the first line is a whole paragraph")
    raw_title = raw_lines[index].strip().strip("\ufeff\u200b").strip()
    title, kind = _split_title(TITLE_MARKUP_RE.sub("", title_line, count=1))
    if not title:
        title, kind = _drop_final_period(title_line), None
    kind = kind or label_kind

    header, body_start, standfirst = _read_header(lines, folded, index + 1)
    body_lines, body_folded = lines[body_start:], folded[body_start:]
    notes: list[ParsedNote] = []
    section = _notes_section(body_lines, body_folded)
    if section:
        # The outlet line may come before the references or after them: read the trailer with the
        # references taken out; what it does not take of the lines after them ends the last note.
        heading, notes, after = section
        body_lines = body_lines[:heading] + body_lines[after:]
        body_folded = body_folded[:heading] + body_folded[after:]
    end, source, footer_date = _read_trailer(body_lines, body_folded, header)
    if section and end > heading:
        rest = " ".join(line for line in body_lines[heading:end] if line)
        notes[-1] = _note(f"{notes[-1].text} {rest}")
        end = heading
    paragraphs = _paragraphs(body_lines[:end])

    dateline, dateline_date = header.dateline, None
    if paragraphs:
        found_dateline, dateline_date, rest = _split_dateline(paragraphs[0])
        if found_dateline:
            dateline = found_dateline
            paragraphs[0] = rest.strip()
            if not paragraphs[0]:
                paragraphs.pop(0)
    opening_date = None
    if paragraphs and not (header.date or dateline_date):
        opening = OPENING_DATE_RE.match(fold_punctuation(paragraphs[0]))
        opening_date = _date_from_match(opening) if opening else None

    paragraphs = _paragraphs(standfirst) + paragraphs
    if not paragraphs:
        raise ParseError("no body: nothing follows the title and byline")
    return ParsedArticle(
        raw_title=raw_title,
        title=title,
        kind=kind,
        authors=tuple(header.authors),
        date=header.date or dateline_date or opening_date or footer_date or header.updated,
        dateline=dateline,
        source=source,
        paragraphs=tuple(paragraphs),
        notes=tuple(notes),
    )
