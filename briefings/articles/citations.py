"""How to cite an article: APA, Chicago, BibTeX and RIS from one ``Citation``.

Pure functions of plain data (no database, no request), so each style is tested exactly.

Rules, applied the same way in every style:

- A name's last word is the family name, the rest the given names ("Hafsa Akram" → Akram, Hafsa);
  honorifics (Ms., Dr.) are left out, as citation styles do.
- Titles are reproduced as published. APA asks for sentence case, but lowering a title's words
  needs to know which are proper nouns ("Belt and Road Initiative"), which a program cannot.
- The publisher is the organisation publishing the site (Settings › Identity; "Briefings" until
  set); an outlet that first carried the piece is named after it ("Originally published by …").
  The URL is the article's address on the site.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from briefings.core.seo import SITE_NAME

PUBLISHER = SITE_NAME
APA_MAX_AUTHORS = 20  # APA 7: list up to 20 authors; beyond that, 19, an ellipsis and the last


@dataclass(frozen=True)
class PersonName:
    family: str
    given: str = ""

    @classmethod
    def from_full_name(cls, name):
        words = name.split()
        if not words:
            return cls("")
        return cls(words[-1], " ".join(words[:-1]))

    @property
    def inverted(self):
        """ "Akram, Hafsa" (or just "Akram" for a one-word name)."""
        return f"{self.family}, {self.given}" if self.given else self.family

    @property
    def natural(self):
        return f"{self.given} {self.family}".strip()

    @property
    def initials(self):
        """ "Sana Ali" → "S. A."; "Jean-Paul" → "J.-P."."""
        return " ".join(
            "-".join(f"{part[0]}." for part in word.split("-") if part) for word in self.given.split()
        )


@dataclass(frozen=True)
class Citation:
    title: str
    url: str
    authors: tuple[PersonName, ...] = ()
    date: datetime.date | None = None
    publisher: str = PUBLISHER
    original_outlet: str = ""

    @classmethod
    def build(cls, title, url, author_names=(), date=None, original_outlet="", publisher=PUBLISHER):
        return cls(
            title=title.strip(),
            url=url,
            authors=tuple(PersonName.from_full_name(name) for name in author_names if name.strip()),
            date=date,
            publisher=publisher,
            original_outlet=original_outlet.strip(),
        )


@dataclass(frozen=True)
class Reference:
    """One of an article's endnotes: note ``number``, what it cites and where to read it."""

    number: int
    citation: str = ""
    url: str = ""

    @property
    def text(self):
        """The note as one line of plain text: the citation, then its URL."""
        return _join(self.citation, self.url)


def _end_sentence(text):
    """Add a full stop unless the text already ends with one, "?" or "!"."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _original_note(citation):
    return f"Originally published by {citation.original_outlet}." if citation.original_outlet else ""


def _join(*parts):
    return " ".join(part for part in parts if part)


# APA 7 -------------------------------------------------------------------------------------------


def _apa_name(name):
    return f"{name.family}, {name.initials}" if name.initials else name.family


def apa_authors(authors):
    names = [_apa_name(name) for name in authors]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) > APA_MAX_AUTHORS:
        return ", ".join(names[: APA_MAX_AUTHORS - 1]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def apa_date(date):
    return f"({date.year}, {date:%B} {date.day})" if date else "(n.d.)"


def apa(citation):
    """``Akram, H. (2022, September 14). Title. Briefings. https://…``

    Without authors, APA moves the title to the author position.
    """
    title = _end_sentence(citation.title)
    authors = apa_authors(citation.authors)
    if authors:
        head = _join(_end_sentence(authors), _end_sentence(apa_date(citation.date)), title)
    else:
        head = _join(title, _end_sentence(apa_date(citation.date)))
    return _join(head, _end_sentence(citation.publisher), _original_note(citation), citation.url)


# Chicago (17th edition, bibliography entry) ---------------------------------------------------


def chicago_authors(authors):
    if not authors:
        return ""
    names = [authors[0].inverted] + [name.natural for name in authors[1:]]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]}, and {names[1]}" if authors[0].given else f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def chicago_date(date):
    return f"{date:%B} {date.day}, {date.year}" if date else "n.d."


def _chicago_quoted_title(title):
    """Chicago puts the full stop inside the quotation marks, unless "?" or "!" ends the title."""
    return f"“{_end_sentence(title)}”"


def chicago(citation):
    """``Akram, Hafsa. "Title." Briefings, September 14, 2022. https://…``"""
    authors = chicago_authors(citation.authors)
    return _join(
        _end_sentence(authors) if authors else "",
        _chicago_quoted_title(citation.title),
        _end_sentence(f"{citation.publisher}, {chicago_date(citation.date)}"),
        _original_note(citation),
        citation.url,
    )


# BibTeX ------------------------------------------------------------------------------------------

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_escape(text):
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in " ".join(text.split()))


def _ascii_word(text):
    normalized = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", normalized.lower())


_KEY_SKIP_WORDS = {"a", "an", "the", "of", "on", "in", "and", "for", "to"}


def bibtex_key(citation):
    """``akram2022chinese``: first author's family name, year, first significant title word."""
    family = _ascii_word(citation.authors[0].family) if citation.authors else ""
    year = str(citation.date.year) if citation.date else ""
    words = [_ascii_word(word) for word in citation.title.split()]
    word = next((w for w in words if w and w not in _KEY_SKIP_WORDS), "")
    return (family + year + word) or "briefings"


def bibtex(citation):
    fields = []
    if citation.authors:
        names = " and ".join(bibtex_escape(name.inverted) for name in citation.authors)
        fields.append(("author", f"{{{names}}}"))
    # Double braces keep the title's capitals as published.
    fields.append(("title", f"{{{{{bibtex_escape(citation.title)}}}}}"))
    fields.append(("journal", f"{{{bibtex_escape(citation.publisher)}}}"))
    if citation.date:
        fields.append(("year", f"{{{citation.date.year}}}"))
        fields.append(("month", _BIBTEX_MONTHS[citation.date.month - 1]))
        fields.append(("date", f"{{{citation.date.isoformat()}}}"))
    fields.append(("url", f"{{{citation.url}}}"))
    if citation.original_outlet:
        fields.append(("note", f"{{{bibtex_escape(_original_note(citation))}}}"))
    body = "".join(f"  {name} = {value},\n" for name, value in fields)
    return f"@article{{{bibtex_key(citation)},\n{body}}}\n"


# RIS ---------------------------------------------------------------------------------------------


def _ris_value(text):
    return " ".join(str(text).split())


def ris(citation):
    """RIS (the format EndNote, Zotero and Mendeley import), lines ending in CRLF as the spec asks."""
    lines = [("TY", "NEWS")]
    lines += [("AU", name.inverted) for name in citation.authors]
    lines.append(("TI", citation.title))
    lines.append(("T2", citation.publisher))
    lines.append(("PB", citation.publisher))
    if citation.date:
        lines.append(("PY", str(citation.date.year)))
        lines.append(("DA", f"{citation.date:%Y/%m/%d}/"))
    lines.append(("UR", citation.url))
    if citation.original_outlet:
        lines.append(("N1", _original_note(citation)))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_ris_value(value)}\r\n" for tag, value in lines)


STYLES = (("apa", "APA", apa), ("chicago", "Chicago", chicago), ("bibtex", "BibTeX", bibtex))
