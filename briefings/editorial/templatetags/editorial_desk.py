"""The page editor's additions (``templates/wagtailadmin/pages/edit.html``): the editor's request for
changes at the top of the form, and the autosave guard with the page's review state."""

import json

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from ..autosave import ACTION_FIELDS, REVIEW_STATE_FIELD, review_state
from ..desk import latest_change_request

register = template.Library()


@register.inclusion_tag("editorial/desk_change_request.html")
def change_request_notice(page):
    return {"change_request": latest_change_request(page) if page and page.pk else None}


@register.simple_tag
def review_guard_script(page):
    """The script that keeps autosave out of review actions, with what it needs to know."""
    return format_html(
        '<script src="{}" data-review-state="{}" data-state-field="{}" data-action-fields="{}"></script>',
        static("editorial/js/review_guard.js"),
        review_state(page),
        REVIEW_STATE_FIELD,
        json.dumps(ACTION_FIELDS),
    )
