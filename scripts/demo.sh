#!/usr/bin/env bash
# npm run demo: from a fresh clone, start Redis (if none answers), the three simulators
# and the middleware, then run the demonstration. Ctrl-C stops what this started.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ]; then
  echo "[brygga] installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
exec bash scripts/with-redis.sh bash scripts/demo-run.sh
