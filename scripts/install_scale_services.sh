#!/usr/bin/env bash
# Installs PostgreSQL and Redis from Debian packages when they are missing, so that
# `make test-scale` runs on a fresh CI machine. It only installs: the test starts its
# own throwaway instances on loopback (tests/scale/services.py), never the system ones.
set -euo pipefail
have_postgres() { command -v initdb >/dev/null || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }
have_redis() { command -v redis-server >/dev/null; }
if have_postgres && have_redis; then
  echo "    postgresql and redis-server are installed"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "PostgreSQL (initdb, pg_ctl) and redis-server are needed: install them with your package manager." >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" != 0 ]; then sudo=(sudo); fi
echo "    installing postgresql and redis-server (apt-get, about a minute; log: logs/apt.log)"
mkdir -p logs
export DEBIAN_FRONTEND=noninteractive
# Another apt/dpkg run may hold the lock for a while: wait for it rather than fail.
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update >logs/apt.log 2>&1
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends \
  postgresql redis-server >>logs/apt.log 2>&1 || { tail -20 logs/apt.log >&2; exit 1; }
have_postgres && have_redis
