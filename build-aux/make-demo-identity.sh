#!/usr/bin/env bash
# Creates a throw-away demo PKI in DIR with the openssl command: a root CA
# and a signer certificate (digitalSignature, nonRepudiation) in
# DIR/demo-signer.p12, protected by the random password in
# DIR/passphrase.txt (mode 0600).
set -euo pipefail

dir=${1:?usage: make-demo-identity.sh DIR}
mkdir -p "$dir"
cd "$dir"
umask 077
openssl rand -hex 16 > passphrase.txt

openssl req -x509 -newkey rsa:2048 -nodes -days 30 \
  -subj "/CN=BeSign Demo Root CA (throw-away)/O=BeSign Desktop Demo/C=ID" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout root.key -out root.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes \
  -subj "/CN=Demo Penanda Tangan/O=Instansi Demo/C=ID" \
  -keyout signer.key -out signer.csr 2>/dev/null
printf 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n' > signer.ext
openssl x509 -req -in signer.csr -CA root.pem -CAkey root.key -CAcreateserial \
  -days 30 -extfile signer.ext -out signer.pem 2>/dev/null
openssl pkcs12 -export -inkey signer.key -in signer.pem -certfile root.pem \
  -name "Demo Penanda Tangan" -out demo-signer.p12 -passout file:passphrase.txt \
  -certpbe AES-256-CBC -keypbe AES-256-CBC -macalg sha256
rm -f signer.key signer.csr root.key root.srl signer.ext
echo "Demo identity: $dir/demo-signer.p12"
