#!/usr/bin/env bash
# For integrations: the Rasa server (REST channel + HTTP API) and the action server.
# The HTTP API (model, tracker and event endpoints) only starts behind a token or a
# JWT secret from the environment; browsers may call it only from WEB_ORIGIN.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
RASA_PORT=${RASA_PORT:-5005}
RASA_INTERFACE=${RASA_INTERFACE:-127.0.0.1}
ACTIONS_PORT=${ACTIONS_PORT:-5055}      # must match action_endpoint in $ENDPOINTS
ENDPOINTS=${ENDPOINTS:-endpoints.yml}
WEB_ORIGIN=${WEB_ORIGIN:-http://localhost:8000}
MIN_SECRET_LENGTH=16

# Access control first, before anything starts.
# "--opt=value": a secret may start with "-", which argparse would read as an option.
auth=()
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then auth+=("--auth-token=$RASA_AUTH_TOKEN"); fi
if [ -n "${RASA_JWT_SECRET:-}" ]; then
  auth+=("--jwt-secret=$RASA_JWT_SECRET" --jwt-method "${RASA_JWT_METHOD:-HS256}")
fi
if [ ${#auth[@]} -eq 0 ]; then
  cat >&2 <<'MSG'
Refusing to start: the HTTP API would be open to anyone who can reach the port.
Set RASA_AUTH_TOKEN (a shared token) or RASA_JWT_SECRET (to accept signed JWTs), e.g.
  export RASA_AUTH_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
then run `make serve` again. See docs/DEPLOYMENT.md.
MSG
  exit 2
fi
for name in RASA_AUTH_TOKEN RASA_JWT_SECRET; do
  value=${!name:-}
  if [ -n "$value" ] && [ ${#value} -lt $MIN_SECRET_LENGTH ]; then
    echo "Refusing to start: $name is shorter than $MIN_SECRET_LENGTH characters; use a long random value." >&2
    exit 2
  fi
done

trap 'kill ${RASA_PID:-} ${ACTIONS_PID:-} 2>/dev/null; wait 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM HUP
echo "==> Starting the action server on port $ACTIONS_PORT (log: $LOGS/actions.log)"
start_action_server "$ACTIONS_PORT"
echo "==> Starting the Rasa server on $RASA_INTERFACE:$RASA_PORT (about 30 s; log: $LOGS/rasa.log)"
echo "    HTTP API: token or JWT required; browsers allowed from $WEB_ORIGIN only"
"$RASA" run --model "$MODEL" --enable-api "${auth[@]}" --cors "$WEB_ORIGIN" \
  --interface "$RASA_INTERFACE" --port "$RASA_PORT" --credentials credentials.yml \
  --endpoints "$ENDPOINTS" --log-file "$LOGS/rasa.log" >>"$LOGS/rasa.log" 2>&1 &
RASA_PID=$!
# Rasa opens its port once the model is loaded.
wait_for "http://localhost:$RASA_PORT/" 180 "The Rasa server" "$LOGS/rasa.log"
echo "==> Ready: POST http://$RASA_INTERFACE:$RASA_PORT/webhooks/rest/webhook {\"sender\": \"me\", \"message\": \"hi\"}"
echo "    Ctrl-C stops both servers."
wait "$RASA_PID"
