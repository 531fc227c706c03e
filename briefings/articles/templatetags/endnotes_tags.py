"""``{% linked_notes value %}``: a paragraph's rich text with its "[1]" markers linked to the
article's endnotes (``endnotes.Endnotes``, put in the context by the article presenter)."""

from django import template

from wagtail.templatetags.wagtailcore_tags import richtext

register = template.Library()


@register.simple_tag(takes_context=True)
def linked_notes(context, value):
    html = richtext(value)
    endnotes = context.get("endnotes")
    return endnotes.link_markers(html) if endnotes else html
