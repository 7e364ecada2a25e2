#!/usr/bin/env bash
# The main job on the embedded default: installs what is missing, builds,
# creates a throw-away demo identity, signs the bundled sample letter with a
# visible signature and checks the result with Poppler's pdfsig.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
"$top/build-aux/install-deps.sh"
"$top/build-aux/build.sh"
build="${BESIGN_BUILD_DIR:-$top/build}"

demo="$build/demo"
rm -rf "$demo/identity"
mkdir -p "$demo/identity" "$demo/output"
"$top/build-aux/make-demo-identity.sh" "$demo/identity"

BESIGN_PASSPHRASE=$(cat "$demo/identity/passphrase.txt") \
"$build/src/cli/besign-cli" sign \
  --p12 "$demo/identity/demo-signer.p12" \
  --visible --page 1 --rect 330,650,220,90 \
  --reason "Menyetujui isi surat" --location "Jakarta" \
  --output-dir "$demo/output" \
  "$top/data/demo/sample.pdf" | tee "$demo/last-run.txt"

signed=$(sed -n 's/.* -> //p' "$demo/last-run.txt" | tail -n 1)
echo
echo "== pdfsig (Poppler) on the signed file =="
pdfsig "$signed" 2>/dev/null
echo
echo "Signed file: $signed"
echo "(The demo identity is a throw-away certificate: pdfsig reports its issuer as not trusted.)"
