"""Autosave never acts on a review, and never saves over one that moved on.

Wagtail 8's page editor autosaves: its ``w-unsaved`` controller polls the form's data and, on a
change, ``w-autosave`` POSTs the whole form to the edit view with ``Accept: application/json``.
The workflow buttons ("Approve with comment", "Request changes"…) work by appending hidden
``action-workflow-action`` / ``workflow-action-name`` inputs to that same form and submitting it.
While the submission is on its way (a slow connection), the poll sees the new inputs as an edit and
autosaves the form *with them*; the edit view picks its action from the POST keys whatever the
``Accept`` header, so the autosave performs the review action a second time: a 500 when both run
at once (``current_workflow_task`` is ``None`` for the second, after its stale ``form.save()`` has
put the page back to not live), or a new draft on top of the page just published. The full story is
in the issue's closing note.

Two guards, one on each side:

- ``templates/wagtailadmin/pages/edit.html`` loads ``static/editorial/js/review_guard.js``, which
  cancels any autosave once the form is being submitted (or carries an action) and stamps each
  autosave with the page's ``review_state`` as it was when the editor opened it;
- ``refuse_autosave`` (a ``before_edit_page`` hook) answers an autosave that carries an action, or
  whose ``review_state`` is no longer the page's, with a JSON error and saves nothing. Wagtail's
  autosave script shows the message, and stops autosaving on ``invalid_revision``.
"""

from django.http import JsonResponse

from wagtail.models import Page

# POST keys by which Wagtail's edit view chooses an action other than saving a draft.
ACTION_FIELDS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
    "action-cancel-workflow",
    "workflow-action-name",
)
REVIEW_STATE_FIELD = "review_state"


def review_state(page):
    """Where the page stands in review and publication, as a short string that changes whenever
    it does: submitted, approved, changes requested, resubmitted, published, unpublished."""
    live, live_revision_id = Page.objects.filter(pk=page.pk).values_list("live", "live_revision_id").get()
    state = page.workflow_states.order_by("-created_at", "-pk").first()
    workflow = f"{state.pk}-{state.status}-{state.current_task_state_id}" if state else "none"
    return f"{int(live)}-{live_revision_id or 0}-{workflow}"


def is_autosave(request):
    """Wagtail's own test for a request its edit view answers with JSON (the autosave's)."""
    return request.method == "POST" and not request.accepts("text/html")


def refuse_autosave(request, page):
    """A JSON error for an autosave that must not be saved, else ``None``."""
    if not is_autosave(request):
        return None
    if any(name in request.POST for name in ACTION_FIELDS):
        return _error(
            "blocked_by_hook",
            "Autosave does not submit, review or publish: use the buttons in the footer.",
            status=400,
        )
    loaded = request.POST.get(REVIEW_STATE_FIELD)
    if loaded and loaded != review_state(page):
        return _error(
            "invalid_revision",
            "This article's review status has changed since you opened it: reload the page to continue.",
            status=409,
        )
    return None


def _error(code, message, *, status):
    # The shape of Wagtail's own autosave errors (JsonPostResponseMixin.json_error_response).
    return JsonResponse({"success": False, "error_code": code, "error_message": message}, status=status)
