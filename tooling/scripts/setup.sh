#!/bin/sh
# Bootstraps a fresh machine that has only Node and npm: the pinned pnpm, then the workspace.
set -e
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "10.34.9" ]; then
  npm i -g pnpm@10.34.9 >/dev/null
fi
export TURBO_TELEMETRY_DISABLED=1
if [ ! -d node_modules/.pnpm ] || [ pnpm-lock.yaml -nt node_modules/.pnpm/lock.yaml ]; then
  pnpm install --frozen-lockfile --reporter=silent
fi
