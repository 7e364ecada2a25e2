#!/usr/bin/env bash
# Builds BeSign in an MSYS2 UCRT64 shell and lays out a self-contained
# folder (dist/BeSign) for the installer: besign.exe, besign-cli.exe, every
# DLL they load, GTK's pixbuf loaders, GSettings schemas, icons and
# translations. Then runs Inno Setup on besign.iss.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
here="$top/build-aux/windows"
build="$top/_build-windows"
dist="$top/dist/BeSign"

pacman -S --needed --noconfirm $(grep -v '^#' "$here/msys2-packages.txt")

# liboath is not packaged for UCRT64: built from the tarball the Flatpak uses.
if ! pkg-config --exists liboath; then
  work=$(mktemp -d)
  curl -L -o "$work/oath.tar.gz" https://download.savannah.nongnu.org/releases/oath-toolkit/oath-toolkit-2.6.7.tar.gz
  echo "36eddfce8f2f36347fb257dbf878ba0303a2eaafe24eaa071d5cd302261046a9  $work/oath.tar.gz" | sha256sum -c -
  tar -xzf "$work/oath.tar.gz" -C "$work"
  (cd "$work/oath-toolkit-2.6.7" && ./configure --prefix="$MINGW_PREFIX" --disable-pskc --disable-pam \
     && make -C liboath install)
fi

meson setup "$build" "$top" --buildtype=release --prefix=/ -Dfuzzing=false
meson compile -C "$build"
rm -rf "$dist"
DESTDIR="$dist" meson install -C "$build"
"$here/collect-runtime.sh" "$dist"
iscc "$here/besign.iss"
