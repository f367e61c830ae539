#!/usr/bin/env bash
# `make package-test`: install the built .deb as a user would, start the installed
# app on a real X server (Xvfb, Qt's xcb platform, not offscreen), check that it
# painted its window, exited 0 and created its database in the user's data
# folder, then remove the package again.
#
#   packaging/test_deb.sh [path/to/tiklive-desktop_X_arch.deb]
#
# Needs root (it installs a package) and apt-get; installs xvfb and xauth if missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PACKAGE=tiklive-desktop
APP_ID=io.github.tiklive.TikLiveDesktop
DEB=${1:-$(ls -t "$ROOT"/packaging/build/${PACKAGE}_*.deb 2>/dev/null | head -n1)}

fail() { echo "FAIL: $*" >&2; exit 1; }
log() { printf '\n== %s\n' "$*" >&2; }

[ -n "$DEB" ] && [ -f "$DEB" ] || fail "no .deb found; run packaging/build_deb.sh (make package) first"
[ "$(id -u)" = 0 ] || fail "run as root: the test installs and removes $PACKAGE"
DEB=$(realpath "$DEB")

if ! command -v xvfb-run >/dev/null || ! command -v xauth >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xauth >/dev/null
fi

HOME_DIR=$(mktemp -d)
cleanup() {
  rm -rf "$HOME_DIR"
  if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q 'ok installed'; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PACKAGE" >/dev/null || true
  fi
}
trap cleanup EXIT

log "installing $DEB"
# apt-get (not dpkg -i) also installs the Depends, as `sudo apt install ./x.deb` does for a user.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$DEB" >/dev/null
[ "$(command -v tiklive)" = /usr/bin/tiklive ] || fail "tiklive is not on the PATH as /usr/bin/tiklive"
for file in "/usr/share/applications/$APP_ID.desktop" "/usr/share/metainfo/$APP_ID.metainfo.xml" \
  "/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg" \
  "/usr/share/icons/hicolor/256x256/apps/$APP_ID.png" /opt/$PACKAGE/tiklive; do
  [ -e "$file" ] || fail "$file is not installed"
done

log "every library the bundle links to is there"
# The Depends must bring every system library; ldd says "not found" for any that is missing.
missing=$(find /opt/$PACKAGE -type f \( -name '*.so*' -o -name tiklive \) -print0 |
  xargs -0 ldd 2>/dev/null | grep 'not found' | sort -u || true)
[ -z "$missing" ] || fail "unresolved libraries: $missing"

log "the launcher as a command line"
version=$(dpkg-query -W -f='${Version}' "$PACKAGE")
[ "$(tiklive --version)" = "tiklive $version" ] || fail "tiklive --version: $(tiklive --version)"
tiklive calc Rose=10 | tee "$HOME_DIR/calc.txt"
[ -s "$HOME_DIR/calc.txt" ] || fail "tiklive calc printed nothing"

log "tiklive --smoke under Xvfb on the xcb platform"
data_home=$HOME_DIR/.local/share
mkdir -m 0700 "$HOME_DIR/runtime"
start=$(date +%s.%N)
# A user's environment: their own HOME and XDG folders, no test override of the data folder.
if ! env -u TIKLIVE_DATA_DIR HOME="$HOME_DIR" XDG_DATA_HOME="$data_home" \
  XDG_CONFIG_HOME="$HOME_DIR/.config" XDG_CACHE_HOME="$HOME_DIR/.cache" \
  XDG_RUNTIME_DIR="$HOME_DIR/runtime" QT_QPA_PLATFORM=xcb TIKLIVE_SMOKE_ALL_SECTIONS=1 \
  timeout 120 xvfb-run -a -s '-screen 0 1280x800x24' tiklive --smoke >"$HOME_DIR/smoke.log" 2>&1; then
  cat "$HOME_DIR/smoke.log" >&2
  fail "tiklive --smoke did not exit 0"
fi
elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
grep -q 'first paint done' "$HOME_DIR/smoke.log" || fail "no first paint in the log"
# Every section and chart tab opened: the lazily imported parts (pyqtgraph, numpy's vendored
# OpenBLAS, the exporters) load in the frozen build too.
grep -q 'opened all 7 sections' "$HOME_DIR/smoke.log" || fail "--smoke did not open every section"
db="$data_home/TikLive Desktop/tiklive.db"
[ -f "$db" ] || fail "no database at $db"
[ "$(head -c 15 "$db")" = "SQLite format 3" ] || fail "$db is not an SQLite database"
echo "smoke: exit 0 in ${elapsed}s, database $db ($(stat -c %s "$db") bytes)"

log "removing $PACKAGE"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PACKAGE" >/dev/null
[ ! -e /opt/$PACKAGE ] && [ ! -e /usr/bin/tiklive ] || fail "files left after removal"
echo "package-test: 1 passed, 0 failed"
