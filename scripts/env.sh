# Shared settings for the scripts: quiet, offline-friendly Rasa.
export RASA_TELEMETRY_ENABLED=false        # no calls home
export TF_CPP_MIN_LOG_LEVEL=3              # TensorFlow's start-up chatter
export SQLALCHEMY_SILENCE_UBER_WARNING=1   # Rasa 3.6 uses the SQLAlchemy 1.4 API
export SANIC_KEEP_ALIVE_TIMEOUT=75         # default 5 s dropped action calls under load (docs/BENCHMARKS.md)
export PYTHONWARNINGS="ignore::DeprecationWarning,ignore::UserWarning"
VENV=${VENV:-.venv}
RASA="$VENV/bin/rasa"
MODEL=${MODEL:-models/safeguarding-guide.tar.gz}
LOGS=${LOGS:-logs}
mkdir -p "$LOGS"

# wait_for URL SECONDS NAME LOGFILE: poll until the URL answers, or fail naming the log.
wait_for() {
  local url=$1 seconds=$2 name=$3 log=$4
  for _ in $(seq "$seconds"); do
    curl -sf -o /dev/null "$url" && return 0
    sleep 1
  done
  echo "$name did not start within ${seconds}s - see $log" >&2
  return 1
}

# start_action_server PORT: starts it in the background; its PID is in ACTIONS_PID.
start_action_server() {
  local port=$1
  "$RASA" run actions --port "$port" >"$LOGS/actions.log" 2>&1 &
  ACTIONS_PID=$!
  if ! wait_for "http://localhost:$port/health" 60 "The action server" "$LOGS/actions.log"; then
    tail -5 "$LOGS/actions.log" >&2
    return 1
  fi
}
