"""A page's edit view takes its POSTs one at a time (``OneEditAtATimeMiddleware``).

The autosave guard (``autosave.refuse_autosave``) compares the review state an autosave was made
in with the page's; on its own, that check can run while a submission or review action of the same
page is still being saved in another request, and the autosave then saves its draft on top of what
was just submitted. Run each POST to the edit view (saves, autosaves, submissions, review actions)
in a transaction that first locks the page's row, so the check always sees every action that came
before it. On SQLite (``make run``) the immediate transactions of ``settings.SQLITE_OPTIONS``
serialise writers the same way.
"""

from django.db import transaction

from wagtail.models import Page

EDIT_VIEW = "wagtailadmin_pages:edit"


class OneEditAtATimeMiddleware:
    """Next to last in ``MIDDLEWARE``, before django-axes (which has no ``process_view``): every
    other middleware's ``process_view`` (CSRF, sign-in) has run when this one calls the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name != EDIT_VIEW:
            return None
        with transaction.atomic():
            list(Page.objects.select_for_update().filter(pk=view_kwargs.get("page_id")).values_list("pk"))
            return view_func(request, *view_args, **view_kwargs)
