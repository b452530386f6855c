#!/usr/bin/env bash
# Prints the path of a Python 3.10 (Rasa 3.6 supports 3.8-3.10 only), or says how to get one.
for candidate in python3.10 python3 python; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
echo "Python 3.10 is needed (Rasa 3.6 runs on 3.8-3.10 only): install it, e.g. 'pyenv install 3.10' or 'apt-get install python3.10 python3.10-venv', then run make again." >&2
exit 1
