#!/usr/bin/env bash
# Prepare a virtual environment in .venv with the program (and, with --test, the test tools).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
extra=""
[ "${1:-}" = "--test" ] && extra="[test]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
# Qt needs a few system libraries that minimal Debian/统信UOS/麒麟 installs may lack.
if ! .venv/bin/python -c "import ctypes.util as u, sys; sys.exit(0 if all(u.find_library(n) for n in ('EGL','xkbcommon','fontconfig')) else 1)"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0 \
      libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-noto-cjk >/dev/null
  else
    echo "提示：图形界面需要系统库 libegl1 libxkbcommon0 libfontconfig1 libxcb-cursor0，请用 sudo apt install 安装。" >&2
  fi
fi
