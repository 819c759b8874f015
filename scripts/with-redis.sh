#!/usr/bin/env bash
# Runs a command with a Redis that BullMQ accepts: the one at REDIS_URL if it answers,
# else a local redis-server started here (installed from Debian when run as root and
# absent), stopped again when the command ends. Usage: scripts/with-redis.sh CMD...
set -euo pipefail
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export REDIS_URL
hostport="${REDIS_URL#*://}"; hostport="${hostport##*@}"; hostport="${hostport%%/*}"
host="${hostport%%:*}"; port="${hostport##*:}"; [ "$port" = "$host" ] && port=6379

answers() { (exec 3<>"/dev/tcp/$host/$port" && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null; }

started_pid=""
cleanup() { if [ -n "$started_pid" ]; then kill "$started_pid" 2>/dev/null || true; wait "$started_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

if answers; then
  echo "[brygga] Redis answers at $host:$port"
else
  case "$host" in 127.0.0.1|localhost|::1) ;; *)
    echo "[brygga] Redis at $host:$port (REDIS_URL) does not answer, and it is not local: start it, or unset REDIS_URL to use a local one." >&2; exit 1;;
  esac
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "[brygga] installing Debian's redis-server"
      (apt-get install -y -qq redis-server >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq redis-server; }) >/dev/null
    else
      echo "[brygga] No Redis answers at $host:$port and redis-server is not installed." >&2
      echo "[brygga] Install it (sudo apt-get install -y redis-server) or point REDIS_URL at a running Redis." >&2
      exit 1
    fi
  fi
  dir="$(pwd)/.redis-local"; mkdir -p "$dir"
  echo "[brygga] starting a local redis-server on $host:$port (data in $dir)"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --appendonly yes --appendfsync everysec \
    --maxmemory-policy noeviction --save "" --logfile "$dir/redis.log" &
  started_pid=$!
  for _ in $(seq 1 50); do answers && break; sleep 0.2; done
  answers || { echo "[brygga] redis-server did not come up; see $dir/redis.log" >&2; exit 1; }
fi
"$@"
