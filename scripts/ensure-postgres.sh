#!/usr/bin/env bash
# Make sure a PostgreSQL server is reachable for the tests and print the DATABASE_URL to use.
# Installs Debian's postgresql when missing (as root), starts the cluster when it is down, and
# creates the role "briefings" (password auth, CREATEDB so pytest-django can make test databases).
set -euo pipefail

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
ROLE=briefings
PASSWORD=briefings
DB=briefings

log() { echo "[postgres] $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
  log "PostgreSQL is not installed: installing Debian's postgresql"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  log "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
  pg_isready -q -h "$PGHOST" -p "$PGPORT" || { log "PostgreSQL did not start"; exit 1; }
fi

# Run SQL as the superuser: over TCP where trust auth allows it, else through the postgres account.
psql_admin() {
  if psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -tAc "select 1" >/dev/null 2>&1; then
    psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "$1"
  else
    as_root runuser -u postgres -- psql -p "$PGPORT" -d postgres -v ON_ERROR_STOP=1 -tAc "$1"
  fi
}

if [ "$(psql_admin "select 1 from pg_roles where rolname='$ROLE'")" != 1 ]; then
  log "creating role $ROLE"
  psql_admin "create role $ROLE login createdb password '$PASSWORD'" >/dev/null
fi
if [ "$(psql_admin "select 1 from pg_database where datname='$DB'")" != 1 ]; then
  log "creating database $DB"
  psql_admin "create database $DB owner $ROLE" >/dev/null
fi

echo "postgres://$ROLE:$PASSWORD@$PGHOST:$PGPORT/$DB"
