#!/usr/bin/env bash
# Browser tests (tests/browser/) drive Debian's chromium through Playwright. Install it when it is
# missing (root only). When it cannot be had, fail: browser tests never silently skip. To run the
# rest of the suite without them, set SKIP_BROWSER_TESTS=1 (make test then passes -m "not browser").
# CHROMIUM overrides the browser's path (default /usr/bin/chromium; tests/browser/conftest.py reads
# it too), e.g. CHROMIUM=/nonexistent to try the missing-browser path without uninstalling it.
set -uo pipefail
DEFAULT=/usr/bin/chromium
CHROMIUM=${CHROMIUM:-$DEFAULT}

if [ "${SKIP_BROWSER_TESTS:-}" = 1 ]; then
  cat >&2 <<'MSG'
######################################################################
#  SKIP_BROWSER_TESTS=1: the browser tests (tests/browser/) are      #
#  DESELECTED (pytest -m "not browser"). They are not run at all.    #
######################################################################
MSG
  exit 0
fi

if [ -x "$CHROMIUM" ]; then exit 0; fi

# Debian's package installs /usr/bin/chromium; a custom CHROMIUM path is not ours to install.
if [ "$CHROMIUM" != "$DEFAULT" ]; then
  why="CHROMIUM points there; only $DEFAULT is installed automatically"
elif [ "$(id -u)" != 0 ]; then
  why="installing it needs root"
else
  echo "[chromium] $CHROMIUM missing: installing Debian's chromium" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  if [ -x "$CHROMIUM" ]; then exit 0; fi
  why="apt-get install chromium failed"
fi

cat >&2 <<MSG
######################################################################
#  ERROR: no Chromium at $CHROMIUM ($why).
#  The browser tests (tests/browser/) need it, so make test stops. Either:
#    - install it: apt-get install chromium (as root), or point
#      CHROMIUM=/path/to/chromium at one; or
#    - run without the browser tests: SKIP_BROWSER_TESTS=1 make test
######################################################################
MSG
exit 1
