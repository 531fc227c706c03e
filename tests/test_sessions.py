"""Admin sessions end after a working day without a request (SESSION_IDLE_SECONDS, default 8
hours), whether or not "Remember me" was ticked; every request starts the day again."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

import pytest

from briefings.editorial.roles import EDITORS
from tests.factories import make_user

pytestmark = pytest.mark.django_db

EIGHT_HOURS = 8 * 60 * 60
ROOT = Path(__file__).resolve().parent.parent


def sign_in(client, remember=False):
    make_user(EDITORS, "erin")
    data = {"username": "erin", "password": "pw", **({"remember": "on"} if remember else {})}
    assert client.post("/admin/login/", data).status_code == 302
    return Session.objects.get(session_key=client.session.session_key)


def seconds_left(session):
    return (session.expire_date - timezone.now()).total_seconds()


def test_sessions_last_eight_hours_of_inactivity_by_default():
    assert settings.SESSION_COOKIE_AGE == EIGHT_HOURS
    assert settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.parametrize("remember", [False, True], ids=["browser session", "remember me"])
def test_a_session_ends_after_eight_idle_hours(client, remember):
    session = sign_in(client, remember)
    assert EIGHT_HOURS - 60 < seconds_left(session) <= EIGHT_HOURS
    assert client.get("/admin/").status_code == 200

    # Eight hours and a minute without a request.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_each_request_starts_the_idle_time_again(client):
    session = sign_in(client)
    # Seven hours idle: one hour left ...
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + datetime.timedelta(hours=1))
    assert client.get("/admin/").status_code == 200
    # ... and a request gives back the whole eight.
    session.refresh_from_db()
    assert seconds_left(session) > EIGHT_HOURS - 60


def test_readers_get_no_session(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()


def test_session_idle_seconds_sets_the_idle_time():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", "from briefings.settings import base; print(base.SESSION_COOKIE_AGE)"],
        cwd=ROOT,
        env={**env, "SESSION_IDLE_SECONDS": "3600"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "3600", result.stderr
