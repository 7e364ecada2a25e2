"""Shared pieces of the reliability tests: TAP output, an identity made by
openssl, PDFs written byte by byte, a loopback time-stamp authority and CRL
server, and process control (pause a child at a chosen moment).

Every check a test makes goes through tools other than besign-cli itself:
the output folder's listing, os.stat, /proc/PID, qpdf, pdfsig.
"""
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

CLI = os.environ.get("BESIGN_CLI", "besign-cli")
TEMP_NAME = re.compile(r"^\.besign-.{6}\.part$")


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=""):
        self.n += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", self.n, name))
        if not cond:
            self.failed += 1
            for line in str(diag).splitlines():
                print("# " + line)
        sys.stdout.flush()
        return cond

    def done(self):
        print("1..%d" % self.n)
        sys.exit(1 if self.failed else 0)


def workdir(name):
    work = tempfile.mkdtemp(prefix="besign-%s-" % name, dir=os.environ.get("TMPDIR"))
    return work


def sh(cmd, cwd):
    subprocess.run(["sh", "-ec", cmd], cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def make_identity(work, crl_url=None):
    """root.pem, signer s.p12 (password in pass.txt) and, with @crl_url, a
    time-stamp authority tsa.pem/tsa.key, all with that CRL distribution
    point, and the (empty) CRL as www/root.crl."""
    ext = "keyUsage=critical,digitalSignature,nonRepudiation\n"
    tsa_ext = "extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n"
    if crl_url:
        ext += "crlDistributionPoints=URI:%s\n" % crl_url
        tsa_ext += "crlDistributionPoints=URI:%s\n" % crl_url
    with open(os.path.join(work, "s.ext"), "w") as f:
        f.write(ext)
    with open(os.path.join(work, "tsa.ext"), "w") as f:
        f.write(tsa_ext)
    os.makedirs(os.path.join(work, "ca", "newcerts"), exist_ok=True)
    open(os.path.join(work, "ca", "index.txt"), "w").close()
    with open(os.path.join(work, "ca", "crlnumber"), "w") as f:
        f.write("1000\n")
    with open(os.path.join(work, "ca.cnf"), "w") as f:
        f.write("[ca]\ndefault_ca = c\n[c]\ndir = %s/ca\ndatabase = $dir/index.txt\n"
                "new_certs_dir = $dir/newcerts\ncrlnumber = $dir/crlnumber\n"
                "certificate = %s/root.pem\nprivate_key = %s/root.key\ndefault_md = sha256\n"
                "default_crl_days = 7\n" % (work, work, work))
    sh("""
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 30 -subj '/CN=Reliability Root' \
  -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign'
openssl req -newkey rsa:2048 -nodes -keyout s.key -out s.csr -subj '/CN=Reliability Signer'
openssl x509 -req -in s.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 -extfile s.ext -out s.pem
echo reliability-pass > pass.txt
openssl pkcs12 -export -inkey s.key -in s.pem -certfile root.pem -name signer -out s.p12 -passout file:pass.txt \
  -certpbe AES-256-CBC -keypbe AES-256-CBC -macalg sha256
openssl req -newkey rsa:2048 -nodes -keyout tsa.key -out tsa.csr -subj '/CN=Reliability TSA'
openssl x509 -req -in tsa.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 -extfile tsa.ext -out tsa.pem
mkdir -p www
openssl ca -batch -config ca.cnf -gencrl -out crl.pem
openssl crl -in crl.pem -outform DER -out www/root.crl
echo 01 > tsaserial
""", work)
    with open(os.path.join(work, "ts.cnf"), "w") as f:
        f.write("[tsa]\ndefault_tsa = t\n[t]\nserial = %s/tsaserial\ncrypto_device = builtin\n"
                "signer_digest = sha256\ndefault_policy = 1.3.6.1.4.1.99999.1\n"
                "digests = sha256, sha384, sha512\naccuracy = secs:1\ness_cert_id_alg = sha256\n" % work)


class Services:
    """A loopback HTTP server: POST /tsa answers with `openssl ts -reply`,
    GET /root.crl serves the CRL; each CRL answer waits @crl_delay seconds
    (a slow network, so that a test can act while a download is pending)."""

    def __init__(self, work, crl_delay=0.0):
        self.work = work
        self.crl_delay = crl_delay
        self.lock = threading.Lock()
        services = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                query = self.rfile.read(int(self.headers["Content-Length"]))
                with services.lock:
                    with open(os.path.join(work, "q.tsq"), "wb") as f:
                        f.write(query)
                    reply = subprocess.run(["openssl", "ts", "-reply", "-config", "ts.cnf", "-queryfile", "q.tsq",
                                            "-signer", "tsa.pem", "-inkey", "tsa.key", "-chain", "tsa.pem"],
                                           cwd=work, capture_output=True).stdout
                self.answer(reply, "application/timestamp-reply")

            def do_GET(self):
                time.sleep(services.crl_delay)
                with open(os.path.join(work, "www", "root.crl"), "rb") as f:
                    self.answer(f.read(), "application/pkix-crl")

            def answer(self, body, kind):
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a client killed by the test hangs up mid-answer

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def tsa_url(self):
        return "http://127.0.0.1:%d/tsa" % self.port

    def stop(self):
        self.server.shutdown()


def write_pdf(path, n_objects=0, payload=0, size=None, seed=b""):
    """A one-page PDF with a classic xref table, @n_objects tiny extra
    objects, a stream of @payload random bytes, and /Size @size when given
    (else the right value)."""
    with open(path, "wb") as f:
        f.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []

        def obj(body):
            offsets.append(f.tell())
            f.write(b"%d 0 obj\n" % len(offsets) + body + b"\nendobj\n")

        obj(b"<< /Type /Catalog /Pages 2 0 R >>")
        obj(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        obj(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>")
        text = b"BT /F1 12 Tf 72 760 Td (" + seed + b") Tj ET"
        obj(b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream")
        if payload:
            offsets.append(f.tell())
            f.write(b"%d 0 obj\n<< /Length %d >>\nstream\n" % (len(offsets), payload))
            chunk = os.urandom(1 << 20)
            left = payload
            while left > 0:
                f.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)
            f.write(b"\nendstream\nendobj\n")
        for i in range(n_objects):
            offsets.append(f.tell())
            f.write(b"%d 0 obj\n%d\nendobj\n" % (len(offsets), i))
        xref = f.tell()
        rows = [b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(offsets) + 1)]
        rows += [b"%010d 00000 n\r\n" % off for off in offsets]
        f.write(b"".join(rows))
        f.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                % (size if size is not None else len(offsets) + 1, xref))


def temporaries(folder):
    """Names of our temporary files in @folder (hidden .besign-XXXXXX.part)."""
    try:
        return sorted(n for n in os.listdir(folder) if TEMP_NAME.match(n))
    except FileNotFoundError:
        return []


def finals(folder, suffix="_signed.pdf"):
    try:
        return sorted(n for n in os.listdir(folder) if n.endswith(suffix) and not n.startswith("."))
    except FileNotFoundError:
        return []


def wait_until(cond, timeout=60.0, step=0.002):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = cond()
        if value:
            return value
        time.sleep(step)
    return None


def start(argv, cwd, env=None, **kw):
    return subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def sign_env(work):
    env = dict(os.environ)
    env["BESIGN_PASSPHRASE"] = open(os.path.join(work, "pass.txt")).read().strip()
    return env


def qpdf_check(path):
    p = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    return p.returncode == 0 and "WARNING" not in p.stdout + p.stderr, p.stdout + p.stderr


def pdfsig_valid(path):
    p = subprocess.run(["pdfsig", path], capture_output=True, text=True)
    return p.stdout.count("Signature is Valid"), p.stdout + p.stderr


def has_dss(path):
    """The catalog of @path, read by qpdf, has a /DSS (PAdES B-LT)."""
    trailer = subprocess.run(["qpdf", "--show-object=trailer", path], capture_output=True, text=True).stdout
    m = re.search(r"/Root (\d+) (\d+) R", trailer)
    if not m:
        return False
    root = subprocess.run(["qpdf", "--show-object=%s,%s" % (m.group(1), m.group(2)), path],
                          capture_output=True, text=True).stdout
    return "/DSS" in root


def process_state(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def stop(proc):
    """SIGSTOP @proc and wait until the kernel says it is stopped."""
    os.kill(proc.pid, signal.SIGSTOP)
    wait_until(lambda: process_state(proc.pid) == "T", timeout=10)


def rm_rf(path):
    shutil.rmtree(path, ignore_errors=True)
