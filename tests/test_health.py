"""``/healthz``: operators learn whether this instance can serve, and what is down if not."""

from django.core.cache.backends.base import BaseCache
from django.db import OperationalError, connection

import pytest

pytestmark = pytest.mark.django_db


class UnreachableCache(BaseCache):
    """A cache server that does not answer."""

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    add = get = set = delete = touch = has_key = incr = clear = _fail


def test_healthz_is_ok_without_login_and_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]


def test_healthz_names_the_cache_when_it_is_unreachable(client, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.test_health.UnreachableCache"}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["cache"]}
    assert "no-store" in response["Cache-Control"]


def test_healthz_names_the_database_when_it_is_unreachable(client, monkeypatch):
    def unreachable():
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["database"]}
