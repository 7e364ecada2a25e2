#!/usr/bin/env bash
# Refreshes data/screenshots/ (the AppStream screenshots) from a UI test
# run: the same window, the same demo documents, in English and Indonesian.
# Usage: build-aux/update-screenshots.sh [BUILD-DIR]   (default: build)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
meson test -C "$build" test-window test-window-id --quiet >/dev/null
shots=$build/meson-logs/ui-screenshots
for pair in documents:03-documents-visible-box verified:06-verified signed-version:06b-signed-version \
            changed:06d-signed-version-vs-changed; do
  name=${pair%%:*} step=${pair#*:}
  cp "$shots/$step.png" "$top/data/screenshots/$name.png"
  cp "$shots/id-$step.png" "$top/data/screenshots/id-$name.png"
done
echo "data/screenshots/ refreshed from $shots"
