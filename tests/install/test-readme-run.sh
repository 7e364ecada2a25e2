#!/usr/bin/env bash
# TAP test: the README's first command, as a script sees it (no terminal,
# no display): it signs the sample letter through the demo account and the
# result is VALID for besign-cli and valid for Poppler's pdfsig.
set -uo pipefail

top=${BESIGN_SOURCE_DIR:?}
out=$(mktemp "${TMPDIR:-/tmp}/besign-run-XXXXXX")
trap 'rm -f "$out"' EXIT
echo "1..3"
if env -u DISPLAY -u WAYLAND_DISPLAY timeout 300 "$top/build-aux/run.sh" </dev/null >"$out" 2>&1; then
  echo "ok 1 - build-aux/run.sh ends well"
else
  echo "not ok 1 - build-aux/run.sh failed"
  sed 's/^/# /' "$out"
fi
signed=$(sed -n 's/^Signed file: //p' "$out")
if [ -n "$signed" ] && grep -q "^$signed: VALID$" "$out"; then
  echo "ok 2 - besign-cli says VALID"
else
  echo "not ok 2 - besign-cli says VALID"
fi
if [ -n "$signed" ] && pdfsig "$signed" 2>/dev/null | grep -q "Signature is Valid"; then
  echo "ok 3 - pdfsig: the signature is valid"
else
  echo "not ok 3 - pdfsig: the signature is valid"
fi
