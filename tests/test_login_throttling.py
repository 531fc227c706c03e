"""Sign-in throttling (django-axes): at most 10 failed sign-ins per account or per address in 15
minutes, then a lockout page that says for how long and who can help; editors and the command line
can unlock; a successful sign-in clears the failures."""

import datetime
import io

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest
from axes.models import AccessAttempt

from briefings.editorial.roles import EDITORS, FELLOWS
from briefings.security.client_ip import client_ip
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
HOME = "/admin/"


def sign_in(client, username, password="pw", address="10.0.0.1", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": HOME}, REMOTE_ADDR=address, **headers
    )


def fail(client, username, times, address="10.0.0.1", **headers):
    for _ in range(times):
        response = sign_in(client, username, "wrong password", address, **headers)
    return response


def signed_in(client):
    return "_auth_user_id" in client.session


def test_settings_allow_at_most_ten_failures_in_fifteen_minutes_recorded_in_the_database():
    assert settings.AXES_FAILURE_LIMIT <= 10
    assert settings.AXES_COOLOFF_TIME <= datetime.timedelta(minutes=15)
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    assert settings.AUTHENTICATION_BACKENDS[0].startswith("axes.backends.")
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_ten_failures_lock_the_account_and_the_right_password_is_then_refused(client):
    make_user(EDITORS, "erin")
    nine = fail(client, "erin", 9)
    assert nine.status_code == 200
    assert "username and password didn&#x27;t match" in nine.content.decode()

    tenth = fail(client, "erin", 1)
    assert tenth.status_code == 429
    page = tenth.content.decode()
    assert "Sign-in locked" in page
    assert "locked for 15 minutes" in page
    assert "Settings › Sign-in lockouts" in page  # how to get help
    assert AccessAttempt.objects.filter(username="erin").exists()  # in the database

    right = sign_in(client, "erin", "pw")
    assert right.status_code == 429
    assert "Sign-in locked" in right.content.decode()
    assert not signed_in(client)
    assert client.get(HOME).status_code == 302  # still sent to the sign-in page


def test_the_lockout_page_names_the_help_address_when_one_is_set(client):
    make_user(EDITORS, "erin")
    with override_settings(LOGIN_HELP_EMAIL="help@example.org"):
        page = fail(client, "erin", 10).content.decode()
    assert 'href="mailto:help@example.org"' in page


def test_a_locked_account_is_refused_from_every_address(client):
    make_user(EDITORS, "erin")
    fail(client, "erin", 10, address="10.0.0.1")
    assert sign_in(client, "erin", address="10.0.0.2").status_code == 429
    assert not signed_in(client)


def test_a_locked_address_refuses_other_accounts_too(client):
    make_user(FELLOWS, "hafsa")
    make_user(EDITORS, "erin")
    fail(client, "hafsa", 10, address="10.0.0.1")
    assert sign_in(client, "erin", address="10.0.0.1").status_code == 429
    assert not signed_in(client)
    # From elsewhere, the other account is not affected.
    assert sign_in(client, "erin", address="10.0.0.2").status_code == 302
    assert signed_in(client)


def test_guessing_across_many_accounts_from_one_address_locks_the_address(client):
    make_user(EDITORS, "erin")
    for n in range(10):
        sign_in(client, f"guess{n}", "wrong", address="10.0.0.9")
    assert sign_in(client, "erin", address="10.0.0.9").status_code == 429


def test_the_lock_ends_after_fifteen_minutes(client):
    make_user(EDITORS, "erin")
    fail(client, "erin", 10)
    assert sign_in(client, "erin").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert sign_in(client, "erin").status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_clears_the_failures(client):
    make_user(EDITORS, "erin")
    fail(client, "erin", 9)
    assert sign_in(client, "erin").status_code == 302
    assert not AccessAttempt.objects.filter(username="erin").exists()
    client.post("/admin/logout/")
    # Nine more do not add up to a lock: the count started again.
    assert fail(client, "erin", 9).status_code == 200
    assert sign_in(client, "erin").status_code == 302


def test_axes_reset_username_unlocks_an_account(client):
    make_user(EDITORS, "erin")
    fail(client, "erin", 10, address="10.0.0.1")
    call_command("axes_reset_username", "erin", stdout=io.StringIO())
    assert sign_in(client, "erin", address="10.0.0.1").status_code == 302


def test_axes_reset_ip_unlocks_an_address(client):
    make_user(EDITORS, "erin")
    for n in range(10):
        sign_in(client, f"guess{n}", "wrong", address="10.0.0.9")
    call_command("axes_reset_ip", "10.0.0.9", stdout=io.StringIO())
    assert sign_in(client, "erin", address="10.0.0.9").status_code == 302


def test_an_editor_sees_and_unlocks_a_locked_account_in_the_admin(client):
    make_user(FELLOWS, "hafsa")
    editor = make_user(EDITORS, "erin")
    fail(client, "hafsa", 10, address="10.0.0.1")

    client.force_login(editor)
    listing = client.get("/admin/sign-in-lockouts/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "hafsa" in html and "10.0.0.1" in html and "Locked" in html
    assert "Sign-in lockouts" in client.get(HOME).content.decode()  # in the Settings menu

    client.post("/admin/sign-in-lockouts/", {"username": "hafsa"})
    client.post("/admin/sign-in-lockouts/", {"ip_address": "10.0.0.1"})
    client.logout()
    assert sign_in(client, "hafsa", address="10.0.0.1").status_code == 302


def test_a_fellow_may_not_unlock_sign_ins(client):
    fellow = make_user(FELLOWS, "hafsa")
    make_user(EDITORS, "erin")
    fail(client, "erin", 10)
    client.force_login(fellow)
    assert client.get("/admin/sign-in-lockouts/").status_code in (302, 403)
    client.post("/admin/sign-in-lockouts/", {"username": "erin"})
    assert AccessAttempt.objects.filter(username="erin").exists()
    assert "Sign-in lockouts" not in client.get(HOME).content.decode()


def test_the_django_admin_sign_in_is_throttled_too(client):
    make_user(None, "root", is_staff=True, is_superuser=True)
    for _ in range(10):
        response = client.post(
            "/django-admin/login/", {"username": "root", "password": "wrong"}, REMOTE_ADDR="10.0.0.1"
        )
    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()


# The client's address behind a proxy.


def request_from(rf, remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **headers)


def test_x_forwarded_for_is_ignored_unless_proxies_are_trusted(rf):
    assert settings.TRUSTED_PROXY_COUNT == 0
    assert client_ip(request_from(rf, "10.0.0.1", "203.0.113.5")) == "10.0.0.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_appended_is_the_client(rf):
    # The client may send its own X-Forwarded-For: only the proxy's entry (the last) counts.
    assert client_ip(request_from(rf, "10.0.0.254", "1.1.1.1, 203.0.113.5")) == "203.0.113.5"
    assert client_ip(request_from(rf, "10.0.0.254", "203.0.113.5")) == "203.0.113.5"
    assert client_ip(request_from(rf, "10.0.0.254")) == "10.0.0.254"
    assert client_ip(request_from(rf, "10.0.0.254", "not-an-address")) == "10.0.0.254"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client(rf):
    assert client_ip(request_from(rf, "10.0.0.254", "1.1.1.1, 203.0.113.5, 198.51.100.7")) == "203.0.113.5"
    assert client_ip(request_from(rf, "10.0.0.254", "198.51.100.7")) == "10.0.0.254"


def through_proxy(client, username, forwarded_for, password="pw"):
    return sign_in(client, username, password, "10.0.0.254", HTTP_X_FORWARDED_FOR=forwarded_for)


def test_a_forged_x_forwarded_for_does_not_escape_an_address_lock(client):
    make_user(EDITORS, "erin")
    for n in range(10):
        through_proxy(client, f"guess{n}", f"198.51.100.{n}", password="wrong")
    assert through_proxy(client, "erin", "198.51.100.77").status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_each_client_address_is_locked_on_its_own(client):
    make_user(EDITORS, "erin")
    for n in range(10):
        through_proxy(client, f"guess{n}", "203.0.113.5", password="wrong")
    # The guesser's address is locked; a colleague behind the same proxy is not.
    assert through_proxy(client, "erin", "203.0.113.5").status_code == 429
    assert through_proxy(client, "erin", "203.0.113.6").status_code == 302


def test_the_migrations_let_editors_unlock_sign_ins():
    from django.contrib.auth.models import Group

    granted = Group.objects.get(name=EDITORS).permissions.filter(content_type__app_label="axes")
    assert granted.filter(codename="delete_accessattempt").exists()


def test_the_unlock_permission_can_be_granted_to_a_group_in_the_admin(client):
    from django.contrib.auth.models import Group

    client.force_login(make_user(None, "root", is_staff=True, is_superuser=True))
    html = client.get(f"/admin/groups/edit/{Group.objects.get(name=FELLOWS).pk}/").content.decode()
    assert "Can delete access attempt" in html
