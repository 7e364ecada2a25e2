#!/usr/bin/env bash
# Builds the libFuzzer target with clang + ASan/UBSan in build-fuzz/ and
# runs it for SECONDS (default 60) over the seed corpus. Crashes are written
# to tests/fuzz/crashes/.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
build="$top/build-fuzz"
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link
fi
meson compile -C "$build" tests/fuzz/fuzz-verify
mkdir -p "$top/tests/fuzz/crashes" "$build/fuzz-corpus"
cp -n "$top"/tests/fuzz/corpus/* "$build/fuzz-corpus/" 2>/dev/null || true
"$build/tests/fuzz/fuzz-verify" -max_total_time="$seconds" -max_len=200000 -timeout=10 \
  -rss_limit_mb=2048 -dict="$top/tests/fuzz/pdf.dict" -artifact_prefix="$top/tests/fuzz/crashes/" \
  "$build/fuzz-corpus"
