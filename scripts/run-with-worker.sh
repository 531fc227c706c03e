#!/usr/bin/env bash
# Run a command (the web server) with the email-alerts worker beside it: `make run` uses it, and so
# can `make serve`. The worker (django-tasks-db's db_worker on the "alerts" backend and queue) sends
# confirmations, alerts and digests; it stops when the command ends or is interrupted.
#   scripts/run-with-worker.sh .venv/bin/python manage.py runserver 127.0.0.1:8000
# PYTHON picks the interpreter for the worker (default: .venv/bin/python).
set -euo pipefail
PYTHON=${PYTHON:-.venv/bin/python}
"$PYTHON" manage.py db_worker --backend alerts --queue-name alerts --no-reload &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
echo "Email-alerts worker running (pid $worker)"
"$@"
