#!/usr/bin/env bash
# npm run demo: from a fresh clone, start Redis (if none answers), the three simulators
# and the middleware, then run the demonstration. Ctrl-C stops what this started.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ]; then
  echo "[brygga] installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
# The rules name each planning tenant's token variable; the middleware has no default for
# them. The simulator's published demo tokens, unless set already.
export PLANNING_TOKEN_KOMMUNEN="${PLANNING_TOKEN_KOMMUNEN:-kommunen-token}"
export PLANNING_TOKEN_OMSORGSHUSET="${PLANNING_TOKEN_OMSORGSHUSET:-omsorgshuset-token}"
# Someone watching a terminal reads .demo/middleware.log: one pretty line per event there.
# Unset (or not a terminal), the middleware logs JSON lines, as in production.
if [ -t 1 ]; then export LOG_FORMAT="${LOG_FORMAT:-pretty}"; fi
exec bash scripts/with-redis.sh bash scripts/demo-run.sh
