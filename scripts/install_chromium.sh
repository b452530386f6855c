#!/usr/bin/env bash
# Debian's chromium for the browser tests (no test tool may download a browser of its own).
# Skipped when /usr/bin/chromium exists; needs root (or sudo) the first time.
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
sudo=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "chromium is missing: run 'apt-get install chromium' as root" >&2; exit 1; }
  sudo=(sudo)
fi
mkdir -p logs
echo "==> Installing Debian's chromium for the browser tests (log: logs/chromium-install.log)"
{
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends chromium
} >logs/chromium-install.log 2>&1 || { tail -20 logs/chromium-install.log >&2; exit 1; }
echo "==> $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed"
