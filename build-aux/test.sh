#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
"$top/build-aux/install-deps.sh"
"$top/build-aux/build.sh"
build="${BESIGN_BUILD_DIR:-$top/build}"
meson test -C "$build" --print-errorlogs --num-processes 2 "$@"
