#!/usr/bin/env bash
# Start 携手填报; the first time (or after an update changed pyproject.toml) set it up first.
# Later starts run no installer and need no network.
set -euo pipefail
cd "$(dirname "$0")/.."
installed=""
[ -f .venv/.setup-stamp ] && installed=$(cut -d' ' -f1-2 .venv/.setup-stamp)
if [ ! -x .venv/bin/xieshou ] || [ "$installed" != "$(cksum < pyproject.toml)" ]; then
  bash scripts/setup.sh
fi
exec .venv/bin/xieshou "$@"
