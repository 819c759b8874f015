#!/usr/bin/env bash
# npm run bench -- [--quick] [--clients N] [--strict]: compiles bench/ with the apps and libs
# it starts (dist-bench/, not committed) and runs it under scripts/with-redis.sh, passing
# every argument through to bench/run.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$PWD/node_modules/.bin:$PATH"
rm -rf dist-bench
tsc -p bench/tsconfig.json
tsc-alias -p bench/tsconfig.json
echo "[bench] compiled in ${SECONDS} s"
exec bash scripts/with-redis.sh node dist-bench/bench/run.js "$@"
