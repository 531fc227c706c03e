"""Production: nothing lost, nobody in. A shared cache or no start, no development password
(README "Deploying")."""

import sys

from django.contrib.auth import get_user_model
from django.test import override_settings

import pytest

from briefings.importing.sample import DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME
from briefings.operations import checks
from tests.deployment import ROOT, WITHOUT_MANIFEST, redis_url, run, run_manage, run_python

PBKDF2 = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def ids(messages):
    return [message.id for message in messages]


# --- The cache: Redis from REDIS_URL, and no start with a per-process cache ---------------------


def test_the_redis_client_is_pinned_in_the_requirements():
    pins = (ROOT / "requirements.txt").read_text().splitlines()
    assert any(line.startswith("redis==") for line in pins)
    import redis  # noqa: F401 - the cache backend imports it on first use


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_render_with_the_redis_cache_in_production(site_tree):
    result = run_python(
        """
        from django.core.cache import cache, caches
        from django.test import Client
        cache.set("production-test", 42)
        response = Client().get("/", secure=True)
        result = {
            "backend": type(caches["default"]).__name__,
            "round_trip": cache.get("production-test"),
            "status": response.status_code,
            "keys": len(cache._cache.get_client().keys("*")),
        }
        """,
        before_setup=WITHOUT_MANIFEST,
    )
    assert result["backend"] == "RedisCache"
    assert result["round_trip"] == 42
    assert result["status"] == 200
    assert result["keys"] >= 1


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
        "django.core.cache.backends.filebased.FileBasedCache",
    ],
)
def test_a_per_process_cache_fails_the_deploy_check(backend):
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": "/tmp/unused"}}):
        assert ids(checks.shared_cache()) == ["operations.E001"]
    redis = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url()}}
    with override_settings(CACHES=redis):
        assert checks.shared_cache() == []


def test_redis_without_its_client_library_fails_the_deploy_check(monkeypatch):
    monkeypatch.setattr(checks.importlib.util, "find_spec", lambda name: None)
    redis = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url()}}
    with override_settings(CACHES=redis):
        assert ids(checks.shared_cache()) == ["operations.E002"]


@pytest.mark.django_db
def test_check_deploy_fails_in_production_without_a_shared_cache():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", REDIS_URL=None)
    assert result.returncode != 0
    assert "operations.E001" in result.stderr and "REDIS_URL" in result.stderr


@pytest.mark.django_db
def test_the_wsgi_application_refuses_to_start_without_a_shared_cache():
    refused = run([sys.executable, "-c", "import briefings.wsgi"], REDIS_URL=None)
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and "operations.E001" in refused.stderr
    started = run([sys.executable, "-c", "import briefings.wsgi"])
    assert started.returncode == 0, started.stderr


# --- The development password -------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=PBKDF2)
def test_an_admin_account_with_the_development_password_fails_the_deploy_check():
    User = get_user_model()
    admin = User.objects.create_superuser(DEV_ADMIN_USERNAME, "a@example.com", DEV_ADMIN_PASSWORD)
    (error,) = checks.development_password()
    assert error.id == "operations.E003" and DEV_ADMIN_USERNAME in error.msg
    assert "operations.E003" in ids(
        checks.checks.run_checks(tags=[checks.TAG], include_deployment_checks=True)
    )

    # Renamed or demoted, it is still found; an editor who chose it too.
    admin.username, admin.is_superuser, admin.is_staff = "renamed", False, True
    admin.save()
    User.objects.create_user("editor", password=DEV_ADMIN_PASSWORD, is_superuser=True)
    assert "editor, renamed" in checks.development_password()[0].msg

    admin.set_password("a-new-long-password-of-the-operator")
    admin.save()
    User.objects.filter(username="editor").update(is_active=False)
    assert checks.development_password() == []


@pytest.mark.django_db
def test_the_development_password_check_stays_quiet_on_a_clean_database():
    get_user_model().objects.create_superuser("ops", "ops@example.com", "another-long-password")
    assert checks.development_password() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_wsgi_application_refuses_to_start_while_the_development_password_works():
    with override_settings(PASSWORD_HASHERS=PBKDF2):
        get_user_model().objects.create_superuser(
            DEV_ADMIN_USERNAME, "a@example.com", password=DEV_ADMIN_PASSWORD
        )
    refused = run([sys.executable, "-c", "import briefings.wsgi"])
    assert refused.returncode != 0
    assert "operations.E003" in refused.stderr and DEV_ADMIN_USERNAME in refused.stderr
    checked = run_manage("check", "--deploy")
    assert checked.returncode != 0 and "operations.E003" in checked.stderr


def test_the_development_password_check_reports_an_unreachable_database_without_failing(monkeypatch):
    from django.db import OperationalError

    class Unreachable:
        class introspection:
            @staticmethod
            def table_names():
                raise OperationalError('connection to server at "db" failed: Connection refused')

    monkeypatch.setattr(checks, "connections", {"default": Unreachable()})
    (message,) = checks.development_password()
    assert message.id == "operations.I001" and not message.is_serious()
    assert "Connection refused" in message.msg
