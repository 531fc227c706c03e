"""Backups of the site: the PostgreSQL database (``pg_dump`` custom format) and ``MEDIA_ROOT`` (a
tar), in one folder; restoring one (``manage.py backup`` / ``restore``; README "Deploying")."""

import json
import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"


class BackupError(Exception):
    pass


@dataclass
class Backup:
    path: Path
    manifest: dict


def _tool(name):
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return found


def connection_arguments(alias="default"):
    """``(arguments, environment, database name)`` that point pg_dump/pg_restore at ``alias``."""
    settings_dict = connections[alias].settings_dict
    if settings_dict["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError(f"Backups need PostgreSQL; the {alias!r} database is {settings_dict['ENGINE']}.")
    arguments = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            arguments += [option, str(settings_dict[key])]
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if settings_dict.get("OPTIONS", {}).get(option):
            environment[variable] = str(settings_dict["OPTIONS"][option])
    return arguments, environment, settings_dict["NAME"]


def _run(command, environment):
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip() or result.returncode}")


def create_backup(parent, alias="default", now=None):
    """Write ``parent/briefings-<UTC time>/`` with the database dump, the media tar and a
    manifest; returns the ``Backup``."""
    now = now or datetime.now(UTC)
    arguments, environment, name = connection_arguments(alias)
    folder = Path(parent) / f"briefings-{now:%Y%m%dT%H%M%SZ}"
    folder.mkdir(parents=True, exist_ok=False)
    _run(
        [
            _tool("pg_dump"),
            *arguments,
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={folder / DATABASE_FILE}",
            f"--dbname={name}",
        ],
        environment,
    )
    media_root = Path(settings.MEDIA_ROOT)
    media_files = 0
    with tarfile.open(folder / MEDIA_FILE, "w:gz") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=path.relative_to(media_root).as_posix(), recursive=False)
                    media_files += 1
    manifest = {
        "format": 1,
        "created": now.isoformat(),
        "database": name,
        "media_root": str(media_root),
        "media_files": media_files,
    }
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return Backup(folder, manifest)


def read_backup(folder):
    folder = Path(folder)
    missing = [name for name in (DATABASE_FILE, MEDIA_FILE, MANIFEST_FILE) if not (folder / name).is_file()]
    if missing:
        raise BackupError(f"{folder} is not a backup: missing {', '.join(missing)}.")
    return Backup(folder, json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8")))


def restore_backup(backup, alias="default"):
    """Replace the database's tables with the backup's, in one transaction, and put the backup's
    media files into ``MEDIA_ROOT`` (files that are not in the backup stay)."""
    arguments, environment, name = connection_arguments(alias)
    connections[alias].close()
    _run(
        [
            _tool("pg_restore"),
            *arguments,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={name}",
            str(backup.path / DATABASE_FILE),
        ],
        environment,
    )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(backup.path / MEDIA_FILE, "r:gz") as archive:
        # The "data" filter refuses absolute paths, "..", links out of the folder and devices.
        archive.extractall(media_root, filter="data")
