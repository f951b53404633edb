#!/usr/bin/env bash
# Prepare a virtual environment in .venv with the program (and, with --test, the test tools).
# pip runs only on the first set-up or after pyproject.toml changed (the stamp .venv/.setup-stamp
# records what was installed), so later runs work without a network.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
STAMP=.venv/.setup-stamp
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
want_test=no
[ "${1:-}" = "--test" ] && want_test=yes
project=$(cksum < pyproject.toml)
installed=""
[ -f "$STAMP" ] && installed=$(cat "$STAMP")
if [ "$installed" = "$project test" ] || { [ "$want_test" = no ] && [ "$installed" = "$project app" ]; }; then
  exit 0  # already installed for this pyproject.toml
fi
extra=""
[ "$want_test" = yes ] && extra="[test]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
# Qt needs a few system libraries that minimal Debian/统信UOS/麒麟 installs may lack.
if ! .venv/bin/python -c "import ctypes.util as u, sys; sys.exit(0 if all(u.find_library(n) for n in ('EGL','xkbcommon','fontconfig','xcb-cursor')) else 1)"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0 \
      libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-noto-cjk >/dev/null
  else
    echo "提示：图形界面需要系统库 libegl1 libxkbcommon0 libfontconfig1 libxcb-cursor0，请用 sudo apt install 安装。" >&2
  fi
fi
if [ "$want_test" = yes ]; then echo "$project test" > "$STAMP"; else echo "$project app" > "$STAMP"; fi
