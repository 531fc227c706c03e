"""StreamField blocks for article bodies: one ``ArticleStreamBlock`` used by ``ArticlePage``."""

import re

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from briefings.core.text import html_paragraphs, html_to_text


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "Heading"), ("h3", "Subheading")], default="h2")

    class Meta:
        icon = "title"
        template = "components/streamfield/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "components/streamfield/quote_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=300)
    alt_text = blocks.CharBlock(
        required=False, max_length=300, help_text="Describe the image for screen readers."
    )

    class Meta:
        icon = "image"
        template = "components/streamfield/image_block.html"


class NoteBlock(blocks.StructBlock):
    """One endnote: what is cited, and where to read it."""

    citation = blocks.TextBlock(
        required=False,
        help_text='Author, title, publisher, date: "World Bank, Pakistan Economic Update, 2023."',
    )
    url = blocks.URLBlock(required=False, label="URL")

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("citation") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"citation": ValidationError("Give the citation, its URL or both.")}
            )
        return value


class ArticleStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "superscript", "subscript"],
        template="components/streamfield/paragraph_block.html",
    )
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    embed = EmbedBlock(max_width=800, max_height=450, template="components/streamfield/embed_block.html")
    # The endnotes, numbered in order: "[1]" in a paragraph refers to the first.
    notes = blocks.ListBlock(
        NoteBlock(),
        label="Notes",
        icon="list-ol",
        template="components/streamfield/notes_block.html",
        help_text='Numbered references, shown under "Notes" at the end; type [1], [2] … in the text to cite them.',
    )

    class Meta:
        block_counts = {"notes": {"max_num": 1}}


# "[1]": a paragraph's reference to endnote 1 (``endnotes`` links it), no word of its own.
NOTE_MARKER = r"\[(\d{1,3})\]"
_SPACED_NOTE_MARKER_RE = re.compile(rf"\s?{NOTE_MARKER}")


def block_text(block_type, value, captions=False):
    """The words a reader reads in one body block, as plain text: a paragraph's (markup removed,
    entities decoded, endnote markers left out), a heading's or a quote's; an image's caption only with ``captions``;
    nothing for an embed. ``value`` is the block's stored (raw) value or its Python value."""
    if block_type == "paragraph":
        return _SPACED_NOTE_MARKER_RE.sub("", html_to_text(getattr(value, "source", value)))
    if block_type in ("heading", "quote"):
        return value.get("text") or ""
    if captions and block_type == "image":
        return value.get("caption") or ""
    return ""


def body_paragraphs(body, captions=False, types=None, split=False):
    """The body's blocks as plain-text paragraphs, empty ones left out, one at a time. Reads the
    StreamField's stored data, so images and embeds are not fetched. With ``split`` a rich-text
    block gives each of its paragraphs and list items apart, as the editor sends them (topic
    suggestion reads an article so, wherever it is asked)."""
    for raw in body.raw_data:
        if split and raw["type"] == "paragraph" and (types is None or "paragraph" in types):
            yield from html_paragraphs(raw["value"])
        elif types is None or raw["type"] in types:
            text = " ".join(block_text(raw["type"], raw["value"], captions).split())
            if text:
                yield text
