#!/usr/bin/env bash
# TAP test: besign-cli verify --online asks a real OCSP responder
# (openssl ocsp on loopback) and falls back to a CRL served on loopback;
# a revoked signer without a time-stamp makes the signature INVALID; one
# time-stamped before the revocation stays VALID only when the time-stamp
# authority is trusted (a self-made TSA proves nothing).
set -uo pipefail

cli=${BESIGN_CLI:?}
work=$(mktemp -d "${TMPDIR:-/tmp}/besign-revocation-XXXXXX")
pids=()
cleanup () {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

free_port () { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
ocsp_port=$(free_port)
crl_port=$(free_port)
tsa_port=$(free_port)

mkdir -p ca/newcerts && touch ca/index.txt && echo 1000 > ca/serial && echo 1000 > ca/crlnumber
cat > ca.cnf <<CNF
[ca]
default_ca = test_ca
[test_ca]
dir = $work/ca
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
crlnumber = \$dir/crlnumber
certificate = $work/root.pem
private_key = $work/root.key
default_md = sha256
default_days = 30
default_crl_days = 7
policy = anything
unique_subject = no
[anything]
commonName = supplied
[signer]
keyUsage = critical,digitalSignature,nonRepudiation
authorityInfoAccess = OCSP;URI:http://127.0.0.1:$ocsp_port
crlDistributionPoints = URI:http://127.0.0.1:$crl_port/root.crl
CNF
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 30 \
  -subj "/CN=Revocation Test Root" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout s.key -out s.csr -subj "/CN=Revocable Signer" 2>/dev/null
openssl ca -batch -config ca.cnf -extensions signer -in s.csr -out s.pem 2>/dev/null
echo rev-pass > pass.txt
openssl pkcs12 -export -inkey s.key -in s.pem -certfile root.pem -out s.p12 -passout file:pass.txt \
  -certpbe AES-256-CBC -keypbe AES-256-CBC -macalg sha256
printf '%%!PS\n/Helvetica findfont 20 scalefont setfont 72 700 moveto (Revocation) show showpage\n' > doc.ps
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOutputFile=doc.pdf doc.ps
"$cli" sign --p12 s.p12 --passphrase-file pass.txt -o signed.pdf doc.pdf >/dev/null 2>&1

# Two RFC 3161 authorities answered by `openssl ts -reply`: one certified
# by the test root, one by a root nobody trusts.
make_tsa () {
  local name=$1 ca=$2 cakey=$3
  openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$name TSA" 2>/dev/null
  printf 'extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n' > tsa.ext
  openssl x509 -req -in "$name.csr" -CA "$ca" -CAkey "$cakey" -CAcreateserial -days 30 \
    -extfile tsa.ext -out "$name.pem" 2>/dev/null
}
openssl req -x509 -newkey rsa:2048 -nodes -keyout rogue.key -out rogue.pem -days 30 \
  -subj "/CN=Rogue Root" -addext "basicConstraints=critical,CA:TRUE" 2>/dev/null
make_tsa trusted root.pem root.key
make_tsa untrusted rogue.pem rogue.key
echo 01 > tsaserial
cat > ts.cnf <<CNF
[tsa]
default_tsa = tsa_config
[tsa_config]
serial = $work/tsaserial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
ess_cert_id_alg = sha256
CNF
cat > tsa.py <<'PY'
import http.server, subprocess, sys
class Tsa(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        name = self.path.strip("/")
        with open("q.tsq", "wb") as f:
            f.write(self.rfile.read(int(self.headers["Content-Length"])))
        reply = subprocess.run(["openssl", "ts", "-reply", "-config", "ts.cnf", "-queryfile", "q.tsq",
                                "-signer", name + ".pem", "-inkey", name + ".key", "-chain", name + ".pem"],
                               capture_output=True).stdout
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Tsa).serve_forever()
PY
python3 tsa.py "$tsa_port" &
pids+=("$!")
for _ in $(seq 50); do
  python3 -c "import socket;socket.create_connection(('127.0.0.1',$tsa_port),0.2)" 2>/dev/null && break
  sleep 0.1
done
for tsa in trusted untrusted; do
  "$cli" sign --p12 s.p12 --passphrase-file pass.txt --level B-T --tsa "http://127.0.0.1:$tsa_port/$tsa" \
    -o "stamped-$tsa.pdf" doc.pdf >/dev/null 2>&1
done

# Readiness is read from the responder's log: a probe connection would
# occupy openssl ocsp, which serves one client at a time.
start_ocsp () {
  : > ocsp.log
  openssl ocsp -port "$ocsp_port" -index ca/index.txt -CA root.pem -rsigner root.pem \
    -rkey root.key -ignore_err >ocsp.log 2>&1 &
  ocsp_pid=$!
  pids+=("$ocsp_pid")
  for _ in $(seq 50); do
    grep -q "waiting for OCSP client" ocsp.log && return
    sleep 0.1
  done
}
stop_ocsp () { kill "$ocsp_pid" 2>/dev/null; wait "$ocsp_pid" 2>/dev/null; }

echo "1..7"
n=0
expect () {
  local name=$1 verdict=$2 pattern=$3 out
  shift 3
  n=$((n + 1))
  out=$(timeout 60 "$cli" verify --trust root.pem "$@" "${file:-signed.pdf}" 2>&1)
  if [ "$(echo "$out" | head -n 1 | sed 's/.*: //')" = "$verdict" ] && echo "$out" | grep -q -- "$pattern"; then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name"
    echo "$out" | sed 's/^/# /'
  fi
}

# The certificate names its OCSP responder and CRL: offline, nothing
# decides whether it is revoked (EN 319 102-1: INDETERMINATE, TRY_LATER).
expect "offline: revocation source named, no data" INDETERMINATE "revocation status of the signer's certificate could not be checked"
start_ocsp
expect "online OCSP: good" VALID "not revoked (OCSP (online))" --online
stop_ocsp
# Revocation times have one-second precision: revoke strictly after the stamps.
sleep 2
openssl ca -batch -config ca.cnf -revoke s.pem -crl_reason keyCompromise 2>/dev/null
start_ocsp
expect "online OCSP: revoked, no time-stamp" INVALID "revoked on" --online
file=stamped-trusted.pdf expect "revoked after a trusted time-stamp" VALID "signature stays valid" --online
file=stamped-untrusted.pdf expect "revoked, time-stamp by an untrusted authority" INVALID \
  "time-stamp authority is not trusted" --online
stop_ocsp
mkdir -p www && openssl ca -batch -config ca.cnf -gencrl -out crl.pem 2>/dev/null \
  && openssl crl -in crl.pem -outform DER -out www/root.crl
python3 -m http.server "$crl_port" --bind 127.0.0.1 --directory www >/dev/null 2>&1 &
pids+=("$!")
for _ in $(seq 50); do
  python3 -c "import socket;socket.create_connection(('127.0.0.1',$crl_port),0.2)" 2>/dev/null && break
  sleep 0.1
done
expect "online CRL when OCSP is down: revoked" INVALID "CRL (online)" --online
n=$((n + 1))
"$cli" verify --trust root.pem --online --json signed.pdf > verify.json
if grep -Eq '"subIndication": ?"REVOKED_NO_POE"' verify.json; then
  echo "ok $n - JSON carries REVOKED_NO_POE"
else
  echo "not ok $n - JSON carries REVOKED_NO_POE"
fi
