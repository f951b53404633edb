#!/usr/bin/env bash
# Build the one-folder bundle dist/xieshou/ from the source tree with PyInstaller (installer/xieshou.spec).
#   bash installer/build.sh [DIST_DIR]     (default: installer/dist)
# Prints the unpacked size and the ten largest parts. Uses .venv (scripts/setup.sh) plus the "bundle" extra.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-installer/dist}
work=${XIESHOU_BUILD_DIR:-installer/build}
[ -x .venv/bin/python ] || bash scripts/setup.sh
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[bundle]" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python scripts/build_manual.py --check  # the shipped manual must match docs/manual/
rm -rf "$dist/xieshou"
.venv/bin/python -m PyInstaller --noconfirm --log-level WARN --distpath "$dist" --workpath "$work" installer/xieshou.spec
# Libraries left out by the spec can leave their top-level links behind: remove links that lead nowhere.
find "$dist/xieshou" -xtype l -delete
# Python's extension modules may carry the build machine's library folder as RUNPATH: drop every search
# path that is not relative to the bundle itself ($ORIGIN).
if [ "$(uname -s)" = Linux ] && command -v patchelf >/dev/null; then
  find "$dist/xieshou" -type f -name '*.so*' -print0 | while IFS= read -r -d '' so; do
    rpath=$(patchelf --print-rpath "$so" 2>/dev/null || true)
    if [ -n "$rpath" ] && [[ "$rpath" != '$ORIGIN'* ]]; then patchelf --remove-rpath "$so"; fi
  done
fi
# Qt's ICU data (32 MB) → only what Qt can ask ICU for (installer/icu_trim.py; binutils as/ld).
if [ "$(uname -s)" = Linux ]; then .venv/bin/python installer/icu_trim.py "$dist/xieshou"; fi
.venv/bin/python installer/bundle_report.py "$dist/xieshou"
