"""What makes the cached pages old: every write to a table readers' pages are built from.

Writes are seen where they reach the database (``execute_wrappers``), so bulk inserts, queryset
updates and raw SQL count as much as ``save()``: a publish, an unpublish, a move, a deletion, an
Author or topic edit, a merge, a redirect, site settings, an import. Once the transaction that
wrote commits, the content generation is bumped (``briefings.core.generation.bump``: the cached
identity is keyed on it too, so this runs whether the page cache is on or off) and the CDN purged:
at the end of the request, or at once outside a request (a management command). Writes readers
never see are ignored: ``PAGE_CACHE_IGNORED_MODELS`` (sessions, sign-in attempts, logs,
revisions, renditions…) and a page's draft-only columns (saving a draft updates the live page's
row).

Saving or deleting one article says what it changes (``briefings.core.freshness``): while all a
transaction's writes are such writes, its commit renews only the scopes they name, as they stood
before the first write and as they stand after commit, so the article pages far from it by date and
the intersections of other topics stay cached. Any other write in the transaction, or a change to
the next scheduled go-live or expiry time, starts a new generation as above. Either way the digest
scopes read from the tables written are computed again (``refresh_digests``).

A write not yet committed is seen by its own connection only: the next request in the same thread
starts a new generation (or renews the scopes) first (tests, which never commit, read their own
writes this way; the page cache's middleware asks for it on every request).
"""

import functools
import logging
import re
import threading

from django.apps import apps
from django.conf import settings
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_migrate, post_save, pre_migrate

from wagtail.models import Page
from wagtail.models.audit_log import BaseLogEntry

from briefings.core import freshness, generation

from . import frontend, schedule

logger = logging.getLogger(__name__)

WRITE_RE = re.compile(
    r"\s*(?:(?P<verb>UPDATE)|INSERT\s+(?:OR\s+\w+\s+)?INTO|DELETE\s+FROM|TRUNCATE)\s+[\"`\[]?(?P<table>\w+)",
    re.IGNORECASE,
)
SET_COLUMN_RE = re.compile(r"[\"`\[]?(\w+)[\"`\]]?\s*=")
# Columns of wagtailcore_page that saving a draft, or locking a page, updates: not what readers see.
DRAFT_COLUMNS = frozenset(
    {
        "latest_revision_id",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by_id",
    }
)

_local = threading.local()


@functools.cache
def ignored_tables():
    """The tables of ``PAGE_CACHE_IGNORED_MODELS`` ("app_label" or "app_label.Model"), with their
    many-to-many tables, and of every Wagtail log entry model."""
    names = {name.lower() for name in settings.PAGE_CACHE_IGNORED_MODELS}
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if model._meta.app_label in names or label in names or issubclass(model, BaseLogEntry):
            tables.add(model._meta.db_table.lower())
    return frozenset(tables)


def written_table(sql):
    """The table a statement writes that readers' pages are built from, or ``None`` (a read, or a
    write readers never see); ``""`` when it cannot tell (composed SQL: assume the worst)."""
    if not isinstance(sql, str):
        return ""
    match = WRITE_RE.match(sql)
    if match is None:
        return None
    table = match["table"].lower()
    if table in ignored_tables():
        return None
    if match["verb"] and table == Page._meta.db_table:
        assignments = re.split(r"\sWHERE\s", sql[match.end() :], maxsplit=1, flags=re.IGNORECASE)[0]
        columns = set(SET_COLUMN_RE.findall(assignments))
        if columns and columns <= DRAFT_COLUMNS:
            return None
    return table


def watch_writes(execute, sql, params, many, context):
    table = written_table(sql)
    if table is None:
        return execute(sql, params, many, context)
    connection = context["connection"]
    connection.__dict__.setdefault("page_cache_tables", set()).add(table)
    change = freshness.current_write()
    if change is not None and table in change.tables:
        scoped = connection.__dict__.setdefault("page_cache_scoped", {})
        if change.identity not in scoped:  # its scopes before its first write
            scoped[change.identity] = (change, change.scopes())
    else:
        connection.page_cache_dirty = True
    result = execute(sql, params, many, context)
    # Once per transaction (outside one, on_commit runs at once).
    if not any(func is committed for _sids, func, _robust in connection.run_on_commit):
        connection.on_commit(committed, robust=True)
    return result


def committed():
    """A transaction that changed what readers see has committed (``publish_changes``); the CDN
    is purged at the end of the request (once, after all its transactions)."""
    connection = connections[DEFAULT_DB_ALIAS]
    publish_changes(connection)
    if getattr(_local, "in_request", False):
        _local.purge_pending = True
    else:
        frontend.purge_everything()


def publish_changes(connection, moment=None):
    """Make ``connection``'s writes seen by every process: the scopes its scoped writes name, as
    they were and as they are now, if it wrote nothing else and the next scheduled change is still
    the one known; else a new generation, with the next scheduled change as it now stands (read
    after the bump: a writer that bumps later reads later). ``moment``: the next scheduled change
    as the writer last read it, when known."""
    scoped = connection.__dict__.pop("page_cache_scoped", {})
    tables = connection.__dict__.pop("page_cache_tables", set())
    dirty = getattr(connection, "page_cache_dirty", False)
    connection.page_cache_dirty = False
    if scoped and not dirty:
        moment = next_change_in_database() if moment is None else moment
        if moment is not None and schedule.known(generation.current()) == moment:
            names = set()
            for change, before in scoped.values():
                names |= before | change.scopes()
            generation.bump_scopes(names)
            refresh_digests(tables)
            return
    new = generation.bump()
    moment = next_change_in_database() if moment is None else moment
    if moment is not None:
        schedule.remember_next_change(new, moment)
    refresh_digests(tables)


def refresh_digests(tables):
    """The digest scopes read from ``tables`` (``freshness.digest_providers``), or never computed
    since the cache was emptied, computed again. If that fails, a new generation: no page kept
    with a digest that may be out of date is served."""
    if getattr(_local, "migrating", False):  # the tables may not be there yet: after the next change
        return
    for provider in freshness.digest_providers():
        if not (provider.tables & tables) and generation.digests_computed(provider):
            continue
        try:
            with transaction.atomic():  # a failure inside a transaction (a test's) ends here
                generation.refresh_digests(provider)
        except Exception:  # whatever failed, a digest left out of date must not serve a page
            logger.exception("Digests not refreshed: starting a new generation")
            generation.bump()


def next_change_in_database():
    try:
        return schedule.scheduled_from_database()
    except DatabaseError:  # e.g. during the first migrations: readers will read it
        logger.debug("Next scheduled change not known yet", exc_info=True)
        return None


def forget_everything():
    """Start a new generation and purge the CDN now (Settings › Public site cache,
    ``manage.py purge_page_cache``, a deploy)."""
    generation.bump()
    frontend.purge_everything()


def request_started():
    _local.in_request = True
    _local.purge_pending = False


def bump_for_uncommitted_writes():
    """As a request starts: a write this thread has not committed yet (a test's) is made visible
    to the request (its cached page, its identity) as a commit would (``publish_changes``: the
    transaction reads its own writes)."""
    connection = connections[DEFAULT_DB_ALIAS]
    if getattr(connection, "page_cache_dirty", False) or getattr(connection, "page_cache_scoped", None):
        known = getattr(connection, "page_cache_schedule", None)
        if known and any(func is known[1] for _sids, func, _robust in connection.run_on_commit):
            publish_changes(connection, known[0])
        else:
            publish_changes(connection)


def page_saved(sender, instance, using, **kwargs):
    """A page saved or deleted inside a transaction: read the next scheduled change as this
    transaction sees it, for ``bump_for_uncommitted_writes`` (the writer pays the query, not the
    next reader). A no-op commit hook marks it: a rollback (of a savepoint too) removes the hook."""
    connection = connections[using]
    if isinstance(instance, Page) and connection.in_atomic_block:

        def read_in_this_transaction():
            pass

        connection.on_commit(read_in_this_transaction)
        connection.page_cache_schedule = (schedule.scheduled_from_database(using), read_in_this_transaction)


def request_finished():
    _local.in_request = False
    if getattr(_local, "purge_pending", False):
        _local.purge_pending = False
        frontend.purge_everything()


def watch_connection(sender, connection, **kwargs):
    # Pages are read from the default database; a write through another alias (a test's scratch
    # SQLite file, a restore's target) changes none of them, and publishing it would open a
    # connection to the default database in that thread, left open when the thread ends.
    if connection.alias != DEFAULT_DB_ALIAS:
        return
    # First in the list: ``connection.execute_wrapper()`` blocks pop the last one on exit.
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, watch_writes)


def settings_changed(setting, **kwargs):
    """A setting changed (tests' ``override_settings``): pages may render differently."""
    if setting == "PAGE_CACHE_IGNORED_MODELS":
        ignored_tables.cache_clear()
    if setting != "CACHES":  # a new cache has no pages of the old settings
        generation.bump()


def migrating(sender, **kwargs):
    _local.migrating = True


def migrated(sender, **kwargs):
    _local.migrating = False


def connect_signals():
    pre_migrate.connect(migrating, dispatch_uid="page_cache_migrating")
    post_migrate.connect(migrated, dispatch_uid="page_cache_migrated")
    connection_created.connect(watch_connection, dispatch_uid="page_cache_watch_connection")
    for connection in connections.all(initialized_only=True):
        watch_connection(None, connection)
    setting_changed.connect(settings_changed, dispatch_uid="page_cache_settings_changed")
    post_save.connect(page_saved, dispatch_uid="page_cache_page_saved")
    post_delete.connect(page_saved, dispatch_uid="page_cache_page_deleted")
