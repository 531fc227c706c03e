"""Serving pages to readers: a page off schedule is not found at its own address."""

from django.http import Http404

from wagtail import hooks

from .models import is_on_schedule


@hooks.register("before_serve_page")
def hide_pages_off_schedule(page, request, serve_args, serve_kwargs):
    """404 for a page past its expiry or before its go-live time, though still ``live``:
    ``publish_scheduled`` may not have run yet, or ``live`` was set directly. Wagtail has already
    answered 404 for a page that is not live, and asks for a login or password on a private one;
    this adds the schedule rule of ``ArticlePage.objects.visible()`` (``on_schedule()``), for every
    page type, from the page as loaded (no query). Editors' previews (``serve_preview``) do not pass
    through this hook."""
    if not is_on_schedule(page):
        raise Http404("Not published at this time")
    return None
