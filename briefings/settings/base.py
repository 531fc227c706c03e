"""Settings shared by every environment.

The environment is read here and only here: ``DATABASE_URL`` (default: a SQLite file in the
project folder, so a first run needs no server), ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DEBUG``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        # A persistent connection the database has dropped is replaced before a request uses it.
        conn_health_checks=True,
    )
}
# SQLite (the default) holds up to an editor's save and her autosave, or two people, at once:
# readers never wait for the writer (WAL), a writer waits up to 20 s for another instead of failing
# with "database is locked", and a transaction takes the write lock when it begins (IMMEDIATE), so
# it cannot fail halfway when upgrading a read lock that another writer has overtaken.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
# PostgreSQL's planner prices reading a random page at 4 sequential ones, a spinning disk's ratio.
# Held in memory or on SSD, as this site's database is, 1.1 is the usual figure: with 4 it scans
# all 100,000 articles to join a search's 1,700 matches rather than look each one up (29 ms
# against 15). DB_RANDOM_PAGE_COST sets another; empty leaves the server's own setting.
random_page_cost = os.environ.get("DB_RANDOM_PAGE_COST", "1.1")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and random_page_cost:
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c random_page_cost={random_page_cost}".strip()

# The project's apps, lower layers first: each may import only from those above it in this list
# (scripts/check_layers.py enforces it; README "Architecture").
PROJECT_APPS = [
    "briefings.core",
    "briefings.security",
    "briefings.caching",
    "taxonomy",
    "taxonomy.suggest",
    "briefings.articles",
    "briefings.people",
    "briefings.about",
    "taxonomy.hubs",
    "briefings.search",
    "briefings.api",
    "briefings.editorial",
    "taxonomy.curation",
    "briefings.alerts",
    "briefings.importing",
    "briefings.operations",
]

INSTALLED_APPS = [
    *PROJECT_APPS,
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.api.v2",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Readers' pages from the shared cache (briefings.caching): first, so that a cached page is
    # served without the others, with the headers they gave it (security, CSP, framing); a page
    # is kept only once they have all had it, and only if none of them set a cookie or saved a
    # session or message on it. Before Wagtail's redirects, whose answers it caches.
    "briefings.caching.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "briefings.core.middleware.RejectControlCharactersMiddleware",
    "briefings.security.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "briefings.articles.middleware.ScheduledTopicStatsMiddleware",
    # After the others' process_view (CSRF, sign-in; axes has none): a page's edit POSTs one at a time.
    "briefings.editorial.middleware.OneEditAtATimeMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "briefings.urls"
WSGI_APPLICATION = "briefings.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "briefings.core.context_processors.identity",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "briefings@localhost")
# The SMTP server (Django's SMTP backend reads these), in every settings module: a local server
# (e.g. `python -m aiosmtpd -n -l 127.0.0.1:8025`) receives what `make run` sends when EMAIL_HOST
# is set. EMAIL_USE_TLS is STARTTLS (usually port 587), EMAIL_USE_SSL implicit TLS (465).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))

# Background tasks (django-tasks). Wagtail's own tasks run in the request ("default"); email
# alerts go through a queue in the database that `manage.py db_worker --backend alerts` works
# through (started by `make run`: scripts/run-with-worker.sh; README "Email alerts").
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "alerts": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["alerts"]},
}
# Email alerts (briefings.alerts; README "Email alerts"). A confirmation link expires after
# ALERTS_CONFIRM_DAYS; an address gets at most one confirmation email an hour; one client may
# ask for ALERTS_SIGNUPS_PER_CLIENT sign-ups in ALERTS_SIGNUP_WINDOW seconds (counted in the
# shared cache, so every worker process sees them).
# ALERTS_FROM_EMAIL unset: DEFAULT_FROM_EMAIL under the organisation's name (Settings › Identity).
ALERTS_FROM_EMAIL = os.environ.get("ALERTS_FROM_EMAIL", "")
ALERTS_UNSUBSCRIBE_MAILTO = os.environ.get("ALERTS_UNSUBSCRIBE_MAILTO", "")
ALERTS_CONFIRM_DAYS = int(os.environ.get("ALERTS_CONFIRM_DAYS", "3"))
ALERTS_SIGNUPS_PER_CLIENT = int(os.environ.get("ALERTS_SIGNUPS_PER_CLIENT", "10"))
ALERTS_SIGNUP_WINDOW = int(os.environ.get("ALERTS_SIGNUP_WINDOW", "600"))
ALERTS_BATCH_SIZE = int(os.environ.get("ALERTS_BATCH_SIZE", "200"))

WAGTAIL_SITE_NAME = "Briefings"
# The country the centre studies (ISO 3166-1 alpha-2). Articles keep it as a topic (search and the
# API know it), but listings hide it where it carries no information: topic chips, "most active
# topics", related topics and lift. Its hub is the "partners" page with the world map.
SUBJECT_COUNTRY = os.environ.get("SUBJECT_COUNTRY", "CN").strip().upper()
# The site's public address, e.g. https://briefings.example.org: migrate applies it to the Wagtail
# Site (host, port, and so the scheme), which every absolute address on the site is built from.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL or "http://127.0.0.1:8000"
# Review emails (briefings.editorial): submissions go to the Editors group, approvals and requests
# for changes to the fellow who submitted. Superusers administer accounts and are not copied in.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are checked by content: an upload must be of the type its extension maps to here
# (briefings.editorial.uploads; text/* means text without HTML). They are served with that type,
# through Django (so the headers below are always set), always as downloads, with nosniff.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "briefings.editorial.uploads.DocumentForm"
WAGTAILDOCS_CONTENT_TYPES = {
    "csv": "text/csv",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "rtf": "application/rtf",
    "txt": "text/plain",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Tags are controlled vocabularies (see taxonomy.models); nothing is free-tagged.
TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Without Redis (a first run, the tests; production requires it), the cache is this process's
# memory, room for the pages and for the digests of every topic's related topics.
LOCAL_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
CACHES = {"default": LOCAL_CACHE}

# The reader page cache (briefings.caching; README "Caching"). Anonymous GET/HEAD of public pages
# are served from the default cache (Redis in production) until anything readers could see
# changes. PAGE_CACHE_ENABLED=0 turns it off (pages cold, e.g. for benchmarks).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# How long a page stays cached at most (a change or a scheduled go-live/expiry ends it sooner).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(60 * 60)))
# Cache-Control s-maxage: how long a CDN or proxy may keep a page (browsers revalidate each time).
# It is purged on every change when WAGTAILFRONTENDCACHE is set; keep it short without one.
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "60"))
# Readers asking for a page another request is rendering wait this long at most for its result.
PAGE_CACHE_RENDER_WAIT = float(os.environ.get("PAGE_CACHE_RENDER_WAIT", "5"))
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/_util/",
    "/healthz",
    "/static/",
    "/media/",
]
# Query parameters that do not change a page: dropped before the view and the cache see them.
PAGE_CACHE_IGNORED_PARAMS = [
    "utm_*", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "ref_src",
]  # fmt: skip
# Writes to these ("app_label" or "app_label.Model") change nothing readers see, so they keep the
# cache (every other write to the database empties it): sessions, sign-in attempts, accounts, admin
# and audit logs, editing sessions, revisions and review workflow states, comments, permissions,
# image renditions and embeds (made while a page renders), and the search index (rewritten with a
# page's row, in the same transaction, on every save: a draft's too).
PAGE_CACHE_IGNORED_MODELS = [
    "sessions", "axes", "auth", "admin", "contenttypes", "wagtailadmin", "wagtailusers", "wagtailembeds",
    "wagtailsearch",
    "wagtailimages.Rendition", "wagtailcore.Revision", "wagtailcore.WorkflowState",
    "wagtailcore.TaskState", "wagtailcore.Comment", "wagtailcore.CommentReply",
    "wagtailcore.PageSubscription", "wagtailcore.ReferenceIndex", "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission", "wagtailcore.GroupSitePermission",
    # Email alerts: subscriptions, the sent-log and the task queue readers never see.
    "alerts", "django_tasks_database",
]  # fmt: skip
# A CDN or caching proxy purged on every change (wagtail.contrib.frontend_cache), off by default.
# FRONTEND_CACHE_PURGE_URL (e.g. http://127.0.0.1:6081, a Varnish) selects Wagtail's HTTP backend;
# set WAGTAILFRONTENDCACHE in a settings module for another (Cloudflare, CloudFront, Azure).
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
# What "purge everything" sends for each site (CloudFront: ["/*"]).
FRONTEND_CACHE_PURGE_PATHS = env_list("FRONTEND_CACHE_PURGE_PATHS", "/")

# Sign-in throttling (django-axes; README "Sign-in, sessions and headers"). Failed sign-ins are
# recorded in the database, so every worker process sees them. An account, or an address, with
# AXES_FAILURE_LIMIT failures each less than AXES_COOLOFF_TIME apart is refused until that long
# after its last failure; a successful sign-in clears its record.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "briefings.security.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "briefings.security.client_ip.client_ip"
AXES_VERBOSE = False
# Behind N reverse proxies that append to X-Forwarded-For, set TRUSTED_PROXY_COUNT=N; the client's
# address is then read from that header. At 0 (the default) the header is ignored: a client could forge it.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Named on the lockout page as the person to ask for an unlock.
LOGIN_HELP_EMAIL = os.environ.get("LOGIN_HELP_EMAIL", "")

# A signed-in session ends after this long without a request (each request starts it again).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(8 * 60 * 60)))
SESSION_SAVE_EVERY_REQUEST = True

# Content-Security-Policy (django-csp; briefings.security.csp). Reader pages: scripts, styles,
# images and fonts from the site only, nothing inline; embedded players from EMBED_FRAME_SOURCES.
EMBED_FRAME_SOURCES = env_list(
    "EMBED_FRAME_SOURCES", "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *EMBED_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Wagtail's and Django's admins still write some scripts and styles inline: their paths get this
# policy instead.
ADMIN_CONTENT_SECURITY_POLICY = {
    "PATH_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
    },
}
# No Gravatar: an admin user without an uploaded avatar gets Wagtail's own default picture, with no
# request to an outside server (which would also tell it who uses the admin, and fail offline).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
