#!/usr/bin/env bash
# Make sure a Redis server is reachable for the tests and print its URL, without a database number
# (the deploy check uses /0, the tests /14 and /15). Installs Debian's redis-server when missing
# (as root) and starts one on the loopback address when none answers.
set -euo pipefail

HOST=${REDIS_HOST:-127.0.0.1}
PORT=${REDIS_PORT:-6379}

log() { echo "[redis] $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

answers() { redis-cli -h "$HOST" -p "$PORT" ping 2>/dev/null | grep -q PONG; }

if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  log "Redis is not installed: installing Debian's redis-server"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools >&2
fi

if ! answers; then
  log "starting redis-server on $HOST:$PORT"
  redis-server --bind "$HOST" --port "$PORT" --daemonize yes --save '' --appendonly no >&2
  for _ in $(seq 1 30); do answers && break; sleep 0.2; done
  answers || { log "Redis did not start"; exit 1; }
fi

echo "redis://$HOST:$PORT"
