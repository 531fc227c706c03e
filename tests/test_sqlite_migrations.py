"""`make run` migrates a SQLite database: every migration must apply there too (the suite itself
runs on PostgreSQL, so a PostgreSQL-only migration would otherwise go unnoticed)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `manage.py migrate`, then `manage.py migrate --check` (which exits 1 if any migration is still
# unapplied), in one process: a second one would spend its seconds starting Django again. The
# check builds its own migration loader, which reads what is applied from the database afresh.
MIGRATE_THEN_CHECK = """
from django.core.management import execute_from_command_line
execute_from_command_line(["manage.py", "migrate", "--no-input", "-v", "0"])
print("MIGRATED", flush=True)
execute_from_command_line(["manage.py", "migrate", "--check"])
"""


def test_every_migration_applies_to_a_fresh_sqlite_database(tmp_path):
    database = tmp_path / "first-run.sqlite3"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "briefings.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    done = subprocess.run(  # noqa: S603 - this interpreter running this project's manage.py
        [sys.executable, "-c", MIGRATE_THEN_CHECK],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "MIGRATED" in done.stdout, done.stderr[-3000:]
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
