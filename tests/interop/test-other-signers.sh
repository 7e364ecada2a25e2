#!/usr/bin/env bash
# TAP test: signatures made by other signers — iText 5 and Apache PDFBox 2
# (OtherSigners.java), OpenSSL's CMS (resign-openssl.py) — and ours on top
# of theirs and theirs on ours, and PDFBox on files qpdf encrypted (RC4-40,
# RC4-128, AES-128/256, metadata in clear, a user password). besign-cli
# must agree with Poppler's pdfsig on every one, and still catch a changed
# byte.
set -uo pipefail

cli=${BESIGN_CLI:?}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/besign-interop-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

jars=/usr/share/java
cp="$jars/itext5.jar:$jars/pdfbox2.jar:$jars/fontbox2.jar:$jars/commons-logging.jar"
cp="$cp:$jars/bcprov.jar:$jars/bcpkix.jar:$jars/bcutil.jar"

make_identity () {
  openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 30 \
    -subj "/CN=Interop Test Root" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  printf 'keyUsage=critical,digitalSignature,nonRepudiation\n' > s.ext
  openssl req -newkey rsa:2048 -nodes -keyout s.key -out s.csr -subj "/CN=Interop RSA Signer" 2>/dev/null
  openssl x509 -req -in s.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 \
    -extfile s.ext -out s.pem 2>/dev/null
  openssl ecparam -name prime256v1 -genkey -noout -out ec.key
  openssl req -new -key ec.key -out ec.csr -subj "/CN=Interop EC Signer" 2>/dev/null
  openssl x509 -req -in ec.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 \
    -extfile s.ext -out ec.pem 2>/dev/null
  echo "interop-pass" > pass.txt
  openssl pkcs12 -export -inkey s.key -in s.pem -certfile root.pem -name signer -out s.p12 \
    -passout file:pass.txt -certpbe AES-256-CBC -keypbe AES-256-CBC -macalg sha256
}

# A CRL of the test root: empty, then with the RSA signer revoked.
make_crls () {
  mkdir crl && touch crl/index.txt && echo 1000 > crl/serial && echo 1000 > crl/crlnumber
  printf '%s\n' '[ca]' 'default_ca = c' '[c]' 'database = crl/index.txt' 'new_certs_dir = crl' \
    'serial = crl/serial' 'crlnumber = crl/crlnumber' 'certificate = root.pem' 'private_key = root.key' \
    'default_md = sha256' 'default_crl_days = 7' > crl.cnf
  openssl ca -batch -config crl.cnf -gencrl -out crl/empty.pem 2>/dev/null
  openssl crl -in crl/empty.pem -outform DER -out empty.crl
  openssl ca -batch -config crl.cnf -revoke s.pem -crl_reason keyCompromise 2>/dev/null
  openssl ca -batch -config crl.cnf -gencrl -out crl/revoked.pem 2>/dev/null
  openssl crl -in crl/revoked.pem -outform DER -out revoked.crl
}

make_documents () {
  printf '%s\n' '%!PS' '<< /PageSize [595 842] >> setpagedevice' \
    '/Helvetica findfont 18 scalefont setfont 72 760 moveto (SURAT KEPUTUSAN) show' \
    '/Helvetica findfont 12 scalefont setfont 72 720 moveto (Nomor 1 Tahun 2026) show' showpage > doc.ps
  gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -dCompatibilityLevel=1.4 -sOutputFile=doc.pdf doc.ps
  qpdf --object-streams=generate doc.pdf objstm.pdf
  qpdf --linearize doc.pdf linear.pdf
  qpdf --encrypt "" owner 256 -- doc.pdf aes256.pdf
  qpdf --encrypt "" owner 128 --use-aes=y -- doc.pdf aes128.pdf
  # Older encryptions (qpdf writes RC4 only when told), metadata left in
  # clear, and a file that opens only with its user password.
  qpdf --allow-weak-crypto --encrypt "" owner 40 -- doc.pdf rc4-40.pdf
  qpdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=n -- doc.pdf rc4-128.pdf
  qpdf --encrypt "" owner 128 --use-aes=y --cleartext-metadata -- doc.pdf aes128-clear-metadata.pdf
  qpdf --encrypt "$user_password" owner 256 -- doc.pdf user-password.pdf
  qpdf --encrypt "$user_password" owner 128 --use-aes=y -- doc.pdf user-password-aes128.pdf
  echo "$user_password" > user-password.txt
}

user_password=buka-dokumen
ours () { "$cli" sign --p12 s.p12 --passphrase-file pass.txt -o "$2" "$1" >/dev/null 2>&1; }
theirs () { java -cp "classes:$cp" OtherSigners "$1" s.p12 pass.txt "$2" "$3" "${@:4}" 2>signer.err; }
resign () { python3 "$here/resign-openssl.py" "$@"; }

# A changed byte inside the signed text.
tamper () {
  python3 - "$1" "$2" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
i = data.find(b"/Producer")
data[i + 2] ^= 0x01
open(sys.argv[2], "wb").write(data)
PY
}

make_identity
make_crls
make_documents
mkdir classes
javac -nowarn -d classes -cp "$cp" "$here/OtherSigners.java" 2>javac.err || { echo "1..0 # SKIP javac failed: $(head -n 1 javac.err)"; exit 0; }
# The EC signer's certificate is newer than any /M written before it: sign afresh.
ours doc.pdf ours.pdf
ours doc.pdf ours-ec-base.pdf

n=0
# Extra arguments of besign-cli verify and of pdfsig (a PDF's password).
verify_extra=()
pdfsig_extra=()
check () {
  local name=$1 expected=$2 file=$3 pdfsig_expected=${4:-valid} got problems=""
  n=$((n + 1))
  if [ ! -s "$file" ]; then
    echo "not ok $n - $name: the signer made no file ($(head -n 1 signer.err 2>/dev/null))"
    return
  fi
  got=$(timeout 60 "$cli" verify --trust root.pem "${verify_extra[@]}" "$file" 2>&1 | head -n 1 | sed 's/.*: //')
  [ "$got" = "$expected" ] || problems="$problems verdict=$got"
  local total valid
  total=$(pdfsig "${pdfsig_extra[@]}" "$file" 2>/dev/null | grep -c "Signature Validation")
  valid=$(pdfsig "${pdfsig_extra[@]}" "$file" 2>/dev/null | grep -c "Signature Validation: Signature is Valid")
  case $pdfsig_expected in
    valid) [ "$total" -gt 0 ] && [ "$valid" = "$total" ] || problems="$problems pdfsig-valid=$valid/$total" ;;
    invalid) [ "$valid" != "$total" ] || problems="$problems pdfsig-valid=$valid/$total" ;;
    any) ;;
  esac
  if [ -z "$problems" ]; then
    echo "ok $n - $name: $got"
  else
    echo "not ok $n - $name:$problems (expected $expected)"
    "$cli" verify --trust root.pem "${verify_extra[@]}" "$file" 2>&1 | sed 's/^/# /'
  fi
}

echo "1..53"
theirs itext doc.pdf itext-cms.pdf;                check "iText adbe.pkcs7.detached" VALID itext-cms.pdf
theirs itext doc.pdf itext-cades.pdf cades visible; check "iText CAdES, visible" VALID itext-cades.pdf
theirs itext doc.pdf itext-cert2.pdf certify=2;    check "iText certification P=2" VALID itext-cert2.pdf
ours itext-cert2.pdf ours-on-cert2.pdf;            check "ours on iText's certification" VALID ours-on-cert2.pdf
theirs itext doc.pdf itext-cert1.pdf certify=1
theirs pdfbox itext-cert1.pdf pdfbox-on-cert1.pdf
check "PDFBox on iText's P=1 certification" MODIFIED pdfbox-on-cert1.pdf any
n=$((n + 1))
if ! ours itext-cert1.pdf ours-on-cert1.pdf && [ ! -e ours-on-cert1.pdf ]; then
  echo "ok $n - ours refuses to sign under a P=1 certification, no file"
else
  echo "not ok $n - ours signed under a P=1 certification"
fi
theirs itext ours.pdf itext-on-ours.pdf visible;   check "iText on ours" VALID itext-on-ours.pdf
# A certification appended after an approval signature loosens nothing:
# a comment added then is still a change to the approval signature.
theirs itext ours.pdf late-certification.pdf certify=3
python3 - "$here/../attacks" late-certification.pdf late-certification-comment.pdf <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
attacks = __import__("make-attacks")
data = open(sys.argv[2], "rb").read()
open(sys.argv[3], "wb").write(attacks.annotation_update(data, sys.argv[2], False, b"/Text", b"[500 780 520 800]"))
PY
check "a late certification then a comment" MODIFIED late-certification-comment.pdf
python3 "$here/../attacks/make-attacks.py" --prepare empty-field doc.pdf field.pdf
ours field.pdf ours-field.pdf
theirs itext ours-field.pdf itext-fills-field.pdf field=Tanda1
check "iText signs the empty field left after ours" VALID itext-fills-field.pdf
# iText adds validation data (DSS with certificates and the CRL) to ours and its own.
theirs itext-ltv itext-on-ours.pdf itext-dss.pdf crl=empty.crl
check "iText's DSS: CRL says not revoked" VALID itext-dss.pdf
n=$((n + 1))
if "$cli" verify --trust root.pem itext-dss.pdf | grep -q "not revoked (CRL (DSS))"; then
  echo "ok $n - revocation read from iText's DSS"
else
  echo "not ok $n - revocation read from iText's DSS"
fi
theirs itext-ltv itext-on-ours.pdf itext-dss-revoked.pdf crl=revoked.crl
check "iText's DSS: CRL says revoked, no time-stamp" INVALID itext-dss-revoked.pdf any
theirs pdfbox doc.pdf pdfbox.pdf;                  check "PDFBox" VALID pdfbox.pdf
# adbe.pkcs7.sha1 signs a SHA-1 digest, reliable only before 2009 (ETSI TS
# 119 312): without a time-stamp proving it existed then, it cannot be
# decided — not damage (pdfsig 22.12 reports a digest mismatch).
theirs pdfbox doc.pdf pdfbox-sha1.pdf sha1
check "PDFBox adbe.pkcs7.sha1: SHA-1 without proof of existence" INDETERMINATE pdfbox-sha1.pdf any
n=$((n + 1))
sha1_json=$("$cli" verify --json --trust root.pem pdfbox-sha1.pdf)   # exit 6: INDETERMINATE
if echo "$sha1_json" | grep -Eq '"subIndication": ?"CRYPTO_CONSTRAINTS_FAILURE(_NO_POE)?"'; then
  echo "ok $n - adbe.pkcs7.sha1: its own sub-indication (CRYPTO_CONSTRAINTS_FAILURE…)"
else
  echo "not ok $n - adbe.pkcs7.sha1: its own sub-indication (CRYPTO_CONSTRAINTS_FAILURE…)"
fi
theirs pdfbox ours.pdf pdfbox-on-ours.pdf;         check "PDFBox on ours" VALID pdfbox-on-ours.pdf
ours pdfbox.pdf ours-on-pdfbox.pdf;                check "ours on PDFBox" VALID ours-on-pdfbox.pdf
theirs itext objstm.pdf itext-objstm.pdf visible;  check "iText on object streams" VALID itext-objstm.pdf
theirs pdfbox objstm.pdf pdfbox-objstm.pdf;        check "PDFBox on object streams" VALID pdfbox-objstm.pdf
ours itext-objstm.pdf ours-on-itext-objstm.pdf
theirs pdfbox ours-on-itext-objstm.pdf three.pdf;  check "iText, ours, PDFBox" VALID three.pdf
theirs itext linear.pdf itext-linear.pdf;          check "iText on a linearized file" VALID itext-linear.pdf
ours linear.pdf ours-linear.pdf
theirs pdfbox ours-linear.pdf pdfbox-ours-linear.pdf; check "linearized, ours, PDFBox" VALID pdfbox-ours-linear.pdf
# PDFBox encrypts the zero padding after the CMS in encrypted files.
theirs pdfbox aes256.pdf pdfbox-aes256.pdf;        check "PDFBox on an AES-256 encrypted file" VALID pdfbox-aes256.pdf
theirs pdfbox aes128.pdf pdfbox-aes128.pdf;        check "PDFBox on an AES-128 encrypted file" VALID pdfbox-aes128.pdf
tamper pdfbox-aes256.pdf pdfbox-aes256-tampered.pdf
check "encrypted, a signed byte changed" INVALID pdfbox-aes256-tampered.pdf invalid
for kind in rc4-40 rc4-128 aes128-clear-metadata; do
  theirs pdfbox $kind.pdf pdfbox-$kind.pdf;        check "PDFBox on a $kind encrypted file" VALID pdfbox-$kind.pdf
  tamper pdfbox-$kind.pdf pdfbox-$kind-tampered.pdf
  check "$kind encrypted, a signed byte changed" INVALID pdfbox-$kind-tampered.pdf invalid
done
theirs pdfbox user-password.pdf pdfbox-user-password.pdf "password=$user_password"
tamper pdfbox-user-password.pdf pdfbox-user-password-tampered.pdf
pdfsig_extra=(-upw "$user_password")
verify_extra=(--password-file user-password.txt)
check "PDFBox on a file with a user password (--password-file)" VALID pdfbox-user-password.pdf
check "user password, a signed byte changed" INVALID pdfbox-user-password-tampered.pdf invalid
verify_extra=(--pdf-password-file user-password.txt)
check "user password (--pdf-password-file)" VALID pdfbox-user-password.pdf
verify_extra=()
pdfsig_extra=()
# iText 5 opens encrypted files with the owner password (and knows no R=6).
for kind in rc4-40 rc4-128 aes128-clear-metadata; do
  theirs itext $kind.pdf itext-$kind.pdf password=owner visible
  check "iText on a $kind encrypted file" VALID itext-$kind.pdf
done
tamper itext-rc4-40.pdf itext-rc4-40-tampered.pdf
check "iText, rc4-40 encrypted, a signed byte changed" INVALID itext-rc4-40-tampered.pdf invalid
theirs itext user-password-aes128.pdf itext-user-password.pdf password=owner visible
verify_extra=(--password-file user-password.txt)
pdfsig_extra=(-upw "$user_password")
check "iText on an AES-128 file with a user password" VALID itext-user-password.pdf
verify_extra=()
pdfsig_extra=()
n=$((n + 1))
no_password=$("$cli" verify --trust root.pem pdfbox-user-password.pdf 2>&1)
if [ $? -eq 5 ] && echo "$no_password" | grep -q "password-protected"; then
  echo "ok $n - user password not given: ERROR that says the PDF is password-protected"
else
  echo "not ok $n - user password not given: ERROR that says the PDF is password-protected"
  echo "$no_password" | sed 's/^/# /'
fi
tamper pdfbox-on-ours.pdf pdfbox-tampered.pdf;     check "PDFBox on ours, a signed byte changed" INVALID pdfbox-tampered.pdf invalid
tamper itext-cades.pdf itext-tampered.pdf;         check "iText CAdES, a signed byte changed" INVALID itext-tampered.pdf invalid

resign ours.pdf cms-attrs.pdf -signer s.pem -inkey s.key -md sha256;      check "openssl cms" VALID cms-attrs.pdf
resign ours.pdf cms-noattr.pdf -noattr -signer s.pem -inkey s.key -md sha256
check "openssl cms, no signed attributes" VALID cms-noattr.pdf
tamper cms-noattr.pdf cms-noattr-tampered.pdf
check "no signed attributes, a signed byte changed" INVALID cms-noattr-tampered.pdf invalid
resign ours.pdf cms-pss.pdf -signer s.pem -inkey s.key -md sha256 -keyopt rsa_padding_mode:pss
check "openssl cms, RSA-PSS" VALID cms-pss.pdf
# pdfsig 22.12 (NSS) cannot check RSA-PSS without signed attributes;
# `openssl cms -verify` can, and the test below leans on it instead.
resign ours.pdf cms-pss-noattr.pdf -noattr -signer s.pem -inkey s.key -md sha512 -keyopt rsa_padding_mode:pss
check "openssl cms, RSA-PSS without signed attributes" VALID cms-pss-noattr.pdf any
# No /M in the signature dictionary: the CMS signingTime is the claimed time.
python3 - ours.pdf no-m.pdf <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
m = re.search(rb"/M\s*\(D:[^)]*\)", data)
open(sys.argv[2], "wb").write(data[:m.start()] + b" " * (m.end() - m.start()) + data[m.end():])
PY
resign no-m.pdf no-m-cms.pdf -signer s.pem -inkey s.key -md sha256
check "no /M, the CMS signingTime instead" VALID no-m-cms.pdf
n=$((n + 1))
if "$cli" verify --trust root.pem no-m-cms.pdf | grep -q "Signing time: 20"; then
  echo "ok $n - the signing time comes from the CMS signingTime"
else
  echo "not ok $n - the signing time comes from the CMS signingTime"
fi
resign ours.pdf x509-rsa-sha1.pdf --x509-rsa-sha1 s.key
check "adbe.x509.rsa_sha1 (SHA-1, not checked): cannot be decided" INDETERMINATE x509-rsa-sha1.pdf any
# The signer's certificate only in the DSS, none in the CMS.
resign ours.pdf cms-nocerts.pdf -nocerts -signer s.pem -inkey s.key -md sha256
openssl x509 -in s.pem -outform DER -out s.der
python3 - "$here/../attacks" cms-nocerts.pdf s.der cms-dss-cert.pdf <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
attacks = __import__("make-attacks")
path, der, out = sys.argv[2:5]
data = open(path, "rb").read()
size, root, _ = attacks.trailer_info(path)
catalog = attacks.show(path, root)
cert = open(der, "rb").read()
open(out, "wb").write(attacks.add_update(data, {
    size: attacks.stream(cert),
    root: attacks.dict_with(catalog, "/DSS << /Certs [%d 0 R] >>" % size)}, path))
PY
check "signer certificate only in the DSS" VALID cms-dss-cert.pdf any
resign ours-ec-base.pdf cms-ec.pdf -signer ec.pem -inkey ec.key -md sha384
check "openssl cms, ECDSA P-256" VALID cms-ec.pdf
resign ours-ec-base.pdf cms-ec-noattr.pdf -noattr -signer ec.pem -inkey ec.key -md sha256
check "openssl cms, ECDSA without signed attributes" VALID cms-ec-noattr.pdf
