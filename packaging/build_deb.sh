#!/usr/bin/env bash
# `make package`: build the Linux .deb from a clean virtualenv, then validate it.
#
#   packaging/build_deb.sh            # -> packaging/build/tiklive-desktop_<version>_<arch>.deb
#
# 1. a fresh virtualenv (packaging/build/venv) with the app (from this checkout)
#    and PyInstaller, so nothing from a developer's .venv leaks into the build;
# 2. PyInstaller runs packaging/tiklive.spec (one folder under packaging/build/dist);
# 3. the folder goes to /opt/tiklive-desktop with a /usr/bin/tiklive link, the
#    .desktop entry, hicolor icons, AppStream metainfo, a man page, copyright and
#    changelog; dpkg-shlibdeps derives Depends from the bundle's ELF files (the
#    system libraries that Qt's xcb and wayland platforms and Python need);
# 4. dpkg-deb builds the package; desktop-file-validate, appstreamcli and
#    lintian (no errors allowed) check it.
#
# Environment: PYTHON (default python3, 3.11+), TIKLIVE_BUILD_DIR (default
# packaging/build), TIKLIVE_REUSE_VENV=1 keeps an existing venv (faster rebuilds).
# On a Debian/Ubuntu machine without the build tools it installs them when run
# as root, otherwise it names the apt packages to install.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${TIKLIVE_BUILD_DIR:-$ROOT/packaging/build}
PYTHON=${PYTHON:-python3}
VENV=$BUILD/venv
PACKAGE=tiklive-desktop
APP_ID=io.github.tiklive.TikLiveDesktop
PYINSTALLER='pyinstaller>=6.10,<7'
ICON_SIZES="16 22 24 32 48 64 128 256 512"
# Tools, plus the shared libraries the bundle links to: dpkg-shlibdeps must find
# each of them on the build machine to name the package that provides it.
BUILD_DEPS="dpkg-dev binutils desktop-file-utils appstream lintian
  libegl1 libgl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libx11-6 libx11-xcb1
  libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
  libxcb-xfixes0 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0 libwayland-client0
  libwayland-cursor0 libwayland-egl1"

log() { printf '\n== [%ss] %s\n' "$SECONDS" "$*" >&2; }

install_build_deps() {
  local missing=() pkg
  for pkg in $BUILD_DEPS; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing build dependencies: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing build dependencies; run: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

# PEP 440 pre-releases sort before the release in Debian only with a tilde (0.2.0rc1 -> 0.2.0~rc1).
debian_version() { sed -E 's/([0-9])(a|b|rc|\.dev)([0-9]+)$/\1~\2\3/; s/~\.dev/~dev/' <<<"$1"; }

make_venv() {
  if [ "${TIKLIVE_REUSE_VENV:-0}" = 1 ] && [ -x "$VENV/bin/pyinstaller" ]; then
    "$VENV/bin/python" -m pip install --quiet --no-deps --force-reinstall "$ROOT"
    return
  fi
  log "clean virtualenv in $VENV"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet "$ROOT" "$PYINSTALLER"
}

stage() {
  local stage=$1 version=$2 date=$3 size
  rm -rf "$stage"
  install -d "$stage/opt" "$stage/usr/bin" "$stage/DEBIAN"
  cp -a "$BUILD/dist/$PACKAGE" "$stage/opt/$PACKAGE"
  # Debian's permissions: libraries and data 0644, only the launcher executable.
  find "$stage/opt" -type d -exec chmod 0755 {} +
  find "$stage/opt" -type f -exec chmod 0644 {} +
  chmod 0755 "$stage/opt/$PACKAGE/tiklive"
  # PyInstaller's launcher finds its _internal folder through /proc/self/exe, so a link works.
  ln -s "/opt/$PACKAGE/tiklive" "$stage/usr/bin/tiklive"

  local share=$stage/usr/share
  install -D -m 0644 "$ROOT/resources/$APP_ID.desktop" "$share/applications/$APP_ID.desktop"
  install -D -m 0644 "$ROOT/resources/$APP_ID.metainfo.xml" "$share/metainfo/$APP_ID.metainfo.xml"
  install -D -m 0644 "$ROOT/resources/icons/tiklive.svg" "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in $ICON_SIZES; do
    install -D -m 0644 "$ROOT/resources/icons/tiklive-$size.png" \
      "$share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  done
  install -D -m 0644 "$ROOT/packaging/linux/copyright" "$share/doc/$PACKAGE/copyright"
  install -D -m 0644 "$ROOT/packaging/linux/lintian-overrides" "$share/lintian/overrides/$PACKAGE"
  install -d "$share/man/man1"
  gzip -9n <"$ROOT/packaging/linux/tiklive.1" >"$share/man/man1/tiklive.1.gz"
  chmod 0644 "$share/man/man1/tiklive.1.gz"
  {
    printf '%s (%s) unstable; urgency=medium\n\n' "$PACKAGE" "$version"
    printf '  * Release %s; see the AppStream release notes in\n' "$version"
    printf '    /usr/share/metainfo/%s.metainfo.xml.\n\n' "$APP_ID"
    printf ' -- %s  %s\n' "$MAINTAINER" "$(date -R -u -d "$date 12:00")"
  } | gzip -9n >"$share/doc/$PACKAGE/changelog.gz"
  chmod 0644 "$share/doc/$PACKAGE/changelog.gz"

  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  cat >"$stage/DEBIAN/control" <<EOF
Package: $PACKAGE
Version: $version
Architecture: $(dpkg --print-architecture)
Maintainer: $MAINTAINER
Installed-Size: $size
Depends: $(shlib_depends "$stage")
Section: misc
Priority: optional
Homepage: https://github.com/tiklive/tiklive-desktop
Description: TikTok LIVE sessions, gifts, Diamonds and earnings, kept locally
 TikLive Desktop keeps the history of a TikTok LIVE creator's sessions on
 their own computer: the Diamonds of each LIVE, likes, viewers, followers
 and gifts. It shows what they are worth in money, when the balance can be
 cashed out and what kind of LIVE earns, with charts, reports and PDF,
 Excel and CSV export. Everything stays in one local SQLite file; the app
 needs no account and no network.
 .
 The application is installed under /opt/tiklive-desktop as a self-contained
 bundle with its own Python and Qt; the tiklive command starts it.
EOF
}

# The Debian packages providing the system libraries the bundle's ELF files link to.
shlib_depends() {
  local stage=$1 work=$BUILD/shlibs libdirs=() dir
  rm -rf "$work" && mkdir -p "$work/debian"
  printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$PACKAGE" "$PACKAGE" >"$work/debian/control"
  # The bundle's own libraries are found here and need no package.
  while IFS= read -r dir; do libdirs+=("-l$dir"); done < <(
    find "$stage/opt" -name '*.so*' -type f -printf '%h\n' | sort -u)
  mapfile -t elves < <(find "$stage/opt" -type f \( -name '*.so*' -o -name tiklive \) \
    -exec sh -c 'head -c4 "$1" | grep -q ELF && echo "$1"' _ {} \;)
  (cd "$work" && dpkg-shlibdeps -O --ignore-missing-info --warnings=1 "${libdirs[@]}" \
    "${elves[@]/#/-e}" 2>"$work/warnings.txt") | sed -n 's/^shlibs:Depends=//p'
}

validate() {
  local deb=$1 stage=$2
  log "desktop-file-validate, appstreamcli, lintian"
  desktop-file-validate "$stage/usr/share/applications/$APP_ID.desktop"
  appstreamcli validate --no-net "$stage/usr/share/metainfo/$APP_ID.metainfo.xml"
  appstreamcli validate-tree --no-net "$stage" >/dev/null  # metainfo, .desktop and icon together
  lintian --fail-on error --tag-display-limit 0 "$deb"
}

main() {
  local start=$SECONDS version date stage deb
  MAINTAINER='TikLive Desktop contributors <tiklive-desktop@users.noreply.github.com>'
  install_build_deps
  make_venv
  version=$("$VENV/bin/python" -c 'import tiklive_desktop; print(tiklive_desktop.__version__)')
  date=$(sed -n "s/.*<release version=\"$version\" date=\"\([0-9-]*\)\".*/\1/p" \
    "$ROOT/resources/$APP_ID.metainfo.xml" | head -n1)
  if [ -z "$date" ]; then
    echo "resources/$APP_ID.metainfo.xml has no <release version=\"$version\" date=...>" >&2
    exit 1
  fi
  version=$(debian_version "$version")

  log "PyInstaller"
  "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$BUILD/dist" --workpath "$BUILD/work" "$ROOT/packaging/tiklive.spec"
  # Debug symbols out (libpython alone shrinks from 23 to 6 MB), but not from the libraries
  # wheels vendor in *.libs: patchelf rewrote their headers, and strip then breaks them
  # (numpy's OpenBLAS would no longer load: tests/packaging and test_deb.sh check numpy).
  find "$BUILD/dist/$PACKAGE" -type f \( -name '*.so' -o -name '*.so.*' \) -not -path '*.libs/*' \
    -exec strip --strip-unneeded {} +

  log "staging and dpkg-deb"
  stage=$BUILD/deb-root
  stage "$stage" "$version" "$date"
  deb=$BUILD/${PACKAGE}_${version}_$(dpkg --print-architecture).deb
  rm -f "$deb"
  # xz: ~1 min for 44 MB. zstd would take a second for 59 MB, but Debian 12's lintian
  # rejects zstd members (malformed-deb-archive) and older dpkg cannot read them.
  dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
  validate "$deb" "$stage"
  log "built $deb: $(stat -c %s "$deb") bytes, installed $(grep ^Installed-Size "$stage/DEBIAN/control" | cut -d' ' -f2) KiB, in $((SECONDS - start)) s"
  echo "$deb"
}

main "$@"
