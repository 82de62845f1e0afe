#!/usr/bin/env bash
# `npm run bench`: builds the app, serves it on port 3200 and runs the
# benchmark (scripts/bench.mjs) in headless Chromium. Not part of `npm test`.
# Extra arguments go to bench.mjs (e.g. --quick, --only=bushy-10000). It first times the
# decision-analysis core in Node (scripts/bench-analysis.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PORT="${BENCH_PORT:-3200}"

if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium is missing: /usr/bin/chromium was not found." >&2
  exit 1
fi

echo "== analysis core (Node, no browser)"
node scripts/bench-analysis.mjs
node scripts/bench-sensitivity.mjs

echo "== production build"
npx next build

echo "== starting the server on port $PORT"
# In its own process group (setsid), so stopping it ends every process it started.
setsid node_modules/.bin/next start -p "$PORT" -H 127.0.0.1 &
SERVER=$!
stop_server() {
  if kill -0 "$SERVER" 2>/dev/null; then
    kill -TERM -- "-$SERVER" 2>/dev/null || kill -TERM "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/"; then break; fi
  if ! kill -0 "$SERVER" 2>/dev/null; then echo "the server exited" >&2; exit 1; fi
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" || { echo "the server did not start" >&2; exit 1; }

echo "== benchmark"
BENCH_URL="http://127.0.0.1:$PORT" node scripts/bench.mjs "$@"
