#!/usr/bin/env bash
# Builds BeSign with Homebrew's libraries and lays out BeSign.app for
# /Applications: the executables, every dylib they load rewritten to the
# bundle (dylibbundler), GTK's pixbuf loaders and schemas, icons, the
# translations, Info.plist (PDF document type) and a launcher that points
# GTK at the bundle's data.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
here="$top/build-aux/macos"
build="$top/_build-macos"
app="$top/dist/BeSign.app"
brew_prefix=$(brew --prefix)

brew bundle --file="$here/Brewfile"
export PKG_CONFIG_PATH="$brew_prefix/opt/openssl@3/lib/pkgconfig:$brew_prefix/opt/curl/lib/pkgconfig:${PKG_CONFIG_PATH:-}"
meson setup "$build" "$top" --buildtype=release --prefix=/ -Dfuzzing=false
meson compile -C "$build"
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
DESTDIR="$app/Contents/Resources" meson install -C "$build"
mv "$app/Contents/Resources/bin/besign" "$app/Contents/Resources/bin/besign-cli" "$app/Contents/MacOS/"
dylibbundler -od -b -x "$app/Contents/MacOS/besign" -x "$app/Contents/MacOS/besign-cli" \
  -d "$app/Contents/Frameworks" -p @executable_path/../Frameworks
mkdir -p "$app/Contents/Resources/lib/gdk-pixbuf-2.0/2.10.0/loaders" "$app/Contents/Resources/share/glib-2.0/schemas"
cp "$brew_prefix"/lib/gdk-pixbuf-2.0/2.10.0/loaders/*.so "$app/Contents/Resources/lib/gdk-pixbuf-2.0/2.10.0/loaders/"
cp "$brew_prefix"/share/glib-2.0/schemas/org.gtk.gtk4.*.gschema.xml "$app/Contents/Resources/share/glib-2.0/schemas/"
glib-compile-schemas "$app/Contents/Resources/share/glib-2.0/schemas"
cp -R "$brew_prefix/share/icons/Adwaita" "$app/Contents/Resources/share/icons/"
mkdir -p "$top/_build-macos/besign.iconset"
for size in 16 32 128 256 512; do
  rsvg-convert -w $size -h $size "$top/data/icons/id.besign.Desktop.svg" -o "$top/_build-macos/besign.iconset/icon_${size}x${size}.png"
done
iconutil -c icns "$top/_build-macos/besign.iconset" -o "$app/Contents/Resources/besign.icns"
cp "$here/Info.plist" "$app/Contents/Info.plist"
cat > "$app/Contents/MacOS/besign-launcher" <<'SH'
#!/bin/sh
here=$(cd "$(dirname "$0")/.." && pwd)
export XDG_DATA_DIRS="$here/Resources/share"
export GDK_PIXBUF_MODULEDIR="$here/Resources/lib/gdk-pixbuf-2.0/2.10.0/loaders"
export GSETTINGS_SCHEMA_DIR="$here/Resources/share/glib-2.0/schemas"
export BESIGN_LOCALEDIR="$here/Resources/share/locale"
exec "$here/MacOS/besign" "$@"
SH
chmod +x "$app/Contents/MacOS/besign-launcher"
echo "Built $app"
