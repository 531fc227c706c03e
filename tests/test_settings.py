"""Configuration: production refuses to start half-configured and passes Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deployment import database_url, redis_url

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    # Only what a production shell would have: no test-run variables (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy checks rightly warn about).
    dropped = {"SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="briefings.settings.production",
        DATABASE_URL="postgres://x@localhost/x",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_production_passes_check_deploy():
    # As a deployment runs it: its database (the deploy checks look at its accounts and at the
    # Site's address, which migrate set from SITE_URL) and Redis.
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(hostname="briefings.example.org", port=443)
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="briefings.settings.production",
        SECRET_KEY="x" * 60 + "-long-and-random-enough-for-the-deploy-check",
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url(0),
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_postgresql_plans_for_a_database_held_in_memory():
    """``random_page_cost`` 1.1 (base settings): a search's matches are looked up by index, not
    joined by scanning every article."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
