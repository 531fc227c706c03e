#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright. Install it when missing (root only);
# otherwise say so loudly: the browser tests then skip, and nothing else does.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then
  echo "[chromium] /usr/bin/chromium missing: installing Debian's chromium" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2 && exit 0
fi
cat >&2 <<'MSG'
######################################################################
#  WARNING: /usr/bin/chromium is not installed and could not be      #
#  installed (run `apt-get install chromium` as root).               #
#  The browser tests (tests/browser/) will be SKIPPED.                #
######################################################################
MSG
exit 0
