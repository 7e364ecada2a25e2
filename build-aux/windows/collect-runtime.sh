#!/usr/bin/env bash
# Copies what besign.exe needs at run time next to it: the DLLs it loads
# (found with ntldd, recursively), GTK's gdk-pixbuf loaders and their
# cache, the compiled GSettings schemas, the Adwaita and hicolor icons.
set -euo pipefail

dist=${1:?usage: collect-runtime.sh DIST}
bin="$dist/bin"
prefix=${MINGW_PREFIX:?run in an MSYS2 UCRT64 shell}

for exe in "$bin"/besign.exe "$bin"/besign-cli.exe; do
  ntldd -R "$exe" | sed -n "s|.*=> \(${prefix//\//\\/}[^ ]*\.dll\).*|\1|ip" | sort -u | while read -r dll; do
    cp -n "$(cygpath -u "$dll")" "$bin/"
  done
done

mkdir -p "$dist/lib/gdk-pixbuf-2.0/2.10.0/loaders" "$dist/share/glib-2.0/schemas" "$dist/share/icons"
cp "$prefix"/lib/gdk-pixbuf-2.0/2.10.0/loaders/*.dll "$dist/lib/gdk-pixbuf-2.0/2.10.0/loaders/"
GDK_PIXBUF_MODULEDIR="$dist/lib/gdk-pixbuf-2.0/2.10.0/loaders" gdk-pixbuf-query-loaders \
  > "$dist/lib/gdk-pixbuf-2.0/2.10.0/loaders.cache"
cp "$prefix"/share/glib-2.0/schemas/org.gtk.gtk4.*.gschema.xml "$dist/share/glib-2.0/schemas/"
glib-compile-schemas "$dist/share/glib-2.0/schemas"
cp -r "$prefix/share/icons/Adwaita" "$prefix/share/icons/hicolor" "$dist/share/icons/"
