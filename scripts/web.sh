#!/usr/bin/env bash
# The web chat: action server, Rasa server (socket.io channel) and the chat page, all on
# 127.0.0.1. Ctrl-C stops all three. Ports: WEB_PORT (8000), RASA_PORT (5005); the
# action server uses 5055 as endpoints.yml says.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
WEB_PORT=${WEB_PORT:-8000}
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=5055

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$WEB_PORT" "$RASA_PORT" "$ACTIONS_PORT"; do
  if port_in_use "$port"; then
    echo "Port $port is already in use (another 'make run' or 'make serve'?). Stop it, or choose" >&2
    echo "other ports: WEB_PORT=8080 RASA_PORT=5006 make run" >&2
    exit 1
  fi
done

trap 'kill ${WEB_PID:-} ${RASA_PID:-} ${ACTIONS_PID:-} 2>/dev/null; wait 2>/dev/null || true; echo "==> Stopped."' EXIT
trap 'echo; echo "==> Stopping (a few seconds)..."; exit 0' INT  # Ctrl-C is how you leave: not an error
trap 'exit 143' TERM
trap 'exit 129' HUP

echo "==> Starting the action server on port $ACTIONS_PORT (log: $LOGS/actions.log)"
start_action_server "$ACTIONS_PORT"
echo "==> Starting the Rasa server on 127.0.0.1:$RASA_PORT (about 30 s; log: $LOGS/rasa.log)"
# --cors: only the chat page's origin may call Rasa from a browser.
"$RASA" run --model "$MODEL" --interface 127.0.0.1 --port "$RASA_PORT" \
  --cors "http://localhost:$WEB_PORT" "http://127.0.0.1:$WEB_PORT" \
  --credentials credentials.yml --endpoints endpoints.yml \
  --log-file "$LOGS/rasa.log" >>"$LOGS/rasa.log" 2>&1 &
RASA_PID=$!
"$VENV/bin/python" scripts/web_server.py --host 127.0.0.1 --port "$WEB_PORT" --rasa-port "$RASA_PORT" \
  --log-file "$LOGS/web.log" &
WEB_PID=$!
wait_for "http://127.0.0.1:$WEB_PORT/" 20 "The chat page server" "$LOGS/web.log"
# Rasa opens its port once the model is loaded.
wait_for "http://127.0.0.1:$RASA_PORT/" 180 "The Rasa server" "$LOGS/rasa.log"
echo "==> Ready: open http://localhost:$WEB_PORT in your browser"
echo "    (presenter mode for a projector: http://localhost:$WEB_PORT/?presenter=1)"
echo "    Ctrl-C stops the chat page, the Rasa server and the action server."
# Stop everything if any one of them stops.
wait -n "$WEB_PID" "$RASA_PID" "$ACTIONS_PID" || true
echo "A server stopped - see $LOGS/ - stopping the others." >&2
exit 1
