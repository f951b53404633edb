#!/usr/bin/env bash
# Set up (first run) and start 携手填报.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/xieshou "$@"
