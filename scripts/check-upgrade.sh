#!/usr/bin/env bash
# Prove that a site built by an older commit upgrades to this tree with all its content intact.
#
#   DATABASE_URL=postgres://user:pass@host:5432/any scripts/check-upgrade.sh
#
# 1. extracts UPGRADE_BASE (default fac1152, the last commit before the apps were split) with git
#    archive, creates a throwaway database on DATABASE_URL's server (the role needs CREATEDB);
# 2. with the OLD code: migrate, load_sample_content, then what a live site accumulates (edited and
#    draft revisions, a scheduled change, an unpublished article, fellows' and an editor's accounts,
#    an approved and a pending review, featured articles, a renamed topic) — scripts/upgrade_site.py;
# 3. snapshots every table through raw SQL (scripts/upgrade_snapshot.py), migrates with THIS tree,
#    snapshots again and compares: rows by primary key, content types and permissions by name, with
#    the legitimate renames of scripts/upgrade-renames.json applied to the old side;
# 4. with THIS tree: check, makemigrations --check, every revision loads, the workflow is still in
#    review, reader and admin pages answer (the renamed topic's old hub with a 301).
# The database and the extracted tree are removed at the end, also on failure.
#
# Environment: PYTHON (default .venv/bin/python), UPGRADE_BASE, UPGRADE_SETTINGS (default
# briefings.settings.dev), UPGRADE_KEEP_DB=1 to keep the database for inspection.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BASE=${UPGRADE_BASE:-fac1152}
PY=${PYTHON:-.venv/bin/python}
case $PY in /*) ;; */*) PY="$ROOT/$PY" ;; *) PY=$(command -v "$PY") ;; esac
SCRIPTS="$ROOT/scripts"
START=$SECONDS

fail() { echo "check-upgrade: $*" >&2; exit 1; }

[ -n "${DATABASE_URL:-}" ] || fail "DATABASE_URL is not set (a PostgreSQL server where the role may create databases)"
case $DATABASE_URL in postgres://* | postgresql://*) ;; *) fail "DATABASE_URL must be a PostgreSQL URL" ;; esac
[ -x "$PY" ] || fail "no Python at $PY (set PYTHON or run make install)"
git rev-parse --git-dir >/dev/null 2>&1 || fail "$ROOT is not a git checkout: the base commit is read with git archive"
git rev-parse --verify --quiet "$BASE^{commit}" >/dev/null ||
  fail "base commit $BASE is not in this clone (shallow? run: git fetch --unshallow) — set UPGRADE_BASE"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/check-upgrade.XXXXXX")
DB="briefings_upgrade_$(date +%s)_$$"
DB_URL=$("$PY" "$SCRIPTS/upgrade_snapshot.py" url "$DB")
created=

cleanup() {
  local status=$?
  if [ -n "$created" ]; then
    if [ "${UPGRADE_KEEP_DB:-}" = 1 ]; then
      echo "kept database $DB"
    else
      "$PY" "$SCRIPTS/upgrade_snapshot.py" dropdb "$DB_URL" || echo "check-upgrade: could not drop $DB" >&2
    fi
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# step NAME DIR COMMAND...: run COMMAND in DIR, its output in a log shown only when it fails.
step() {
  local name=$1 dir=$2 started=$SECONDS log
  shift 2
  log="$WORK/$(echo "$name" | tr -c 'a-z0-9\n' '-').log"
  if (cd "$dir" && "$@") >"$log" 2>&1; then
    printf '  %-44s ok (%ss)\n' "$name" $((SECONDS - started))
  else
    printf '  %-44s FAILED\n' "$name"
    tail -n 60 "$log" | sed 's/^/    | /'
    fail "$name failed"
  fi
}

echo "Upgrade check: $(git rev-parse --short "$BASE^{commit}") ($(git log -1 --format=%s "$BASE" | cut -c1-60)) -> working tree"
mkdir -p "$WORK/old" "$WORK/media"
git archive "$BASE" | tar -x -C "$WORK/old"
"$PY" "$SCRIPTS/upgrade_snapshot.py" createdb "$DB_URL"
created=1

export DATABASE_URL=$DB_URL
export DJANGO_SETTINGS_MODULE=${UPGRADE_SETTINGS:-briefings.settings.dev}
export MEDIA_ROOT="$WORK/media"

step "old code: migrate" "$WORK/old" "$PY" manage.py migrate --no-input
step "old code: sample content, revisions, workflow" "$WORK/old" "$PY" "$SCRIPTS/upgrade_site.py" fill "$WORK/facts.json"
step "snapshot before" "$ROOT" "$PY" "$SCRIPTS/upgrade_snapshot.py" snapshot "$DB_URL" "$WORK/before.json"
step "new code: migrate" "$ROOT" "$PY" manage.py migrate --no-input
step "snapshot after" "$ROOT" "$PY" "$SCRIPTS/upgrade_snapshot.py" snapshot "$DB_URL" "$WORK/after.json"
if ! "$PY" "$SCRIPTS/upgrade_snapshot.py" compare "$WORK/before.json" "$WORK/after.json" "$SCRIPTS/upgrade-renames.json"; then
  fail "the upgrade changed the data (content type or table renames go in scripts/upgrade-renames.json)"
fi
step "new code: checks, revisions, workflow, pages" "$ROOT" "$PY" "$SCRIPTS/upgrade_site.py" verify "$WORK/facts.json"
echo "upgrade OK ($((SECONDS - START))s)"
