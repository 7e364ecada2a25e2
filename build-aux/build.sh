#!/usr/bin/env bash
# Configures (once) and builds BeSign in ${BESIGN_BUILD_DIR:-build}.
# BESIGN_SANITIZE=address,undefined builds with those sanitizers.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build="${BESIGN_BUILD_DIR:-$top/build}"
args=()
if [ -n "${BESIGN_SANITIZE:-}" ]; then
  args+=("-Db_sanitize=${BESIGN_SANITIZE}" "-Db_lundef=false")
fi

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" "${args[@]}"
fi
meson compile -C "$build"
