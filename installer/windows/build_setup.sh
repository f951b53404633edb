#!/usr/bin/env bash
# Compile the Windows setup script with makensis (Debian's nsis package).
#   bash installer/windows/build_setup.sh BUNDLE_DIR OUT_DIR
# On Linux the Linux bundle stands in as the payload, so CI checks the script itself; the real setup.exe
# is built on Windows from the Windows bundle (installer/README.md). The stand-in uses fast compression.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bundle=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/pyproject.toml")
command -v makensis >/dev/null || { echo "makensis is missing (apt install nsis)" >&2; exit 1; }
fast=()
[ "$(uname -s)" = Linux ] && fast=(-DFAST_COMPRESSION)
makensis -V2 -INPUTCHARSET UTF8 "${fast[@]}" -DBUNDLE="$bundle" -DVERSION="$version" \
  -DOUTFILE="$out/xieshou-setup-$version.exe" "$here/xieshou.nsi"
ls -l "$out/xieshou-setup-$version.exe"
