"""Production: refuses to start without SECRET_KEY and DATABASE_URL; passes check --deploy.

Besides base.py's variables it reads REDIS_URL (the shared cache: check --deploy and the WSGI
start refuse without it), SENTRY_DSN, ADMINS, SERVER_EMAIL, SERVE_MEDIA, LOG_LEVEL and
CONN_MAX_AGE (README "Deploying" lists every production setting).
"""

import os
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured

from briefings.operations.logs import production_logging

from .base import *  # noqa: F403
from .base import env_bool

for required in ("SECRET_KEY", "DATABASE_URL"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"{required} must be set in the environment for production.")

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]

STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's admin previews pages in a same-origin iframe, so DENY would break previews.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Persistent connections (base.py turns on their health checks).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))

# One cache shared by every worker. Without REDIS_URL the cache is per process, which
# briefings.operations' deploy check reports and briefings/wsgi.py refuses to serve with.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "briefings.core.redis_cache.RedisCache",  # Django's, one client per pool
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "briefings"),
        }
    }
else:
    CACHES = {"default": LOCAL_CACHE}  # noqa: F405

# Uploaded images from MEDIA_ROOT at /media/ by Django itself, when no proxy serves them.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

# "Ana Lima <ana@example.org>, ops@example.org": who is mailed a report of each server error.
ADMINS = [
    (name or address, address) for name, address in getaddresses([os.environ.get("ADMINS", "")]) if address
]
for _name, _address in ADMINS:
    if "@" not in _address:
        raise ImproperlyConfigured(f"ADMINS: {_address!r} is not an email address.")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# JSON lines on standard output; errors of a request also mailed to ADMINS.
LOGGING = production_logging(os.environ.get("LOG_LEVEL", "INFO").upper())

SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
