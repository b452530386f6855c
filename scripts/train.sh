#!/usr/bin/env bash
# Trains the model into $MODEL; Rasa's progress output goes to logs/train.log.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
echo "==> Training the model (about a minute; log: $LOGS/train.log)"
start=$(date +%s)
if ! "$RASA" train --fixed-model-name "$(basename "$MODEL" .tar.gz)" --out "$(dirname "$MODEL")" \
    >"$LOGS/train.log" 2>&1; then
  tail -20 "$LOGS/train.log" >&2
  exit 1
fi
touch -d "@$start" "$MODEL"  # edits made during training leave the model stale
echo "==> Trained $MODEL in $(( $(date +%s) - start ))s"
