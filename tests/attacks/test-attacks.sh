#!/usr/bin/env bash
# TAP test: besign-cli verify gives the right verdict, quickly and without
# crashing, on hostile files built from the published attack classes
# (make-attacks.py), and VALID on benign multi-signature documents made by
# besign-cli and by Poppler's pdfsig (an independent signer).
set -uo pipefail

cli=${BESIGN_CLI:?}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/besign-attacks-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

make_identity () {
  openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 30 \
    -subj "/CN=Attack Test Root" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout s.key -out s.csr -subj "/CN=Attack Test Signer" 2>/dev/null
  printf 'keyUsage=critical,digitalSignature,nonRepudiation\n' > s.ext
  openssl x509 -req -in s.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 \
    -extfile s.ext -out s.pem 2>/dev/null
  echo "attack-pass" > pass.txt
  openssl pkcs12 -export -inkey s.key -in s.pem -certfile root.pem -name signer -out s.p12 \
    -passout file:pass.txt -certpbe AES-256-CBC -keypbe AES-256-CBC -macalg sha256
}

make_document () {
  cat > doc.ps <<'PS'
%!PS
<< /PageSize [595 842] >> setpagedevice
/Helvetica findfont 20 scalefont setfont 72 760 moveto (KONTRAK PENGADAAN) show
/Helvetica findfont 12 scalefont setfont 72 720 moveto (Nilai kontrak: Rp 10.000.000) show
showpage
PS
  gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -dCompatibilityLevel=1.4 -sOutputFile=doc.pdf doc.ps
}

make_identity
make_document
"$cli" sign --p12 s.p12 --passphrase-file pass.txt -o signed.pdf doc.pdf >/dev/null 2>&1
"$cli" sign --p12 s.p12 --passphrase-file pass.txt --certify 2 -o cert2.pdf doc.pdf >/dev/null 2>&1
"$cli" sign --p12 s.p12 --passphrase-file pass.txt --certify 3 -o cert3.pdf doc.pdf >/dev/null 2>&1
python3 "$here/make-attacks.py" signed.pdf doc.pdf attacks cert2.pdf cert3.pdf >/dev/null
# Documents the attacker prepares, the victim signs, the attacker changes.
for prepared in shadow empty-field info-font shared-appearance dangling; do
  python3 "$here/make-attacks.py" --prepare "$prepared" doc.pdf "$prepared-base.pdf"
  "$cli" sign --p12 s.p12 --passphrase-file pass.txt -o "$prepared-signed.pdf" "$prepared-base.pdf" >/dev/null 2>&1
  python3 "$here/make-attacks.py" --attack "$prepared" "$prepared-signed.pdf" attacks
done
# The redrawn shared appearance, then signed into its field.
"$cli" sign --p12 s.p12 --passphrase-file pass.txt --field Tanda1 -o attacks/ssa-shared-appearance-signed.pdf \
  attacks/ssa-shared-appearance-redrawn.pdf >/dev/null 2>&1
echo "ssa-shared-appearance-signed MODIFIED" >> attacks/expected.txt
# The defined dangling reference, then a legitimate-looking second signature.
"$cli" sign --p12 s.p12 --passphrase-file pass.txt -o attacks/shadow-dangling-then-signed.pdf \
  attacks/shadow-dangling-reference-defined.pdf >/dev/null 2>&1
echo "shadow-dangling-then-signed MODIFIED" >> attacks/expected.txt

n=0
total=$(( $(wc -l < attacks/expected.txt) + 9 ))
echo "1..$total"

check () {
  local name=$1 expected=$2 file=$3 trust=${4:-root.pem} got rc out
  n=$((n + 1))
  out=$(timeout 30 "$cli" verify --trust "$trust" "$file" 2>&1)
  rc=$?
  got=$(printf '%s\n' "$out" | head -n 1 | sed 's/.*: //')
  if [ "$rc" -ge 124 ] && [ "$rc" -ne 125 ] || [ -z "$got" ]; then
    echo "not ok $n - $name: crashed or hung (exit $rc)"
  elif [[ "_${expected}_" == *"_${got}_"* ]]; then
    echo "ok $n - $name: $got"
  else
    echo "not ok $n - $name: expected $expected, got $got"
    timeout 30 "$cli" verify --trust root.pem "$file" 2>&1 | sed 's/^/# /'
  fi
}

while read -r name expected; do
  check "$name" "$expected" "attacks/$name.pdf"
done < attacks/expected.txt

# Benign documents: several signatures, ours and Poppler's.
"$cli" sign --p12 s.p12 --passphrase-file pass.txt -o signed2.pdf signed.pdf >/dev/null 2>&1
check "benign-two-besign-signatures" VALID signed2.pdf
mkdir nss
certutil -N --empty-password -d sql:nss
pk12util -i s.p12 -d sql:nss -w pass.txt >/dev/null 2>&1
pdfsig -add-signature -nssdir sql:nss -nick signer -reason "Poppler" signed.pdf poppler.pdf >/dev/null 2>&1
check "benign-besign-then-pdfsig" VALID poppler.pdf
"$cli" sign --p12 s.p12 --passphrase-file pass.txt -o mixed.pdf poppler.pdf >/dev/null 2>&1
check "benign-pdfsig-then-besign" VALID mixed.pdf
# The same generation trick after Poppler's signature, whose trailer holds a
# binary /ID (its xref chain must still be read).
python3 - "$here" poppler.pdf poppler-generation.pdf <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
attacks = __import__("make-attacks")
page, contents = attacks.first_page(sys.argv[2])
data = open(sys.argv[2], "rb").read()
open(sys.argv[3], "wb").write(attacks.generation_update(data, sys.argv[2], contents[0]))
PY
check "isa-generation-bumped-after-pdfsig" MODIFIED poppler-generation.pdf
check "untrusted-without-anchor" UNTRUSTED signed.pdf /dev/null
"$cli" sign --p12 s.p12 --passphrase-file pass.txt -o cert2-signed.pdf cert2.pdf >/dev/null 2>&1
check "benign-certified-p2-then-signed" VALID cert2-signed.pdf
"$cli" sign --p12 s.p12 --passphrase-file pass.txt --certify 1 -o cert1.pdf doc.pdf >/dev/null 2>&1
pdfsig -add-signature -nssdir sql:nss -nick signer cert1.pdf cert1-signed.pdf >/dev/null 2>&1
check "cert-p1-signed-again" MODIFIED cert1-signed.pdf

# The verdict in Indonesian (the service's own sentence) when the locale asks for it.
n=$((n + 1))
LANGUAGE=id LC_ALL=C.UTF-8 "$cli" verify --trust root.pem signed.pdf > verdict-id.txt
if grep -q "Dokumen valid, Sertifikat yang digunakan terpercaya" verdict-id.txt; then
  echo "ok $n - Indonesian verdict text"
else
  echo "not ok $n - Indonesian verdict text"
fi

# All hostile files in one run (verified in parallel) give, in order, the
# verdicts they get one by one.
n=$((n + 1))
files=$(sed 's|^\([^ ]*\) .*|attacks/\1.pdf|' attacks/expected.txt)
# shellcheck disable=SC2086
timeout 300 "$cli" verify --trust root.pem $files 2>/dev/null | grep -E '^attacks/[^ ]+: [A-Z_]+$' > together.txt
for f in $files; do timeout 30 "$cli" verify --trust root.pem "$f" 2>/dev/null | head -n 1; done > one-by-one.txt
if [ -s together.txt ] && cmp -s together.txt one-by-one.txt; then
  echo "ok $n - one run over $(wc -l < together.txt) files matches the files one by one"
else
  echo "not ok $n - one run over all files differs from one by one"
  diff together.txt one-by-one.txt | head -n 10 | sed 's/^/# /'
fi
