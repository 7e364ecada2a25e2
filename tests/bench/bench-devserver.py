#!/usr/bin/env python3
"""Speed of besign-devserver, beside OpenSSL's own speed on this machine.

Measures, over HTTP on loopback:
  * hash signatures per second through /api/v2/sign/hash, 100 hashes per
    request, 1 and 2 clients (floor beside it: `openssl speed rsa2048`
    signatures per second on one core);
  * RFC 3161 replies per second from /tsa, 4 clients;
  * login latency (POST /api/v2/auth/login) at 20 concurrent clients:
    median and p99;
  * `besign-cli sign --server` of 100 one-page documents end to end (one
    hash request), beside the same batch through /api/v2/sign/pdf
    (--server-side, one whole document per request).
Never a pass/fail test. Usage: bench-devserver.py [--quick]
(BESIGN_DEVSERVER selects the binary; oathtool makes the TOTP codes).
"""
import base64
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERVER = os.environ.get("BESIGN_DEVSERVER", os.path.join(TOP, "build", "src", "devserver", "besign-devserver"))
CLI = os.environ.get("BESIGN_CLI", os.path.join(TOP, "build", "src", "cli", "besign-cli"))
QUICK = "--quick" in sys.argv


class Client:
    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)

    def post(self, path, body, token=None, content_type="application/json"):
        headers = {"Content-Type": content_type}
        if token:
            headers["Authorization"] = "Bearer " + token
        data = json.dumps(body).encode() if content_type == "application/json" else body
        self.conn.request("POST", path, body=data, headers=headers)
        r = self.conn.getresponse()
        payload = r.read()
        if r.status >= 300:
            raise SystemExit("%s: %d %s" % (path, r.status, payload[:200]))
        return json.loads(payload) if content_type == "application/json" else payload


account_path = None


def start_server(tmp):
    out = open(os.path.join(tmp, "server.out"), "w")
    proc = subprocess.Popen([SERVER, "--data-dir", os.path.join(tmp, "data"), "--demo"],
                            stdout=out, stderr=subprocess.DEVNULL)
    global account_path
    account = account_path = os.path.join(tmp, "data", "demo-account.json")
    for _ in range(600):
        if os.path.exists(account):
            return proc, json.load(open(account))
        time.sleep(0.05)
    raise SystemExit("the server did not start")


def access_token(base, account):
    c = Client(base)
    login = c.post("/api/v2/auth/login", {"username": account["username"], "password": account["password"]})
    setup = c.post("/api/v2/auth/otp/setup", {"loginToken": login["loginToken"]})
    code = subprocess.run(["oathtool", "--totp", "-b", setup["secret"]], capture_output=True, text=True,
                          check=True).stdout.strip()
    session = c.post("/api/v2/auth/otp/register",
                     {"loginToken": login["loginToken"], "code": code, "deviceName": "bench"})
    return session["accessToken"]


def in_threads(n, work):
    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def hash_signing_rate(base, account, token, clients, requests_each):
    hashes = [{"id": "d%d" % i, "hash": base64.b64encode(os.urandom(32)).decode()} for i in range(100)]
    body = {"passphrase": account["passphrase"], "digestAlgorithm": "SHA256", "hashes": hashes}
    Client(base).post("/api/v2/sign/hash", body, token)  # unlocks the key once

    def work(i):
        c = Client(base)
        for _ in range(requests_each):
            c.post("/api/v2/sign/hash", body, token)
    seconds = in_threads(clients, work)
    return clients * requests_each * 100 / seconds


def tsa_rate(base, tmp, clients, requests_each):
    doc = os.path.join(tmp, "doc.txt")
    query = os.path.join(tmp, "q.tsq")
    open(doc, "w").write("bench")
    subprocess.run(["openssl", "ts", "-query", "-data", doc, "-sha256", "-cert", "-out", query], check=True,
                   capture_output=True)
    q = open(query, "rb").read()

    def work(i):
        c = Client(base)
        for _ in range(requests_each):
            c.post("/tsa", q, content_type="application/timestamp-query")
    return clients * requests_each / in_threads(clients, work)


def login_latencies(base, account, clients, requests_each):
    latencies = []
    lock = threading.Lock()
    body = {"username": account["username"], "password": account["password"]}

    def work(i):
        c = Client(base)
        mine = []
        for _ in range(requests_each):
            start = time.perf_counter()
            c.post("/api/v2/auth/login", body)
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)
    in_threads(clients, work)
    latencies.sort()
    return statistics.median(latencies), latencies[int(len(latencies) * 0.99) - 1]


def cli_batch_seconds(account, tmp, extra, step_offset):
    """besign-cli sign --server of 100 copies of the sample letter."""
    inputs = os.path.join(tmp, "in")
    if not os.path.isdir(inputs):
        os.mkdir(inputs)
        sample = open(os.path.join(TOP, "data", "demo", "sample.pdf"), "rb").read()
        for i in range(100):
            open(os.path.join(inputs, "doc-%03d.pdf" % i), "wb").write(sample)
    out = tempfile.mkdtemp(dir=tmp)
    for name, key in (("pw", "password"), ("pp", "passphrase")):
        open(os.path.join(tmp, name), "w").write(account[key])
    code = subprocess.run(["oathtool", "--totp", "-b", "-N", "now + %d seconds" % step_offset, account["totpSecret"]],
                          capture_output=True, text=True, check=True).stdout.strip()
    cmd = [CLI, "sign", "--server", account["baseUrl"], "--user", account["username"],
           "--password-file", os.path.join(tmp, "pw"),
           "--passphrase-file", os.path.join(tmp, "pp"), "--output-dir", out] + extra + [inputs]
    start = time.perf_counter()
    p = subprocess.run(cmd, input=code + "\n", capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if p.returncode != 0 or len(os.listdir(out)) != 100:
        raise SystemExit("batch failed: %s" % p.stderr[-500:])
    return seconds


def new_device(base, account):
    """A device of its own for one CLI login: (id, code for the next step)."""
    c = Client(base)
    login = c.post("/api/v2/auth/login", {"username": account["username"], "password": account["password"]})
    setup = c.post("/api/v2/auth/otp/setup", {"loginToken": login["loginToken"]})
    code = subprocess.run(["oathtool", "--totp", "-b", setup["secret"]], capture_output=True, text=True,
                          check=True).stdout.strip()
    name = "bench-%s" % os.urandom(4).hex()
    c.post("/api/v2/auth/otp/register", {"loginToken": login["loginToken"], "code": code, "deviceName": name})
    login = c.post("/api/v2/auth/login", {"username": account["username"], "password": account["password"]})
    device = [d["id"] for d in login["devices"] if d["name"] == name][0]
    nxt = subprocess.run(["oathtool", "--totp", "-b", "-N", "now + 30 seconds", setup["secret"]],
                         capture_output=True, text=True, check=True).stdout.strip()
    return device, nxt


def cli_sign(account, tmp, level, src, out):
    device, code = new_device(account["baseUrl"], account)
    cmd = [CLI, "sign", "--server", account["baseUrl"], "--user", account["username"], "--device", device,
           "--password-file", os.path.join(tmp, "pw"),
           "--passphrase-file", os.path.join(tmp, "pp"), "--tsa", account["baseUrl"] + "/tsa",
           "--level", level, "-o", out, src]
    start = time.perf_counter()
    p = subprocess.run(cmd, input=code + "\n", capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit("sign failed: %s" % p.stderr[-300:])
    return time.perf_counter() - start


def long_term(account, tmp, runs):
    """B-LT signing of one page; offline verification of 8 signatures + LTA."""
    sample = os.path.join(TOP, "data", "demo", "sample.pdf")
    lt = statistics.median([cli_sign(account, tmp, "B-LT", sample, os.path.join(tmp, "lt-%d.pdf" % i))
                            for i in range(runs)])
    doc = sample
    for i in range(8):
        nxt = os.path.join(tmp, "eight-%d.pdf" % i)
        cli_sign(account, tmp, "B-T", doc, nxt)
        doc = nxt
    lta = os.path.join(tmp, "eight-lta.pdf")
    subprocess.run([CLI, "ltv", "--timestamp", "--tsa", account["baseUrl"] + "/tsa", "-o", lta, doc],
                   check=True, capture_output=True)
    root = os.path.join(os.path.dirname(account_path), "root.pem")
    verify = []
    peer = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([CLI, "verify", "--trust", root, lta], capture_output=True)
        verify.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run(["pdfsig", lta], capture_output=True)
        peer.append(time.perf_counter() - start)
    return lt, statistics.median(verify), statistics.median(peer)


def openssl_rsa_rate():
    out = subprocess.run(["openssl", "speed", "-seconds", "2", "rsa2048"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("rsa 2048 bits"):
            return float(line.split()[5])
    return float("nan")


def main():
    tmp = tempfile.mkdtemp(prefix="besign-bench-ds-")
    proc = None
    try:
        proc, account = start_server(tmp)
        base = account["baseUrl"]
        token = access_token(base, account)
        n = 5 if QUICK else 20
        one = hash_signing_rate(base, account, token, 1, n)
        two = hash_signing_rate(base, account, token, 2, n)
        print("sign/hash, 100 hashes per request: %.0f signatures/s (1 client), %.0f/s (2 clients); "
              "floor: openssl speed rsa2048 %.0f sign/s on one core" % (one, two, openssl_rsa_rate()))
        print("TSA: %.0f replies/s (4 clients)" % tsa_rate(base, tmp, 4, 50 if QUICK else 250))
        median, p99 = login_latencies(base, account, 20, 5 if QUICK else 25)
        print("login at 20 concurrent clients: median %.1f ms, p99 %.1f ms" % (median * 1000, p99 * 1000))
        remote = cli_batch_seconds(account, tmp, [], -30)
        server_side = cli_batch_seconds(account, tmp, ["--server-side"], 0)
        print("100 one-page documents, besign-cli sign --server: %.2f s (hashes only, one request); "
              "through /api/v2/sign/pdf, one document per request: %.2f s" % (remote, server_side))
        lt, lta_verify, peer = long_term(account, tmp, 3 if QUICK else 5)
        print("B-LT signing of one page (login, hash, TSA, OCSP, DSS): %.0f ms; offline verification of a "
              "B-LTA document with 8 signatures: %.0f ms (peer pdfsig %.0f ms)" % (lt * 1000, lta_verify * 1000,
                                                                                peer * 1000))
    finally:
        if proc:
            proc.terminate()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
