#!/usr/bin/env bash
# `make serve`: the production settings under gunicorn on PostgreSQL and Redis (scripts/production-env.sh),
# 2 x cores + 1 workers (WEB_WORKERS to change), on HOST:PORT, with the email alerts' task worker;
# prints the address once it answers.
set -euo pipefail
PY=${PY:-.venv/bin/python} HOST=${HOST:-127.0.0.1} PORT=${PORT:-8000}
source scripts/production-env.sh
workers=${WEB_WORKERS:-$(( 2 * $(nproc) + 1 ))}

(
  for _ in $(seq 1 120); do
    if "$PY" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
        "http://$HOST:$PORT/healthz" 2>/dev/null; then
      echo
      echo "  Briefings (production settings, $workers gunicorn workers) is serving at http://$HOST:$PORT/"
      echo "  admin: http://$HOST:$PORT/admin/ (manage.py createsuperuser to sign in)"
      echo
      exit 0
    fi
    sleep 0.5
  done
  echo "[serve] the server did not answer http://$HOST:$PORT/healthz within a minute" >&2
) &

# The email alerts' task worker runs beside gunicorn and stops with it.
PYTHON="$PY" exec scripts/run-with-worker.sh "$PY" -m gunicorn briefings.wsgi --bind "$HOST:$PORT" --workers "$workers" --log-level warning --no-control-socket
