"""`make run` migrates a SQLite database: every migration must apply there too (the suite itself
runs on PostgreSQL, so a PostgreSQL-only migration would otherwise go unnoticed)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_migration_applies_to_a_fresh_sqlite_database(tmp_path):
    database = tmp_path / "first-run.sqlite3"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "briefings.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    done = subprocess.run(  # noqa: S603 - this interpreter running this project's manage.py
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    plan = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert plan.returncode == 0, plan.stdout + plan.stderr
