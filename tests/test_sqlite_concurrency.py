"""SQLite, the development default, holds up to an editor's submission and her autosave at once."""

import threading

from django.conf import settings
from django.db import OperationalError, connections, transaction

import pytest

from briefings.core import generation

ROUNDS = 40


@pytest.fixture
def sqlite_alias(tmp_path, django_db_blocker):
    """A SQLite file database configured as the SQLite default is (``settings.SQLITE_OPTIONS``), on a
    connection alias of its own, so each thread gets its own connection as a server's would."""
    alias = "desk_sqlite"
    connections.settings[alias] = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "briefings.sqlite3"),
        "OPTIONS": dict(settings.SQLITE_OPTIONS),
        "CONN_MAX_AGE": 0,
    }
    with django_db_blocker.unblock():
        yield alias
        connections[alias].close()
    del connections.settings[alias]


def test_sqlite_holds_a_submission_and_an_autosave_at_once(sqlite_alias):
    """Two writers at once (a "submit" and an "autosave"), each a read-then-write transaction as
    Wagtail's saves are, on two connections: each waits its turn, none fails with "database is
    locked", no write is lost. With Django's default (deferred) transactions, this fails."""
    with connections[sqlite_alias].cursor() as cursor:
        cursor.execute("CREATE TABLE page (id INTEGER PRIMARY KEY, revisions INTEGER)")
        cursor.execute("INSERT INTO page VALUES (1, 0)")
    errors, opened_default = [], []
    start = threading.Barrier(2)
    pages_generation = generation.current()

    def save_repeatedly():
        try:
            start.wait()
            for _ in range(ROUNDS):
                with transaction.atomic(using=sqlite_alias), connections[sqlite_alias].cursor() as cursor:
                    cursor.execute("SELECT revisions FROM page WHERE id = 1")
                    (count,) = cursor.fetchone()
                    cursor.execute("UPDATE page SET revisions = %s WHERE id = 1", [count + 1])
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connections[sqlite_alias].close()
            # Writes through another alias are not the page cache's: publishing them would open a
            # connection to the default database in this thread, never closed.
            opened_default.append(connections["default"].connection is not None)

    submission, autosave = (threading.Thread(target=save_repeatedly) for _ in range(2))
    for thread in (submission, autosave):
        thread.start()
    for thread in (submission, autosave):
        thread.join(timeout=120)

    assert errors == []
    assert opened_default == [False, False]
    # Nor do they renew the pages (which are read from the default database).
    assert generation.current() == pages_generation
    with connections[sqlite_alias].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("SELECT revisions FROM page WHERE id = 1")
        assert cursor.fetchone()[0] == 2 * ROUNDS
