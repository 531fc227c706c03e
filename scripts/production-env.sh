#!/usr/bin/env bash
# Source this to run the production settings on this machine (`make serve`, scripts/loadtest.sh):
# makes sure PostgreSQL and Redis answer (starting them, installing Debian's packages when missing,
# as `make test` does), exports the environment production.py reads, then migrates, collects the
# static files and runs the deploy checks. DATABASE_URL, REDIS_URL, SECRET_KEY, SITE_URL and
# ALLOWED_HOSTS are kept when set. Needs PY (the project's Python), HOST and PORT.
set -euo pipefail

export DJANGO_SETTINGS_MODULE=briefings.settings.production
export DATABASE_URL=${DATABASE_URL:-$(scripts/ensure-postgres.sh)}
if [ -z "${REDIS_URL:-}" ]; then
  REDIS_URL="$(scripts/ensure-redis.sh)/${REDIS_DB:-0}"
fi
export REDIS_URL

# A secret key of this machine, made once and kept (never printed) in a file git ignores.
if [ -z "${SECRET_KEY:-}" ]; then
  if [ ! -s .secret_key ]; then
    (umask 077 && "$PY" -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key)
    echo "[serve] generated a SECRET_KEY in .secret_key" >&2
  fi
  SECRET_KEY=$(cat .secret_key)
fi
export SECRET_KEY

export SITE_URL=${SITE_URL:-http://$HOST:$PORT}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-$HOST,localhost,127.0.0.1}
# Plain http on this machine; behind a TLS-terminating proxy leave it on (the default in production.py).
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-0}

echo "[serve] database ${DATABASE_URL##*@}, cache $REDIS_URL, site $SITE_URL" >&2
"$PY" manage.py migrate --no-input -v 0   # also points the Wagtail Site at SITE_URL
"$PY" manage.py collectstatic --no-input -v 0
"$PY" manage.py check --deploy >&2
