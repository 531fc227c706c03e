#!/usr/bin/env bash
# `make loadtest`: on a database and a Redis database of its own (LOADTEST_DATABASE_URL, default the
# local server's "briefings_loadtest"; LOADTEST_REDIS_URL, default Redis database 12), fill
# LOADTEST_ARTICLES (10,000) synthetic articles if it has fewer, then `manage.py loadtest`: two
# gunicorn servers on LOADTEST_PORTS (8101,8102) sharing them, LOADTEST_READERS (200) readers for
# LOADTEST_SECONDS (60), an editor changing an article every few seconds. Loopback only.
set -euo pipefail
PY=${PY:-.venv/bin/python}
ports=${LOADTEST_PORTS:-8101,8102}
HOST=127.0.0.1 PORT=${ports%%,*}

if [ -z "${LOADTEST_DATABASE_URL:-}" ]; then
  base=$(scripts/ensure-postgres.sh)
  LOADTEST_DATABASE_URL="${base%/*}/briefings_loadtest"
  if [ "$(psql "$base" -tAc "select 1 from pg_database where datname = 'briefings_loadtest'")" != 1 ]; then
    echo "[loadtest] creating database briefings_loadtest" >&2
    psql "$base" -qc "create database briefings_loadtest" >/dev/null
  fi
fi
export DATABASE_URL=$LOADTEST_DATABASE_URL
export REDIS_URL=${LOADTEST_REDIS_URL:-$(scripts/ensure-redis.sh)/12}
unset SITE_URL ALLOWED_HOSTS
source scripts/production-env.sh

"$PY" manage.py fill_synthetic --articles "${LOADTEST_ARTICLES:-10000}" --top-up
"$PY" manage.py loadtest --ports "$ports" --readers "${LOADTEST_READERS:-200}" --seconds "${LOADTEST_SECONDS:-60}" \
  --think "${LOADTEST_THINK:-0}" --warmup "${LOADTEST_WARMUP:-30}"
