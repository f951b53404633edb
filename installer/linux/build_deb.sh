#!/usr/bin/env bash
# Build xieshou_<version>_amd64.deb from a bundle folder, check it, install it and start it.
#   bash installer/linux/build_deb.sh BUNDLE_DIR OUT_DIR [--no-install]
# Checks: lintian (errors fail; the overrides in lintian-overrides say why each is accepted),
# desktop-file-validate, dpkg -i, and `xieshou gui --exit-after-show` from the installed path (offscreen).
# XIESHOU_DEB_COMPRESS=gzip builds faster than the default xz (the smoke test uses it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bundle=$(cd "$1" && pwd)
out=$2
install=${3:-}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/pyproject.toml")
mkdir -p "$out"
root=$(mktemp -d "$out/root.XXXXXX")
lib="$root/usr/lib/xieshou"

mkdir -p "$lib" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/mime/packages" \
         "$root/usr/share/doc/xieshou" "$root/usr/share/lintian/overrides" "$root/DEBIAN"
cp -a "$bundle/." "$lib/"
find "$lib" -type f -name '*.so*' -exec chmod 644 {} +  # libraries are loaded, never run
ln -s ../lib/xieshou/xieshou "$root/usr/bin/xieshou"
install -m 644 "$here/xieshou.desktop" "$root/usr/share/applications/xieshou.desktop"
install -m 644 "$here/xieshou-mime.xml" "$root/usr/share/mime/packages/xieshou.xml"
for png in "$repo"/installer/icons/png/xieshou-*.png; do
  size=$(basename "$png" .png); size=${size#xieshou-}
  install -D -m 644 "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/xieshou.png"
done
install -m 644 "$here/copyright" "$root/usr/share/doc/xieshou/copyright"
printf 'xieshou (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- Xieshou Forms maintainers <xieshou@example.org>  %s\n' \
  "$version" "$version" "$(date -R -d @"${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}")" \
  | gzip -9n > "$root/usr/share/doc/xieshou/changelog.gz"
install -m 644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/xieshou"
chmod -R u+rwX,go+rX,go-w "$root"

glibc=$(find "$lib" -type f \( -name '*.so*' -o -perm -u+x \) -exec objdump -T {} + 2>/dev/null \
        | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV | tail -n 1)
glibc=${glibc#GLIBC_}
size=$(du -sk --apparent-size "$root/usr" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@GLIBC@/$glibc/" -e "s/@SIZE@/$size/" "$here/control.in" > "$root/DEBIAN/control"
deb="$out/xieshou_${version}_amd64.deb"
dpkg-deb --root-owner-group -Z"${XIESHOU_DEB_COMPRESS:-xz}" --threads-max=2 --build "$root" "$deb" >/dev/null
rm -rf "$root"
echo "built $deb ($(du -h "$deb" | cut -f1), needs libc6 >= $glibc)"

desktop-file-validate "$here/xieshou.desktop"
echo "desktop-file-validate: no problems"
lintian --fail-on error --suppress-tags-from-file "$here/lintian-suppress" "$deb" || { echo "lintian found errors" >&2; exit 1; }
echo "lintian: no errors"

[ "$install" = "--no-install" ] && exit 0
if [ "$(id -u)" != 0 ]; then echo "(not root: dpkg -i skipped)"; exit 0; fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
command -v update-mime-database >/dev/null && update-mime-database /usr/share/mime
test "$(readlink -f /usr/bin/xieshou)" = /usr/lib/xieshou/xieshou
data=$(mktemp -d)
env -i HOME="$data" QT_QPA_PLATFORM=offscreen /usr/bin/xieshou gui --exit-after-show
env -i HOME="$data" /usr/bin/xieshou uscc 91350100M000100Y43 >/dev/null
rm -rf "$data"
echo "installed and started from /usr/bin/xieshou"
if command -v xdg-mime >/dev/null; then echo "submission files open with: $(xdg-mime query default application/x-xieshou-submission)"; fi
dpkg -r xieshou >/dev/null
