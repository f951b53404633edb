#!/usr/bin/env bash
# Build the bundle and use it the way a clerk's PC would: from the bundle alone, as a non-root user, with
# an empty environment, from a folder whose path has spaces and Chinese characters. Then build the .deb
# (lintian, desktop-file-validate, dpkg -i, start from its installed path) and the Windows setup script
# (makensis). Any failure stops the script with a non-zero exit and says which step failed.
#   bash installer/smoke.sh            (run by .ci/run; ~5 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
step() { printf '\n== smoke: %s\n' "$*"; }
fail() { printf 'smoke FAILED: %s\n' "$*" >&2; exit 1; }

scratch=$(mktemp -d /tmp/xs-smoke.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
if [ -n "${XIESHOU_SMOKE_BUNDLE:-}" ]; then  # a bundle built before (while working on this script)
  mkdir -p "$scratch/dist" && cp -a "$XIESHOU_SMOKE_BUNDLE" "$scratch/dist/xieshou"
else
  step "build the bundle"
  bash installer/build.sh "$scratch/dist"
fi

# The bundle alone, moved to an awkward path (symbolic links kept, as an installer keeps them).
home_dir="$scratch/家 目录"
app_dir="$scratch/程序 文件/携手 填报"
mkdir -p "$home_dir" "$(dirname "$app_dir")"
cp -a "$scratch/dist/xieshou" "$app_dir"
rm -rf "$scratch/dist"
app="$app_dir/xieshou"
chmod -R a+rX "$scratch"

as_user() {  # run "$@" as a non-root user with an empty environment (plus the NAME=VALUE words given first)
  local vars=()
  while [[ $# -gt 0 && $1 == *=* ]]; do vars+=("$1"); shift; done
  if [ "$(id -u)" = 0 ]; then
    runuser -u xssmoke -- env -i HOME="$home_dir" "${vars[@]}" "$@"
  else
    env -i HOME="$home_dir" "${vars[@]}" "$@"
  fi
}
if [ "$(id -u)" = 0 ]; then
  id xssmoke >/dev/null 2>&1 || useradd --no-create-home --shell /usr/sbin/nologin xssmoke
  chown -R xssmoke "$home_dir"
fi
cd "$home_dir"

step "size: the unpacked bundle and its ten largest parts (target ≤ 150 MB)"
"$repo/.venv/bin/python" "$repo/installer/bundle_report.py" "$app_dir" 150 || fail "the bundle is over the 150 MB target"

step "every library finds what it links to (bundle + system), nothing left out is needed"
missing=$(find "$app_dir" -type f -name '*.so*' -exec sh -c \
  'LD_LIBRARY_PATH="$1/_internal:$1/_internal/PySide6/Qt/lib" ldd "$2" 2>/dev/null | grep "not found" | sed "s|^|${2##*/}: |"' \
  _ "$app_dir" {} \; | sort -u)
[ -z "$missing" ] || fail "libraries not found: $missing"
echo "no library left unresolved"

step "what the build trimmed still works: xieshou --bundle-check (ICU, Qt plugins, fonts, Pillow, licences)"
as_user QT_QPA_PLATFORM=offscreen "$app" --bundle-check || fail "the bundle check failed (a part the build left out is needed)"

step "gui --exit-after-show (offscreen)"
as_user QT_QPA_PLATFORM=offscreen "$app" gui --exit-after-show || fail "the window did not open"
[ -f "$home_dir/.local/share/xieshou/xieshou.db" ] || fail "the GUI made no data folder under HOME"

step "sample, validate, export --iso"
as_user "$app" sample 2023-a1-needs -o "$home_dir/样例 附件1.json" || fail "sample"
as_user "$app" validate "$home_dir/样例 附件1.json" || fail "validate"
as_user "$app" export "$home_dir/样例 附件1.json" -o "$home_dir/导出" --iso --at 2023-05-01T10:00:00+08:00 \
  || fail "export --iso"
package=$(find "$home_dir/导出" -mindepth 1 -maxdepth 1 -type d | head -n 1)
iso="$package.iso"
[ -f "$iso" ] || fail "no ISO next to $package"
docx=$(find "$package/documents" -name '*.docx' | head -n 1)
[ -s "$docx" ] || fail "no Word file (python-docx templates missing from the bundle?)"

step "verify the folder and the ISO"
as_user "$app" verify "$package" "$iso" || fail "verify"

step "verify a batch of 40 packages: whole packages in worker processes of the bundled program"
as_user /bin/mkdir -p "$home_dir/一批 光盘" || fail "make the batch folder"
for i in $(seq -w 1 40); do as_user /bin/cp -r "$package" "$home_dir/一批 光盘/第$i份" || fail "copy the batch"; done
as_user "$app" verify --json "$home_dir/一批 光盘" > "$scratch/batch.jsonl" || fail "verify the batch of 40"
[ "$(grep -c '"verdict": "完整"' "$scratch/batch.jsonl")" = 40 ] || fail "the batch of 40: $(head -c 600 "$scratch/batch.jsonl")"

step "burn to an xorriso stdio: pseudo-drive, read back"
command -v xorriso >/dev/null || fail "xorriso is not installed (apt install xorriso)"
as_user "$app" burn "$iso" --device "stdio:$home_dir/光盘 disc.iso" || fail "burn"
as_user "$app" verify "$home_dir/光盘 disc.iso" || fail "verify the burnt disc"

step "a child process does not see the bundle's libraries"
fake="$scratch/fake bin"
mkdir -p "$fake"
printf '#!/bin/sh\nenv > "%s/child-env.txt"\nexit 3\n' "$home_dir" > "$fake/xorriso"
chmod a+rx "$fake/xorriso"
as_user PATH="$fake:/usr/bin:/bin" LD_LIBRARY_PATH=/opt/xs-own-libs "$app" burn "$iso" --device "stdio:$home_dir/x.iso" \
  >/dev/null 2>&1 || true
[ -f "$home_dir/child-env.txt" ] || fail "the stand-in xorriso was not started"
grep -q "_internal" "$home_dir/child-env.txt" && fail "a child process saw the bundle's folder: $(grep _internal "$home_dir/child-env.txt")"
grep -qx "LD_LIBRARY_PATH=/opt/xs-own-libs" "$home_dir/child-env.txt" || fail "the user's own LD_LIBRARY_PATH was not kept"
echo "child environment: LD_LIBRARY_PATH=$(sed -n 's/^LD_LIBRARY_PATH=//p' "$home_dir/child-env.txt") (the user's own)"

step "the oldest glibc the bundle runs on"
glibc=$(find "$app_dir" -type f \( -name '*.so*' -o -perm -u+x \) -exec objdump -T {} + 2>/dev/null \
        | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV | tail -n 1)
needer=$(find "$app_dir" -type f \( -name '*.so*' -o -perm -u+x \) -exec sh -c \
         'objdump -T "$1" 2>/dev/null | grep -qF "($2)" && echo "${1##*/}"' _ {} "$glibc" \; | head -n 3 | tr '\n' ' ')
echo "highest glibc symbol version needed: $glibc (by $needer)"
glibcxx=$(find "$app_dir" -type f -name '*.so*' -exec objdump -T {} + 2>/dev/null \
          | grep -o 'GLIBCXX_[0-9][0-9.]*' | sort -uV | tail -n 1)
echo "highest C++ runtime version needed from the system's libstdc++: $glibcxx (GLIBCXX_3.4.29 = GCC 11)"
[ -z "$(find "$app_dir" -name 'libstdc++.so*' -o -name 'libgcc_s.so*')" ] || fail "the build host's C++ runtime is in the bundle"

cd "$repo"
step "the .deb: build, lintian, desktop-file-validate, dpkg -i, start"
XIESHOU_DEB_COMPRESS=gzip bash installer/linux/build_deb.sh "$app_dir" "$scratch/deb"
step "the Windows setup script: makensis"
bash installer/windows/build_setup.sh "$app_dir" "$scratch/setup"
echo
echo "smoke: all steps passed"
