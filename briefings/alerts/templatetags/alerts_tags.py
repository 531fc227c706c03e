from django import template

from briefings.articles.models import Author

from .. import follow

register = template.Library()


@register.simple_tag
def follow_form(first=None, second=None, value=None, label=None):
    """What a page's subscribe form follows: ``{"value": …, "label": …}`` for a topic (``first``),
    an intersection (``first`` and ``second``), an author, or the whole site (nothing); or the
    ``value`` and ``label`` given (the subscribe page, showing a form again)."""
    if value:
        return {"value": value, "label": label}
    first, second = first or None, second or None
    if first is None:
        label = "new analysis"
    elif isinstance(first, Author):
        label = first.display_name
    elif second is not None:
        label = f"{first.name} and {second.name}"
    else:
        label = first.name
    return {"value": follow.follow_value(first, second), "label": label}
