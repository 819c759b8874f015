#!/usr/bin/env bash
# Started by demo.sh with Redis up. Builds, starts the simulators and the middleware in
# the background (logs in .demo/), runs the demo driver, and stops them all on exit.
set -euo pipefail
mkdir -p .demo
echo "[brygga] building"
npm run --silent build >.demo/build.log 2>&1 || { cat .demo/build.log; exit 1; }

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "[brygga] stopping the middleware and the simulators"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'exit 130' INT TERM

for port in 3000 4010 4020 4030; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "[brygga] port $port is already in use; stop whatever listens there (an earlier demo?) and run again." >&2
    exit 1
  fi
done

# A demo prefix of its own, emptied first: the simulators start empty, so must Brygga's state.
export QUEUE_PREFIX=brygga-demo
node -e '
const Redis = require("ioredis");
const r = new Redis(process.env.REDIS_URL);
(async () => { let c = "0"; do { const [n, k] = await r.scan(c, "MATCH", "brygga-demo:*", "COUNT", 1000); c = n; if (k.length) await r.unlink(...k); } while (c !== "0"); r.disconnect(); })();
'

node dist/apps/simulators/src/main.js >.demo/simulators.log 2>&1 &
pids+=($!)
# The middleware as npm start and the Docker image run it (README "Environment variables": NODE_OPTIONS).
CASE_SYSTEM_POLL_SECONDS="${CASE_SYSTEM_POLL_SECONDS:-2}" SCHEDULING_POLL_SECONDS="${SCHEDULING_POLL_SECONDS:-0}" \
  NODE_OPTIONS="${NODE_OPTIONS:---max-old-space-size=1024}" node dist/apps/middleware/src/main.js >.demo/middleware.log 2>&1 &
pids+=($!)
echo "[brygga] simulators on 4010 (case system), 4020 (planning tool), 4030 (scheduling system); middleware on 3000"
echo "[brygga] logs: .demo/simulators.log, .demo/middleware.log"
node dist/apps/demo/src/main.js
