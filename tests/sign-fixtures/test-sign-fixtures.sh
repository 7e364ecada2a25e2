#!/usr/bin/env bash
# TAP test: besign-cli signs PDFs of every structure (classic tables of
# PDF 1.3-1.7, PDF 2.0, xref streams with object streams, hybrid,
# linearized, several incremental updates, indirect /Annots, an existing
# AcroForm, rotated pages, a document signed by pdfsig); each result passes
# qpdf --check without warnings, pdfsig reports every signature valid, and
# besign-cli verify says VALID. RSA and ECDSA P-256 identities, PNG and JPEG
# specimens.
set -uo pipefail

cli=${BESIGN_CLI:?}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/besign-fixtures-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

python3 "$here/make-fixtures.py" fx
cat > ids.sh <<'SH'
set -e
echo fixture-pass > pass.txt
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 30 -subj "/CN=Fixture Root" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
printf 'keyUsage=critical,digitalSignature,nonRepudiation\n' > s.ext
openssl req -newkey rsa:2048 -nodes -keyout rsa.key -out rsa.csr -subj "/CN=Fixture RSA" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ec.key -out ec.csr -subj "/CN=Fixture EC" 2>/dev/null
for k in rsa ec; do
  openssl x509 -req -in $k.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 -extfile s.ext -out $k.pem 2>/dev/null
  openssl pkcs12 -export -inkey $k.key -in $k.pem -certfile root.pem -name $k -out $k.p12 -passout file:pass.txt \
    -certpbe AES-256-CBC -keypbe AES-256-CBC -macalg sha256
done
printf '%%!PS\n<< /PageSize [200 100] >> setpagedevice 0 0 1 setrgbcolor 20 20 moveto 180 80 lineto 6 setlinewidth stroke showpage\n' > spec.ps
gs -q -dNOPAUSE -dBATCH -sDEVICE=jpeg -r72 -sOutputFile=specimen.jpg spec.ps
gs -q -dNOPAUSE -dBATCH -sDEVICE=pngalpha -r72 -sOutputFile=specimen.png spec.ps
mkdir nss && certutil -N --empty-password -d sql:nss && pk12util -i rsa.p12 -d sql:nss -w pass.txt >/dev/null
SH
sh ids.sh
pdfsig -add-signature -nssdir sql:nss -nick rsa fx/classic-1.7.pdf fx/presigned-pdfsig.pdf >/dev/null 2>&1

n=0
total=$(( $(ls fx/*.pdf | wc -l) * 2 + 4 ))
echo "1..$total"

check () {
  local name=$1 file=$2 expected=$3 problems=""
  n=$((n + 1))
  qpdf --check "$file" > qpdf.out 2>&1 || problems="$problems qpdf-failed"
  grep -q WARNING qpdf.out && problems="$problems qpdf-warning"
  pdfsig "$file" > pdfsig.out 2>/dev/null
  [ "$(grep -c 'Signature is Valid' pdfsig.out)" = "$expected" ] || problems="$problems pdfsig"
  # Every signature field is a field of the AcroForm, not only a widget.
  root=$(qpdf --show-object=trailer "$file" | sed -n 's|.*/Root \([0-9]*\) .*|\1|p')
  form=$(qpdf --show-object="$root" "$file")
  ref=$(printf '%s' "$form" | sed -n 's|.*/AcroForm \([0-9]*\) 0 R.*|\1|p')
  [ -n "$ref" ] && form=$(qpdf --show-object="$ref" "$file")
  printf '%s' "$form" | grep -q '/Fields \[' || problems="$problems no-acroform-fields"
  "$cli" verify --trust root.pem "$file" > verify.out 2>&1
  head -n 1 verify.out | grep -q ': VALID$' || problems="$problems verify"
  if [ -z "$problems" ]; then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name:$problems"
    sed 's/^/# /' qpdf.out pdfsig.out verify.out
  fi
}

sign () { "$cli" sign --p12 "$1" --passphrase-file pass.txt -o "$2" "${@:3}" > sign.out 2>&1 || cat sign.out >&2; }

for f in fx/*.pdf; do
  base=$(basename "$f" .pdf)
  before=$(pdfsig "$f" 2>/dev/null | grep -c 'Signature is Valid')
  sign rsa.p12 "$base-invisible.pdf" "$f"
  check "$base: invisible" "$base-invisible.pdf" $((before + 1))
  sign rsa.p12 "$base-visible.pdf" --page 1 --rect 40,40,160,80 --image specimen.png --reason "Fixture" "$f"
  check "$base: visible PNG" "$base-visible.pdf" $((before + 1))
done
sign ec.p12 ec.pdf --rect 300,500,200,100 --image specimen.jpg fx/xref-stream.pdf
check "ECDSA P-256 identity, JPEG specimen" ec.pdf 1
sign rsa.p12 again.pdf incremental-3-visible.pdf
check "a signed hybrid-history file signed again" again.pdf 2
sign rsa.p12 field.pdf --field Tanda1 --image specimen.png fx/empty-sig-field.pdf
check "signed into the document's empty signature field" field.pdf 1
n=$((n + 1))
if grep -q 'Signature “Tanda1”' verify.out && ! grep -q 'Empty signature field' verify.out \
   && [ "$(pdfsig field.pdf 2>/dev/null | grep -c 'Signature Field Name')" = 1 ]; then
  echo "ok $n - the empty field took the signature, no new field"
else
  echo "not ok $n - the empty field took the signature, no new field"; sed 's/^/# /' verify.out
fi
