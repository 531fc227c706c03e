"""Endnotes: the body's "Notes" block and the "[1]" markers in its paragraphs that cite them.

Editors (and the importer) type "[1]" in a paragraph; on the page it becomes a superscript link to
note 1 (``#note-1``), and note 1 links back to where it is first cited (``#ref-1``). A marker with
no note of its number stays as typed. Citations (``citation_reference``) and JSON-LD (``citation``)
list the notes as ``citations.Reference``.
"""

import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .blocks import NOTE_MARKER
from .citations import Reference

MARKER_RE = re.compile(NOTE_MARKER)
TAG_RE = re.compile(r"(<[^>]*>)")
LINK_OPEN_RE = re.compile(r"<a[\s>]", re.I)
LINK_CLOSE_RE = re.compile(r"</a\s*>", re.I)


def notes_of(body):
    """The body's endnotes as ``Reference``s, numbered from 1 (read from the stored data)."""
    for raw in body.raw_data:
        if raw["type"] == "notes":
            items = [item.get("value", item) if "type" in item else item for item in raw["value"]]
            return [
                Reference(n, (item.get("citation") or "").strip(), (item.get("url") or "").strip())
                for n, item in enumerate(items, 1)
            ]
    return []


def _text_pieces(html):
    """``(piece, is_text)`` for ``html``: text outside tags and outside links is where markers
    count (a marker inside a link would nest links)."""
    in_link = 0
    for piece in TAG_RE.split(str(html)):
        if TAG_RE.fullmatch(piece):
            if LINK_OPEN_RE.match(piece):
                in_link += 1
            elif LINK_CLOSE_RE.match(piece):
                in_link = max(0, in_link - 1)
            yield piece, False
        else:
            yield piece, not in_link


def markers_in(html, count):
    """The note numbers (1 … ``count``) that ``html`` cites, in order."""
    return [
        int(match.group(1))
        for piece, is_text in _text_pieces(html)
        if is_text
        for match in MARKER_RE.finditer(piece)
        if 1 <= int(match.group(1)) <= count
    ]


class Endnotes:
    """What one rendering of an article needs: its notes, which are cited in the text (those get a
    back-link), and which markers were already linked (only the first carries ``id="ref-N"``)."""

    def __init__(self, body):
        self.notes = notes_of(body)
        self.cited = set()
        if self.notes:
            for raw in body.raw_data:
                if raw["type"] == "paragraph":
                    self.cited.update(markers_in(raw["value"], len(self.notes)))
        self._anchored = set()

    def __bool__(self):
        return bool(self.notes)

    def link_markers(self, html):
        """``html`` (safe, rendered rich text) with its markers as links to their notes."""
        if not self.notes:
            return html
        parts = []
        for piece, is_text in _text_pieces(html):
            parts.append(MARKER_RE.sub(self._marker, piece) if is_text else piece)
        return mark_safe("".join(parts))  # noqa: S308 - the input was safe HTML; markers are digits

    def _marker(self, match):
        number = int(match.group(1))
        if not 1 <= number <= len(self.notes):
            return match.group()
        first = number not in self._anchored
        self._anchored.add(number)
        anchor = format_html(' id="ref-{}"', number) if first else ""
        return format_html(
            '<sup class="note-ref"><a href="#note-{}"{} aria-label="Note {}">{}</a></sup>',
            number,
            anchor,
            number,
            number,
        )
