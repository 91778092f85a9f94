#!/usr/bin/env bash
# `npm test`: the whole suite. Unit tests, integration tests against real PostgreSQL
# (TEST_DATABASE_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres), then end-to-end tests
# in Chromium against a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "end-to-end tests need Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}: apt-get install -y chromium (or set CHROMIUM_PATH)" >&2
  exit 1
fi
npx tsc --noEmit
npx eslint --max-warnings 0 .
npx vitest run
npx next build
npx playwright test
