"""Deploy checks (``manage.py check --deploy``), also run when ``briefings/wsgi.py`` starts with
DEBUG off, where an error stops the start (``startup.py``)."""

import importlib.util

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, check_password
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections, router
from django.db.models import Q

from wagtail.contrib.frontend_cache.utils import get_backends

from briefings.articles.setup import site_address
from briefings.importing.sample import DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME

TAG = "operations"

# Each process (or machine) would keep its own copy: a change made by one gunicorn worker is not
# seen by the others, and every page is cached once per worker.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}
REDIS_CACHES = {"django.core.cache.backends.redis.RedisCache", "briefings.core.redis_cache.RedisCache"}


def shared_cache(app_configs=None, **kwargs):
    """Every cache is shared by the site's processes (Redis from ``REDIS_URL``), and the client
    library its backend needs is installed."""
    errors = []
    for alias, config in settings.CACHES.items():
        backend = config.get("BACKEND", "")
        if backend in PER_PROCESS_CACHES:
            errors.append(
                checks.Error(
                    f"The {alias!r} cache is {backend.rsplit('.', 1)[-1]}, which each process keeps "
                    "for itself: the site's workers would not share what they cache.",
                    hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) to use Redis.",
                    id="operations.E001",
                )
            )
        elif backend in REDIS_CACHES and importlib.util.find_spec("redis") is None:
            errors.append(
                checks.Error(
                    f"The {alias!r} cache uses Redis but the redis package is not installed: "
                    "every page would fail.",
                    hint="pip install -r requirements.txt",
                    id="operations.E002",
                )
            )
    return errors


PAGE_CACHE_MIDDLEWARE = "briefings.caching.middleware.PageCacheMiddleware"


def page_cache(app_configs=None, **kwargs):
    """The reader page cache is in place when on, and the CDN to purge (``WAGTAILFRONTENDCACHE``)
    can be reached through a backend that loads."""
    errors = []
    if settings.PAGE_CACHE_ENABLED and PAGE_CACHE_MIDDLEWARE not in settings.MIDDLEWARE:
        errors.append(
            checks.Error(
                "PAGE_CACHE_ENABLED is on but the page cache middleware is not in MIDDLEWARE: "
                "every reader's page would be rendered afresh.",
                hint=f"Add {PAGE_CACHE_MIDDLEWARE!r} before Wagtail's RedirectMiddleware, or set PAGE_CACHE_ENABLED=0.",
                id="operations.E005",
            )
        )
    try:
        get_backends()
    except ImproperlyConfigured as error:
        errors.append(
            checks.Error(
                f"WAGTAILFRONTENDCACHE: {error}: the CDN would never be purged and would serve old pages.",
                hint="Fix the backend's path in WAGTAILFRONTENDCACHE, or unset FRONTEND_CACHE_PURGE_URL.",
                id="operations.E006",
            )
        )
    return errors


def accounts_that_reach_the_admin():
    """Active accounts with a usable password that could sign in to the admin: superusers, staff
    and the development account's username (checking a password costs a hash, ~0.5 s each)."""
    User = get_user_model()
    dev_account = Q(**{User.USERNAME_FIELD: DEV_ADMIN_USERNAME})
    return (
        User._default_manager.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(is_staff=True) | dev_account)
        .exclude(password="")
        .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .only(User.USERNAME_FIELD, "password")
    )


def development_password(app_configs=None, **kwargs):
    """No account that can sign in to the admin still has the password ``make run`` prints."""
    User = get_user_model()
    alias = router.db_for_read(User)
    try:
        if User._meta.db_table not in connections[alias].introspection.table_names():
            return []  # not migrated yet: there are no accounts
        found = [
            user.get_username()
            for user in accounts_that_reach_the_admin().using(alias)
            if check_password(DEV_ADMIN_PASSWORD, user.password)
        ]
    except DatabaseError as error:
        # Reported, not failed: a build step may run check --deploy without its database.
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return [
            checks.Info(
                f"Could not look for accounts with the development password: {reason}",
                hint="Run the check where DATABASE_URL reaches the production database.",
                id="operations.I001",
            )
        ]
    if not found:
        return []
    return [
        checks.Error(
            f"The account(s) {', '.join(sorted(found))} still have the development password "
            f"printed by `make run` ({DEV_ADMIN_PASSWORD!r}).",
            hint="Set a new password (manage.py changepassword USERNAME) or deactivate the account.",
            id="operations.E003",
        )
    ]


LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1", ""}


def public_site_address(app_configs=None, **kwargs):
    """The Wagtail Site, which every absolute address (canonical links, feeds, sitemap, emails) is
    built from, is not still the ``localhost`` of a first set-up (a local ``SITE_URL``, once applied,
    is a choice: the production stack run on one machine)."""
    from wagtail.models import Site

    alias = router.db_for_read(Site)
    try:
        if Site._meta.db_table not in connections[alias].introspection.table_names():
            return []
        site = Site.objects.using(alias).filter(is_default_site=True).first()
    except DatabaseError as error:
        return [checks.Info(f"Could not look at the site's address: {error}".strip(), id="operations.I002")]
    if site is None or site.hostname not in LOCAL_HOSTS:
        return []
    if settings.SITE_URL and site_address(settings.SITE_URL) == (site.hostname, site.port):
        return []  # a local address asked for: the production stack on one machine (make serve, make loadtest)
    return [
        checks.Error(
            f"The site's address is still {site.root_url}: canonical links, feeds, the sitemap and "
            "emails would point readers there.",
            hint="Set SITE_URL (e.g. https://briefings.example.org) and run manage.py migrate.",
            id="operations.E004",
        )
    ]


def register():
    checks.register(shared_cache, checks.Tags.caches, TAG, deploy=True)
    checks.register(page_cache, checks.Tags.caches, TAG, deploy=True)
    checks.register(development_password, checks.Tags.security, TAG, deploy=True)
    checks.register(public_site_address, checks.Tags.sites, TAG, deploy=True)
