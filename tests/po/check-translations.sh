#!/usr/bin/env bash
# Every translatable string is in po/POTFILES.in's files, and Indonesian
# translates every one of them (po/id.po is complete and well-formed).
set -euo pipefail

top=${BESIGN_SOURCE_DIR:?}
cd "$top"
work=$(mktemp -d "${TMPDIR:-/tmp}/besign-po-XXXXXX")
trap 'rm -rf "$work"' EXIT

missing=$(grep -rlE '\b_\(|\bN_\(' src --include=*.c | sort | comm -23 - <(sort po/POTFILES.in) || true)
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES.in:" >&2
  echo "$missing" >&2
  exit 1
fi
xgettext --from-code=UTF-8 -k_ -kN_ -o "$work/besign.pot" --files-from=po/POTFILES.in --no-wrap
cp po/id.po "$work/id.po"
python3 po/tools/fill-po.py "$work/besign.pot" "$work/id.po"
msgfmt --check -o /dev/null po/id.po
echo "po/id.po is complete"
