"""The page editor's additions (``templates/wagtailadmin/pages/edit.html``): the editor's request for
changes at the top of the form, the autosave guard with the page's review state, and the status side
panel's name for a page sent back for changes."""

import json
import re

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.models import WorkflowState

from ..autosave import ACTION_FIELDS, REVIEW_STATE_FIELD, review_state
from ..desk import latest_change_request

register = template.Library()

# The heading of Wagtail's "In Moderation" status item (its visually hidden "Status: " prefix kept).
_IN_MODERATION = re.compile(
    r"(<h3 [^>]*>\s*<span class=\"w-sr-only\">[^<]*</span>\s*)In Moderation(\s*</h3>)"
)


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


@register.filter
def name_changes_requested(status_html, obj):
    """Wagtail's status side panel calls a page sent back for changes "In Moderation", as if the
    editors still had it; name its state as the fellow should read it. (The title is set inside
    Wagtail's template, so it is renamed in what the template rendered.)"""
    state = getattr(obj, "current_workflow_state", None)
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return status_html
    return mark_safe(  # noqa: S308 (Wagtail's own rendered, escaped markup, with one fixed heading changed)
        _IN_MODERATION.sub(r"\1Changes requested\2", str(status_html))
    )
