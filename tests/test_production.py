"""Production: nothing lost, nobody in. A shared cache or no start, no development password, uploaded
images served, connections checked, errors reported (README "Deploying")."""

import io
import json
import logging
import logging.config
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import path
from django.utils.log import configure_logging

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

import pytest

from briefings.importing.sample import DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME
from briefings.operations import checks
from briefings.operations.logs import production_logging
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
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_wsgi_application_refuses_to_start_without_a_shared_cache_or_a_public_address():
    refused = run([sys.executable, "-c", "import briefings.wsgi"], REDIS_URL=None)
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and "operations.E001" in refused.stderr
    on_localhost = run([sys.executable, "-c", "import briefings.wsgi"])
    assert on_localhost.returncode != 0
    assert "operations.E004" in on_localhost.stderr and "SITE_URL" in on_localhost.stderr
    Site.objects.filter(is_default_site=True).update(hostname="briefings.example.org", port=443)
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


# --- Production settings --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def production_settings():
    return run_python(
        """
        from django.conf import settings
        database = settings.DATABASES["default"]
        result = {
            "DEBUG": settings.DEBUG,
            "CONN_HEALTH_CHECKS": database["CONN_HEALTH_CHECKS"],
            "CONN_MAX_AGE": database["CONN_MAX_AGE"],
            "ADMINS": settings.ADMINS,
            "SERVER_EMAIL": settings.SERVER_EMAIL,
            "CACHE": settings.CACHES["default"]["BACKEND"],
        }
        """,
        DEBUG="1",
        ADMINS="Ana Lima <ana@example.org>, ops@example.org",
        SERVER_EMAIL="errors@example.org",
    )


def test_production_never_runs_with_debug_so_never_creates_the_development_admin(production_settings):
    # load_sample_content creates admin/briefings-dev only with DEBUG on (tests/test_first_run.py).
    assert production_settings["DEBUG"] is False


def test_database_connections_are_health_checked_before_reuse(production_settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert production_settings["CONN_HEALTH_CHECKS"] is True
    assert production_settings["CONN_MAX_AGE"] == 60


def test_admins_come_from_the_environment(production_settings):
    assert production_settings["ADMINS"] == [
        ["Ana Lima", "ana@example.org"],
        ["ops@example.org", "ops@example.org"],
    ]
    assert production_settings["SERVER_EMAIL"] == "errors@example.org"
    assert production_settings["CACHE"] == "briefings.core.redis_cache.RedisCache"


def test_a_malformed_admins_address_stops_production():
    result = run_manage("check", ADMINS="Ana Lima")
    assert result.returncode != 0 and "ADMINS" in result.stderr


# --- Sentry -------------------------------------------------------------------------------------------

SENTRY_STATE = """
import sentry_sdk
client = sentry_sdk.get_client()
result = {
    "active": client.is_active(),
    "dsn": client.dsn,
    "integrations": sorted(getattr(client, "integrations", {})),
    "pii": client.options.get("send_default_pii") if client.is_active() else None,
}
"""


def test_errors_go_to_sentry_when_a_dsn_is_set():
    # A DSN on a closed loopback port: nothing leaves the machine, nothing is sent at all.
    state = run_python(SENTRY_STATE, SENTRY_DSN="http://public@127.0.0.1:9/1")
    assert state["active"] is True
    assert state["dsn"] == "http://public@127.0.0.1:9/1"
    assert "django" in state["integrations"]
    assert state["pii"] is False


def test_sentry_is_off_without_a_dsn():
    assert run_python(SENTRY_STATE)["active"] is False


# --- Logs and mail to ADMINS ------------------------------------------------------------------------


def failing_view(request):
    raise RuntimeError("the printer is on fire")


urlpatterns = [path("explode/", failing_view)]


@pytest.fixture
def production_logs():
    stream = io.StringIO()
    config = production_logging("INFO")
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    yield stream
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


@override_settings(ROOT_URLCONF=__name__, ADMINS=[("Ops", "ops@example.org")])
def test_a_server_error_is_logged_as_json_with_its_path_and_status_and_mailed_to_admins(production_logs):
    response = Client(raise_request_exception=False).get("/explode/?page=2")
    assert response.status_code == 500
    entries = [json.loads(line) for line in production_logs.getvalue().splitlines()]
    (entry,) = [e for e in entries if e["logger"] == "django.request"]
    assert entry["level"] == "ERROR"
    assert entry["path"] == "/explode/" and entry["method"] == "GET" and entry["status"] == 500
    assert "the printer is on fire" in entry["exception"]
    (message,) = mail.outbox
    assert message.to == ["ops@example.org"]
    assert "/explode/" in message.subject


@override_settings(ROOT_URLCONF=__name__, ADMINS=[])
def test_without_admins_errors_are_only_logged(production_logs):
    Client(raise_request_exception=False).get("/explode/")
    assert mail.outbox == []
    assert "the printer is on fire" in production_logs.getvalue()


def test_a_log_line_is_one_json_object_with_its_extras(production_logs):
    logging.getLogger("briefings.test").warning("imported %s files", 3, extra={"batch": "b1"})
    (entry,) = [json.loads(line) for line in production_logs.getvalue().splitlines()]
    assert entry["message"] == "imported 3 files" and entry["batch"] == "b1"
    assert entry["level"] == "WARNING" and entry["time"].endswith("+00:00")


# --- Uploaded media -------------------------------------------------------------------------------------


@pytest.fixture
def uploaded(tmp_path):
    """An image, a rendition of it and a private document's file, in a fresh MEDIA_ROOT."""
    media_root = tmp_path / "media"
    with override_settings(MEDIA_ROOT=media_root):
        image = Image.objects.create(title="Rail yard", file=get_test_image_file())
        rendition = image.get_rendition("fill-80x60")
        document = media_root / "documents" / "private.pdf"
        document.parent.mkdir(parents=True)
        document.write_bytes(b"%PDF-1.4 private")
        yield {"root": media_root, "image": image, "rendition": rendition}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_uploaded_images_are_served_in_production_with_serve_media(uploaded):
    urls = {
        "rendition": uploaded["rendition"].url,
        "original": uploaded["image"].file.url,
        "document": "/media/documents/private.pdf",
        "escape": "/media/images/../documents/private.pdf",
        "index": "/media/images/",
    }
    result = run_python(
        f"""
        from django.test import Client
        client = Client()
        result = {{}}
        for name, url in {urls!r}.items():
            response = client.get(url, secure=True)
            result[name] = {{"status": response.status_code, "headers": dict(response.headers)}}
        """,
        before_setup=WITHOUT_MANIFEST,
        SERVE_MEDIA="1",
        MEDIA_ROOT=uploaded["root"],
    )
    assert urls["rendition"].startswith("/media/images/")
    for name in ("rendition", "original"):
        assert result[name]["status"] == 200, name
        headers = result[name]["headers"]
        assert headers["Content-Type"].startswith("image/"), name
        assert "sandbox" in headers["Content-Security-Policy"]
        assert headers["Cache-Control"].startswith("public")
    for name in ("document", "escape", "index"):
        assert result[name]["status"] == 404, name


@pytest.mark.django_db
def test_without_serve_media_production_leaves_media_to_the_proxy(client, uploaded):
    # The test settings are production-like: DEBUG off and no SERVE_MEDIA.
    assert client.get(uploaded["rendition"].url).status_code == 404


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


def test_the_redis_cache_builds_one_client_per_pool_not_one_per_command():
    shared = {"default": {"BACKEND": "briefings.core.redis_cache.RedisCache", "LOCATION": redis_url()}}
    with override_settings(CACHES=shared):
        cache.set("one-client", 7)
        assert cache.get("one-client") == 7
        assert cache._cache.get_client(write=True) is cache._cache.get_client()
        cache.delete("one-client")
