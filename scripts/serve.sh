#!/usr/bin/env bash
# For integrations: the Rasa server (REST channel + HTTP API) and the action server.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
RASA_PORT=${RASA_PORT:-5005}
RASA_INTERFACE=${RASA_INTERFACE:-127.0.0.1}
trap 'kill ${RASA_PID:-} ${ACTIONS_PID:-} 2>/dev/null; wait 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM HUP
echo "==> Starting the action server on port 5055 (log: $LOGS/actions.log)"
start_action_server 5055
auth=()
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then auth=(--auth-token "$RASA_AUTH_TOKEN"); fi
echo "==> Starting the Rasa server on $RASA_INTERFACE:$RASA_PORT (about 30 s; log: $LOGS/rasa.log)"
"$RASA" run --model "$MODEL" --enable-api "${auth[@]}" --interface "$RASA_INTERFACE" \
  --port "$RASA_PORT" --credentials credentials.yml --endpoints endpoints.yml \
  --log-file "$LOGS/rasa.log" >>"$LOGS/rasa.log" 2>&1 &
RASA_PID=$!
# Rasa opens its port once the model is loaded.
wait_for "http://localhost:$RASA_PORT/" 180 "The Rasa server" "$LOGS/rasa.log"
echo "==> Ready: POST http://$RASA_INTERFACE:$RASA_PORT/webhooks/rest/webhook {\"sender\": \"me\", \"message\": \"hi\"}"
echo "    Ctrl-C stops both servers."
wait "$RASA_PID"
