"""Backups: `manage.py backup` then `manage.py restore` bring back the articles and the uploaded
images, into an empty database and over one that has lost them (README "Deploying")."""

import io
import json
from types import SimpleNamespace

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import psycopg
import pytest
from psycopg import sql

from briefings.operations import backup
from briefings.operations.backup import DATABASE_FILE, MANIFEST_FILE, MEDIA_FILE
from tests.deployment import WITHOUT_MANIFEST, database_url, redis_url, run_manage, run_python
from tests.factories import make_article


@pytest.fixture
def throwaway_database():
    """A new, empty database beside the test database (``<test database>_restore``), dropped after."""
    settings_dict = dict(connection.settings_dict)
    name = f"{settings_dict['NAME']}_restore"[:63]
    admin = {**settings_dict, "NAME": "postgres"}

    def execute(statement):
        with psycopg.connect(database_url(admin), autocommit=True) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(name)))

    execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    execute("CREATE DATABASE {}")
    yield {**settings_dict, "NAME": name}
    execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def titles(settings_dict):
    with psycopg.connect(database_url(settings_dict)) as conn:
        return {row[0] for row in conn.execute("SELECT title FROM wagtailcore_page WHERE live")}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_the_articles_and_images_into_an_empty_database(
    index, tmp_path, throwaway_database
):
    media_root = tmp_path / "media"
    with override_settings(MEDIA_ROOT=media_root):
        image = Image.objects.create(title="Rail yard", file=get_test_image_file())
        image_bytes = (media_root / image.file.name).read_bytes()
        article = make_article(
            index,
            "Backed Up On Kazakhstan",
            countries=["kazakhstan"],
            lead_image=image,
            lead_image_alt="A rail yard",
        )
        out = io.StringIO()
        call_command("backup", tmp_path / "backups", stdout=out, stderr=io.StringIO())
    folder = tmp_path / "backups" / out.getvalue().strip().rsplit("/", 1)[-1]
    assert {p.name for p in folder.iterdir()} == {DATABASE_FILE, MEDIA_FILE, MANIFEST_FILE}
    assert json.loads((folder / MANIFEST_FILE).read_text())["media_files"] == 1

    # The disaster: a new server with an empty database and no media.
    restored_media = tmp_path / "restored-media"
    env = {"DATABASE_URL": database_url(throwaway_database), "MEDIA_ROOT": restored_media}
    env["REDIS_URL"] = redis_url(14)
    result = run_manage("restore", str(folder), "--yes", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Backed Up On Kazakhstan" in titles(throwaway_database)
    assert (restored_media / image.file.name).read_bytes() == image_bytes

    page = run_python(
        f"""
        from django.test import Client
        response = Client().get({article.url!r}, secure=True)
        result = {{"status": response.status_code, "html": response.content.decode()}}
        """,
        before_setup=WITHOUT_MANIFEST,
        **env,
    )
    assert page["status"] == 200
    assert "Backed Up On Kazakhstan" in page["html"] and "Kazakhstan" in page["html"]

    # Lost again on the restored site (unpublished and renamed): restoring over it brings it back.
    with psycopg.connect(database_url(throwaway_database)) as conn:
        conn.execute("UPDATE wagtailcore_page SET live = false, title = 'Gone' WHERE id = %s", [article.id])
    assert "Backed Up On Kazakhstan" not in titles(throwaway_database)
    (restored_media / image.file.name).unlink()
    again = run_manage("restore", str(folder), "--yes", **env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Backed Up On Kazakhstan" in titles(throwaway_database)
    assert (restored_media / image.file.name).read_bytes() == image_bytes


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(tmp_path), "--yes")


def test_backups_say_they_need_postgresql(tmp_path, monkeypatch):
    sqlite = SimpleNamespace(settings_dict={"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"})
    monkeypatch.setattr(backup, "connections", {"default": sqlite})
    with pytest.raises(CommandError, match="need PostgreSQL"):
        call_command("backup", tmp_path / "backups")
    assert not (tmp_path / "backups").exists()
