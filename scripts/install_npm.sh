#!/usr/bin/env bash
# The chat page's front-end packages, exactly as package-lock.json pins them (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p logs
if ! command -v npm >/dev/null; then
  echo "npm is needed for the chat page's packages: install Node.js (e.g. 'apt-get install nodejs npm')" >&2
  exit 1
fi
echo "==> Installing the chat page's npm packages from package-lock.json (log: logs/npm.log)"
npm ci --no-audit --no-fund >logs/npm.log 2>&1 || { tail -20 logs/npm.log >&2; exit 1; }
