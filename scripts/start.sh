#!/usr/bin/env bash
# `npm start`: installs dependencies when missing, builds, and serves Linesmith at http://localhost:3000
# on an embedded PostgreSQL (or DATABASE_URL when set). No keys or external services needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx next build
exec npx tsx scripts/serve.ts start
