#!/usr/bin/env bash
# `meson install` into a temporary DESTDIR puts every file where desktops
# look for it; the launcher and metainfo validate; translations compile;
# the installed besign-cli runs.
set -euo pipefail

build=${BESIGN_BUILD_DIR:?}
dest=$(mktemp -d "${TMPDIR:-/tmp}/besign-install-XXXXXX")
trap 'rm -rf "$dest"' EXIT

meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >/dev/null
prefix=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
root="$dest$prefix"

fail=0
expect () {
  if [ -e "$root/$1" ]; then echo "ok - installed $1"; else echo "not ok - missing $1"; fail=1; fi
}
expect bin/besign
expect bin/besign-cli
expect bin/besign-devserver
expect share/applications/id.besign.Desktop.desktop
expect share/metainfo/id.besign.Desktop.metainfo.xml
expect share/icons/hicolor/scalable/apps/id.besign.Desktop.svg
expect share/icons/hicolor/symbolic/apps/id.besign.Desktop-symbolic.svg
expect share/locale/id/LC_MESSAGES/besign.mo

desktop-file-validate "$root/share/applications/id.besign.Desktop.desktop" && echo "ok - desktop-file-validate" \
  || { echo "not ok - desktop-file-validate"; fail=1; }
appstreamcli validate --no-net "$root/share/metainfo/id.besign.Desktop.metainfo.xml" >/dev/null \
  && echo "ok - appstreamcli validate" || { echo "not ok - appstreamcli validate"; fail=1; }
msgunfmt "$root/share/locale/id/LC_MESSAGES/besign.mo" | msgfmt --check -o /dev/null - \
  && echo "ok - installed besign.mo reads back and passes msgfmt --check" \
  || { echo "not ok - besign.mo"; fail=1; }
if "$root/bin/besign-cli" --version | grep -q '^besign-cli '; then echo "ok - installed besign-cli runs"
else echo "not ok - installed besign-cli"; fail=1; fi
# The recipes for the other platforms parse (they cannot run here).
src=${BESIGN_SOURCE_DIR:?}
# With a publishing address the metainfo lists the UI test's screenshots:
# it still validates and every image it names is in data/screenshots/.
meson setup "$dest/with-screenshots" "$src" -Dscreenshot_url=https://screenshots.test/besign/ >/dev/null
shots_xml="$dest/with-screenshots/data/id.besign.Desktop.metainfo.xml"
if appstreamcli validate --no-net "$shots_xml" >/dev/null \
   && python3 - "$shots_xml" "$src/data/screenshots" <<'PY'
import re, struct, sys
names = re.findall(r"https://screenshots\.test/besign/([\w.-]+\.png)", open(sys.argv[1]).read())
assert len(names) == 8, names
for name in names:
    head = open(sys.argv[2] + "/" + name, "rb").read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", name
    width, height = struct.unpack(">II", head[16:24])
    assert width >= 620 and height >= 400, (name, width, height)
PY
then echo "ok - metainfo with screenshots validates, images present"; else echo "not ok - metainfo screenshots"; fail=1; fi
python3 -m json.tool "$src/build-aux/flatpak/id.besign.Desktop.json" >/dev/null \
  && echo "ok - Flatpak manifest is JSON" || { echo "not ok - Flatpak manifest"; fail=1; }
python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$src/build-aux/macos/Info.plist" \
  && echo "ok - Info.plist is XML" || { echo "not ok - Info.plist"; fail=1; }
if bash -n "$src/build-aux/windows/build.sh" && bash -n "$src/build-aux/windows/collect-runtime.sh" \
   && bash -n "$src/build-aux/macos/make-bundle.sh"; then echo "ok - build recipes parse"
else echo "not ok - build recipes"; fail=1; fi
echo "1..16"
exit $fail
