"""Signed links in alert emails: confirm (expires), manage, unsubscribe (no expiry: an old email's
link still works). Each carries the address's random ``key``, so they stop working once the address
is deleted; each kind has its own salt, so one cannot stand in for another."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from wagtail.models import Site

CONFIRM = "briefings.alerts.confirm"
MANAGE = "briefings.alerts.manage"
UNSUBSCRIBE = "briefings.alerts.unsubscribe"


def site_root():
    """The public address of the site, as every page's own links are built (the default Wagtail
    Site, which ``migrate`` points at ``SITE_URL``)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return settings.SITE_URL or settings.WAGTAILADMIN_BASE_URL


def absolute(path, root=None):
    return (root if root is not None else site_root()) + path


def confirm_token(subscriber):
    return signing.dumps(str(subscriber.key), salt=CONFIRM, compress=True)


def manage_token(subscriber):
    return signing.dumps(str(subscriber.key), salt=MANAGE, compress=True)


def unsubscribe_token(subscriber, subscription_ids=None):
    """For ``subscription_ids``, or for everything the address follows when None."""
    data = {"k": str(subscriber.key)}
    if subscription_ids is not None:
        data["s"] = sorted(subscription_ids)
    return signing.dumps(data, salt=UNSUBSCRIBE, compress=True)


def read_confirm(token):
    """The subscriber key, or None when the link is forged or older than ALERTS_CONFIRM_DAYS."""
    try:
        return signing.loads(token, salt=CONFIRM, max_age=timedelta(days=settings.ALERTS_CONFIRM_DAYS))
    except signing.BadSignature:
        return None


def read_manage(token):
    try:
        return signing.loads(token, salt=MANAGE)
    except signing.BadSignature:
        return None


def read_unsubscribe(token):
    """``(subscriber key, subscription ids or None for all)``, or None for a bad link."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("k"), str):
        return None
    ids = data.get("s")
    if ids is not None and not (isinstance(ids, list) and all(isinstance(i, int) for i in ids)):
        return None
    return data["k"], ids


def confirm_url(subscriber, root=None):
    return absolute(reverse("alerts:confirm", args=[confirm_token(subscriber)]), root)


def manage_url(subscriber, root=None):
    return absolute(reverse("alerts:manage", args=[manage_token(subscriber)]), root)


def unsubscribe_url(subscriber, subscription_ids=None, root=None):
    return absolute(
        reverse("alerts:unsubscribe", args=[unsubscribe_token(subscriber, subscription_ids)]), root
    )
