"""Test settings: PostgreSQL from DATABASE_URL (make test sets it), fast hashing, memory cache."""

import os

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": LOCAL_CACHE}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
MEDIA_ROOT = BASE_DIR / "tests" / ".media"  # noqa: F405

# The suite runs on PostgreSQL (as production does): `make test` provides DATABASE_URL, and a
# bare `pytest` falls back to the local server that scripts/ensure-postgres.sh sets up.
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse("postgres://briefings:briefings@127.0.0.1:5432/briefings")}
WHITENOISE_USE_FINDERS = True

# The app servers that tests/test_page_cache.py starts share its Redis database, as production's
# processes share theirs (the suite itself keeps the memory cache).
if os.environ.get("TEST_SHARED_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "briefings.core.redis_cache.RedisCache",
            "LOCATION": os.environ["TEST_SHARED_CACHE_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "briefings-test"),
        }
    }
