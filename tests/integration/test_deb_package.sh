#!/usr/bin/env bash
# Builds the Debian package with cpack in the build tree, unpacks it into a scratch root and checks
# what it installs.   usage: test_deb_package.sh BUILD_DIR VERSION
set -euo pipefail

build="$1"
version="$2"
scratch="$build/deb-package-test"
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'ok: %s\n' "$*"; }

rm -rf "$scratch"
mkdir -p "$scratch/out" "$scratch/root"

# The binaries and icons are built before ctest runs; cpack only installs and packs them.
(cd "$build" && cpack --config CPackConfig.cmake -G DEB -B "$scratch/out") >"$scratch/cpack.log" 2>&1 \
    || { cat "$scratch/cpack.log" >&2; fail "cpack -G DEB failed"; }
arch="$(dpkg --print-architecture)"
deb="$scratch/out/tideline_${version}_${arch}.deb"
[[ -f "$deb" ]] || { ls -l "$scratch/out" >&2; fail "no $deb"; }
ok "built $(basename "$deb")"

dpkg-deb -I "$deb" >"$scratch/info.txt"
dpkg-deb -x "$deb" "$scratch/root"
root="$scratch/root"

field() { dpkg-deb -f "$deb" "$1"; }
[[ "$(field Package)" == tideline ]] || fail "Package is '$(field Package)'"
[[ "$(field Version)" == "$version" ]] || fail "Version is '$(field Version)'"
[[ "$(field Section)" == database ]] || fail "Section is '$(field Section)'"
[[ -n "$(field Maintainer)" ]] || fail "no Maintainer"
[[ -n "$(field Description)" ]] || fail "no Description"
depends="$(field Depends)"
grep -Eq '(^|, )libqt6core6' <<<"$depends" || fail "Depends lacks libqt6core6 (shlibdeps did not run?): $depends"
grep -Eq '(^|, )libqt6widgets6' <<<"$depends" || fail "Depends lacks libqt6widgets6: $depends"
grep -q 'postgresql-15' <<<"$(field Recommends)" || fail "Recommends lacks postgresql-15"
grep -q 'qt6-translations-l10n' <<<"$(field Recommends)" || fail "Recommends lacks qt6-translations-l10n"
ok "control fields; Depends: $depends"

# Binaries run from the unpacked root (they link system Qt, so no LD_LIBRARY_PATH).
for bin in tideline tideline-cli; do
    [[ -x "$root/usr/bin/$bin" ]] || fail "usr/bin/$bin missing"
done
out="$("$root/usr/bin/tideline-cli" --version)" || fail "tideline-cli --version failed"
[[ "$out" == *"$version"* ]] || fail "tideline-cli --version printed '$out'"
"$root/usr/bin/tideline-cli" --help >/dev/null || fail "tideline-cli --help failed"
out="$(QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$scratch" "$root/usr/bin/tideline" --version 2>/dev/null)" \
    || fail "tideline --version failed"
[[ "$out" == *"$version"* ]] || fail "tideline --version printed '$out'"
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$scratch" "$root/usr/bin/tideline" --help >/dev/null 2>&1 \
    || fail "tideline --help failed"
ok "both binaries run --version/--help"
# tideline-cli is a launcher without Qt and the program is its private library; the launcher
# loads it by absolute path (no RUNPATH anywhere: an empty entry would mean the current
# directory), and without it fails in one line (255 for a restore_command).
lib="$(find "$root/usr/lib" -name libtideline-cli.so)"
[[ -n "$lib" && "$lib" == */tideline/libtideline-cli.so ]] || fail "libtideline-cli.so not in a private lib/tideline directory: '$lib'"
! ldd "$root/usr/bin/tideline-cli" | grep -q libQt6 || fail "the tideline-cli launcher links Qt"
for f in "$root/usr/bin/tideline-cli" "$root/usr/bin/tideline" "$lib"; do
    ! readelf -d "$f" | grep -Eq 'RUNPATH|RPATH' || fail "$(basename "$f") has a RUNPATH: $(readelf -d "$f" | grep -E 'R(UN)?PATH')"
done
# Through a symlink elsewhere (~/bin), as users link it.
ln -s "$root/usr/bin/tideline-cli" "$scratch/linked-tideline-cli"
[[ "$("$scratch/linked-tideline-cli" --version)" == *"$version"* ]] || fail "tideline-cli through a symlink does not run"
mkdir -p "$scratch/alone" && cp "$root/usr/bin/tideline-cli" "$scratch/alone/"
rc=0; err="$("$scratch/alone/tideline-cli" --version 2>&1 >/dev/null)" || rc=$?
[[ $rc == 1 && "$err" == "tideline-cli: cannot load libtideline-cli"*Hint:* && "$err" != *$'\n'* ]] \
    || fail "without its library, tideline-cli --version exited $rc with '$err'"
rc=0; "$scratch/alone/tideline-cli" wal-restore s3://b/p srv 000000010000000000000001 "$scratch/x" 2>/dev/null || rc=$?
[[ $rc == 255 ]] || fail "without its library, wal-restore exited $rc (must be 255: PostgreSQL would read 1-125 as not found)"
ok "the launcher finds $(basename "$lib") and fails in one line without it"
# The catalogues are inside the binaries: the installed CLI speaks Russian under a Russian locale.
ru_help="$(env -u LC_ALL -u LANGUAGE LANG=ru_RU.UTF-8 "$root/usr/bin/tideline-cli" --help)" \
    || fail "tideline-cli --help failed under LANG=ru_RU.UTF-8"
grep -qF 'Команды:' <<<"$ru_help" || fail "tideline-cli --help is not in Russian under LANG=ru_RU.UTF-8"
ok "the Russian catalogue is in the installed CLI"

desktop="$root/usr/share/applications/tideline.desktop"
[[ -f "$desktop" ]] || fail "tideline.desktop missing"
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$desktop" || fail "desktop-file-validate rejects tideline.desktop"
    ok "tideline.desktop validates"
else
    fail "desktop-file-validate not installed (scripts/setup installs desktop-file-utils)"
fi

for size in 16 32 48 64 128 256; do
    png="$root/usr/share/icons/hicolor/${size}x${size}/apps/tideline.png"
    [[ -f "$png" ]] || fail "icon ${size}x${size} missing"
    /usr/bin/python3 - "$png" "$size" <<'PY' || fail "icon ${size}x${size} is not a ${size}x${size} PNG"
import struct, sys
data = open(sys.argv[1], 'rb').read(24)
size = int(sys.argv[2])
assert data[:8] == b'\x89PNG\r\n\x1a\n' and data[12:16] == b'IHDR', 'not a PNG'
w, h = struct.unpack('>II', data[16:24])
assert (w, h) == (size, size), f'{w}x{h}'
PY
done
[[ -f "$root/usr/share/icons/hicolor/scalable/apps/tideline.svg" ]] || fail "scalable icon missing"
ok "hicolor icons"

metainfo="$root/usr/share/metainfo/io.github.tideline.Tideline.metainfo.xml"
[[ -f "$metainfo" ]] || fail "metainfo missing"
if command -v appstreamcli >/dev/null 2>&1; then
    appstreamcli validate --no-net "$metainfo" || fail "appstreamcli rejects the metainfo"
    ok "metainfo validates"
else
    fail "appstreamcli not installed (scripts/setup installs appstream)"
fi

rm -rf "$scratch"
echo "PASS"
