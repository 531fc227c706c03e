"""Requests no view should see: an address with a NUL or another control character.

PostgreSQL cannot store or compare a NUL, so a NUL in a slug or a parameter would reach the
database as an error; no real address has a control character anyway. Such a request is answered
400 here, before any view runs. The query string may hold tabs and line breaks (text pasted into a
search box); views that read text clean those themselves (``briefings.search.query.clean_text``).
"""

from django.http import HttpResponseBadRequest

from .text import control_characters

PATH_CONTROL_RE = control_characters()  # C0, DEL and C1 control characters
QUERY_CONTROL_RE = control_characters(keep="\t\n\r", c1=False)  # the same, less \t \n \r and C1


def has_control_characters(request):
    if PATH_CONTROL_RE.search(request.path):
        return True
    return any(
        QUERY_CONTROL_RE.search(name) or any(QUERY_CONTROL_RE.search(value) for value in values)
        for name, values in request.GET.lists()
    )


class RejectControlCharactersMiddleware:
    """400 for an address (path or query string, once percent-decoded) with a control character."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_characters(request):
            return HttpResponseBadRequest(
                "Bad request: the address contains a control character.\n", content_type="text/plain"
            )
        return self.get_response(request)
