"""Drafts stay private between fellows: which unpublished pages a user sees in the admin.

The rule, in one place (``visible_pages_for``): a page that is live is visible to everyone who may
use the admin, as it is to readers; a page that is not live (a draft, an article under review, an
unpublished or expired one) only to its owner, to those who may edit or publish any page there
(``change``/``publish`` page permission at it or above: the Editors on the briefings index) and to
superusers. A fellow holds only ``add`` on the index, so she sees her own drafts and no one else's.

Where it applies:

- ``PrivateDraftsPagePolicy`` (registered for ``Page`` in ``EditorialConfig.ready()``) narrows
  Wagtail's ``explorable_instances``, which the explorer listing, the admin page search, the admin
  API (``/admin/api/main/pages/``, listing, search and detail) and the pages' log entries all start from;
- the hooks in ``wagtail_hooks.py`` apply it to the page chooser and refuse to explore or browse
  (404) a page the user may not see;
- ``views.SiteHistoryView`` shows the page entries of **Reports › Site history** only for pages the
  user may edit or publish: a page's history (labels at the time, the reviewers' actions) is the
  editing process, not the published page, and the page's own **History** is refused the same way.

Limits: a live article's latest *draft* title (``draft_title``, which the admin shows) is visible
with it; counts (the dashboard's page total) include others' drafts.
"""

from django.db.models import Q
from django.http import Http404

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

# Page permissions that let a user open other people's pages, not only their own.
SEES_OTHERS_DRAFTS = {"change_page", "publish_page"}

_base_policy = PagePermissionPolicy()


def _drafts_scope(user):
    """``None`` when the user sees every draft, else the tree paths under which they see others'
    drafts (besides their own, everywhere)."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    return [
        perm.page.path
        for perm in _base_policy.get_cached_permissions_for_user(user)
        if perm.permission.codename in SEES_OTHERS_DRAFTS
    ]


def visible_pages_for(user, queryset):
    """``queryset`` (of pages) without the unpublished pages ``user`` may not see.

    Filters only on ``live``, ``owner`` and ``path`` (all search filter fields), so it also applies
    to a queryset about to be searched."""
    scope = _drafts_scope(user)
    if scope is None:
        return queryset
    visible = Q(live=True)
    if user.is_authenticated:
        visible |= Q(owner=user)
    for path in scope:
        visible |= Q(path__startswith=path)
    return queryset.filter(visible)


def is_visible_to(user, page):
    scope = _drafts_scope(user)
    return (
        scope is None
        or page.live
        or (user.is_authenticated and page.owner_id == user.pk)
        or any(page.path.startswith(path) for path in scope)
    )


def refuse_unless_visible(user, page_or_id):
    """404 for a page (or page id) the user may not see: as if it did not exist."""
    page = page_or_id
    if not isinstance(page, Page):
        page = Page.objects.filter(pk=page_or_id).only("pk", "live", "owner_id", "path").first()
    if page is not None and not is_visible_to(user, page):
        raise Http404


def history_visible_pages(user):
    """Pages whose history ``user`` may read: those they may edit or publish (Wagtail's rule for a
    page's History view)."""
    return _base_policy.instances_user_has_any_permission_for(user, {"change", "publish"})


class PrivateDraftsPagePolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, except that the pages a user may explore leave out the
    drafts they may not see."""

    def explorable_instances(self, user):
        return visible_pages_for(user, super().explorable_instances(user))


def register_page_policy():
    register_permission_policy(Page, PrivateDraftsPagePolicy())
