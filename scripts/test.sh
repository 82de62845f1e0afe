#!/usr/bin/env bash
# Runs every check: type-check, lint, schema freshness, unit tests (vitest),
# production build, end-to-end tests (Playwright in Debian's Chromium).
# Ends with one line "N passed, N failed" totalling vitest and Playwright.
set -u
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium is missing: /usr/bin/chromium was not found."
  echo "Install Debian's Chromium first:  sudo apt-get update && sudo apt-get install -y chromium"
  exit 1
fi

# The sync tests start their own redis-server and PostgreSQL cluster (on free
# loopback ports); they need the binaries, not running services.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "Redis is missing: redis-server was not found on PATH (the sync tests start their own)."
  echo "Install it first:  sudo apt-get update && sudo apt-get install -y redis-server"
  exit 1
fi
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "PostgreSQL is missing: initdb was found neither on PATH nor in /usr/lib/postgresql/*/bin (the sync tests make a throwaway cluster)."
  echo "Install it first:  sudo apt-get update && sudo apt-get install -y postgresql"
  exit 1
fi

mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json
status=0

echo "== type-check"; npx tsc --noEmit -p tsconfig.json || status=1
echo "== lint"; npx eslint . || status=1
echo "== unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json || status=1
echo "== production build"
if npx next build; then
  echo "== end-to-end tests (Playwright, production build, /usr/bin/chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json || status=1
else
  status=1
fi
node scripts/summary.mjs test-results/vitest.json test-results/playwright.json || status=1
exit $status
