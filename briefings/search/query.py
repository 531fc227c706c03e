"""Reading what a reader typed: shared by the search page (``?q=``), its topic filters and the API
(``?search=``, ``?country=`` …), so every way in is bounded the same way before it reaches the
database or the search backend.

- ``clean_text``: no control characters (NUL included), whitespace collapsed, a maximum length.
- ``parse_query``: at most ``MAX_QUERY_LENGTH`` characters and ``MAX_TERMS`` distinct words; a word
  is letters and digits of any script, so operators, quotes, "%" and control characters never
  reach the search backend.
"""

import re
import unicodedata
from dataclasses import dataclass

from briefings.core.text import control_characters

MAX_QUERY_LENGTH = 200  # characters of the query that are searched; the rest is dropped, with a note
MAX_TERMS = 12
CONTROL_RE = control_characters()


def clean_text(value, max_length):
    """User input without control characters (NUL included), whitespace collapsed, at most
    ``max_length`` characters (cut between words where there is a space); returns
    ``(text, shortened)``."""
    text = " ".join(CONTROL_RE.sub(" ", value or "").split())
    if len(text) <= max_length:
        return text, False
    head = text[: max_length + 1]
    return (head.rsplit(" ", 1)[0] if " " in head else text[:max_length]), True


def _mark_ranges():
    """Combining marks of the Basic Multilingual Plane as a regex class body: Arabic, Devanagari and
    others write vowel signs inside words, and Python's ``\\w`` does not match them."""
    marks = [code for code in range(0x10000) if unicodedata.category(chr(code)).startswith("M")]
    ranges, start = [], marks[0]
    for previous, code in zip(marks, [*marks[1:], None], strict=True):
        if code != previous + 1:
            ranges.append(f"\\u{start:04x}-\\u{previous:04x}")
            start = code
    return "".join(ranges)


# A word: letters and digits of any script (not "_"), with their combining marks.
WORD_CHAR = rf"(?:[^\W_]|[{_mark_ranges()}])"
WORD_RE = re.compile(rf"{WORD_CHAR}+")


@dataclass
class Query:
    text: str  # what is searched and shown back in the search box
    terms: list[str]  # its words; all of them must occur in a result
    shortened: bool = False


def parse_query(raw):
    text, shortened = clean_text(raw, MAX_QUERY_LENGTH)
    terms = []
    for word in WORD_RE.findall(text):
        if word.casefold() not in {term.casefold() for term in terms}:
            terms.append(word)
    if len(terms) > MAX_TERMS:
        terms, shortened = terms[:MAX_TERMS], True
    return Query(text, terms, shortened)
