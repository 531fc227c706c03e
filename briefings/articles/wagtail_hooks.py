"""Serving pages to readers: a page off schedule is not found at its own address."""

from django.http import Http404

from wagtail import hooks
from wagtail.models import Page

from .models import on_schedule


@hooks.register("before_serve_page")
def hide_pages_off_schedule(page, request, serve_args, serve_kwargs):
    """404 for a page past its expiry or before its go-live time, though still ``live``:
    ``publish_scheduled`` may not have run yet, or ``live`` was set directly. Wagtail has already
    answered 404 for a page that is not live, and asks for a login or password on a private one;
    this adds the schedule rule of ``ArticlePage.objects.visible()`` (``on_schedule()``), for every
    page type. Editors' previews (``serve_preview``) do not pass through this hook."""
    if page.go_live_at is None and page.expire_at is None:
        return None  # nothing scheduled: always on schedule, no query
    if not Page.objects.filter(pk=page.pk).filter(on_schedule()).exists():
        raise Http404("Not published at this time")
    return None
