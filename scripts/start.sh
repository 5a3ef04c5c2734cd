#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and starts the desktop app on its embedded defaults
# (a local encrypted database in the per-user data folder, or FIELDREG_HOME; no server needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python main.py "$@"
