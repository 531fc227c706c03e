"""Text helpers shared by the site, the importer's parser and the topic matcher.

Pure Python (no Django), so the parser and the matcher can use them too:

- ``fold_punctuation``: curly quotes, primes and apostrophe look-alikes to ``'`` and ``"``, the
  hyphen and minus look-alikes to ``-``, no-break spaces to spaces. One character for one, so
  offsets into the folded text are offsets into the original.
- ``html_to_text``: the words of stored rich text (entities decoded, tags removed, adjacent
  paragraphs and list items kept apart), whitespace collapsed; ``html_paragraphs`` the same, one
  paragraph at a time.
- ``initials``: "Hafsa Akram" → "HA", for avatars of people without a photo.
- ``control_characters``: the control characters (C0, DEL, C1; optionally the bidirectional-text
  controls) that an address, a search or an imported title must not carry.
"""

import re
from functools import cache
from html.parser import HTMLParser

_FOLD = str.maketrans(
    "\u2018\u2019\u201a\u201b\u2032\u02bc\u201c\u201d\u201e\u201f\u2033\u2010\u2011\u2012\u2212\u00a0\u202f",
    "''''''\"\"\"\"\"----  ",
)

# Elements whose boundaries separate words: "<p>one</p><p>two</p>" is "one two", not "onetwo".
_BLOCK_ELEMENTS = frozenset(
    "p li ul ol h1 h2 h3 h4 h5 h6 div blockquote br hr tr td th table section article figure figcaption".split()
)


def fold_punctuation(text: str) -> str:
    return text.translate(_FOLD)


class _TextCollector(HTMLParser):
    def __init__(self, separator=" "):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.separator = separator

    def handle_starttag(self, tag, attrs):
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _BLOCK_ELEMENTS:
            self.parts.append(self.separator)

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """``"<p>Oil &amp; gas</p><p>Pipelines</p>"`` -> ``"Oil & gas Pipelines"``."""
    if not html:
        return ""
    collector = _TextCollector()
    collector.feed(str(html))
    collector.close()
    return " ".join("".join(collector.parts).split())


def html_paragraphs(html: str) -> list[str]:
    """``"<p>Oil</p><ul><li>Gas</li></ul>"`` -> ``["Oil", "Gas"]``: the words of each paragraph,
    list item or heading apart, as the rich-text editor holds them (one block each)."""
    if not html:
        return []
    collector = _TextCollector(separator="\0")
    collector.feed(str(html).replace("\0", ""))
    collector.close()
    return [text for part in "".join(collector.parts).split("\0") if (text := " ".join(part.split()))]


# Bidirectional-text controls (embeddings, overrides, isolates, marks, the Arabic letter mark): in a
# title or a name they can make the text display in another order than it reads.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"


@cache
def control_characters(keep: str = "", c1: bool = True, bidi: bool = False) -> re.Pattern:
    """A pattern matching one control character: C0 and DEL (less the characters in ``keep``,
    e.g. ``"\t\n\r"``), C1 unless ``c1=False``, and with ``bidi`` the bidirectional controls."""
    c0 = "".join(re.escape(chr(code)) for code in (*range(0x20), 0x7F) if chr(code) not in keep)
    return re.compile(f"[{c0}{chr(0x80) + '-' + chr(0x9F) if c1 else ''}{BIDI_CONTROLS if bidi else ''}]")


def initials(name: str) -> str:
    """The first letters of a name's first and last words, upper-cased ("?" for none)."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isalpha()]
    if not words:
        return "?"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()
