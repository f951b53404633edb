#!/usr/bin/env bash
# Set up (first run) and run the whole test suite. Tests that need a Debian tool skip with a reason when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
