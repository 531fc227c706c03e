"""Running code under the production settings, in a child process as a server would, against the
test database (a test that writes for it to read needs ``django_db(transaction=True)``) and the
test Redis (``TEST_REDIS_URL``, set by ``make test``; database 14 or 15, never 0, unless it names
one)."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
# Variables a test run may have that a production shell would not, and the ones these tests set.
DROPPED = {
    "SECRET_KEY",
    "DATABASE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "DEBUG",
    "REDIS_URL",
    "SENTRY_DSN",
    "ADMINS",
    "SERVER_EMAIL",
    "SERVE_MEDIA",
    "MEDIA_ROOT",
    "CONN_MAX_AGE",
    "LOG_LEVEL",
    "ALLOWED_HOSTS",
}
SECRET_KEY = "x" * 60 + "-long-and-random-enough-for-the-deploy-check"


def redis_url(db=15):
    """The test Redis's database ``db``; when ``TEST_REDIS_URL`` names a database itself (a run
    given its own, beside another run on the same server), that one, whatever ``db``."""
    base = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/")
    if urlsplit(base).path.strip("/"):
        return base
    return f"{base}/{db}"


def database_url(settings_dict=None):
    """A DATABASE_URL for the database Django is connected to (the test database in a test)."""
    s = settings_dict or connection.settings_dict
    credentials = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        credentials += ":" + quote(s["PASSWORD"], safe="")
    host = s.get("HOST") or "127.0.0.1"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{credentials}@{host}{port}/{quote(s['NAME'], safe='')}"


def production_env(**env):
    """A production shell's environment: the required variables, the test database and Redis;
    ``env`` adds or replaces (None removes)."""
    full = {k: v for k, v in os.environ.items() if k not in DROPPED}
    full.update(
        DJANGO_SETTINGS_MODULE="briefings.settings.production",
        SECRET_KEY=SECRET_KEY,
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url(),
        ALLOWED_HOSTS="testserver",
    )
    for key, value in env.items():
        if value is None:
            full.pop(key, None)
        else:
            full[key] = str(value)
    return full


def run(args, **env):
    return subprocess.run(
        args, cwd=ROOT, env=production_env(**env), capture_output=True, text=True, timeout=180
    )


def run_manage(*args, **env):
    return run([sys.executable, "manage.py", *args], **env)


# Pages link their CSS through the manifest that `collectstatic` writes when deploying; the tests
# do not run it, so a child process that renders pages uses the plain storage.
WITHOUT_MANIFEST = (
    "from django.conf import settings\n"
    'settings.STORAGES = {**settings.STORAGES, "staticfiles": '
    '{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}\n'
)


def run_python(code, *, before_setup="", **env):
    """Run ``code`` after ``django.setup()`` (``before_setup`` before it); what it assigns to
    ``result`` comes back (as JSON)."""
    script = "import json, django\n" + before_setup + "django.setup()\n" + textwrap.dedent(code)
    script += '\nprint("RESULT:" + json.dumps(result))\n'
    completed = run([sys.executable, "-c", script], **env)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    line = [line for line in completed.stdout.splitlines() if line.startswith("RESULT:")][-1]
    return json.loads(line.removeprefix("RESULT:"))
