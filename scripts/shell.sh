#!/usr/bin/env bash
# A chat in the terminal: starts the action server, runs `rasa shell`, stops it on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trap '[ -n "${ACTIONS_PID:-}" ] && kill "$ACTIONS_PID" 2>/dev/null; wait 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM HUP
echo "==> Starting the action server (log: $LOGS/actions.log)"
start_action_server 5055
echo "==> Loading the model (about 30 s). Type /stop or press Ctrl-C to leave."
"$RASA" shell --model "$MODEL" --quiet --log-file "$LOGS/rasa.log" 2>>"$LOGS/rasa.log"
