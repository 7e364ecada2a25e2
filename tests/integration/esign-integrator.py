#!/usr/bin/env python3
"""An integrating application of the Esign Client Service v2, written the
way agencies write theirs (plain urllib, HTTP Basic, JSON bodies, base64
PDFs), run against besign-devserver. It checks every Esign endpoint the
dev server offers and prints TAP.

The e-mails a real service would send are read from the server's outbox,
as an operator would read the official mailbox.

Usage: esign-integrator.py  (BESIGN_DEVSERVER and BESIGN_SOURCE_DIR set)
"""
import base64
import email
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print("%s %d - %s%s" % ("ok" if condition else "not ok", len(results), name,
                             "" if condition or not detail else " # " + str(detail)[:300]))
    sys.stdout.flush()


class Esign:
    """The integration's client: Basic credentials on every call."""

    def __init__(self, base_url, user, password):
        self.base_url = base_url
        self.auth = "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()

    def call(self, method, path, body=None, auth=True):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base_url + path, data=data, method=method)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if auth:
            req.add_header("Authorization", self.auth if auth is True else auth)
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def post(self, path, body, auth=True):
        status, raw = self.call("POST", path, body, auth)
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, raw


def start_server(tmp):
    data = os.path.join(tmp, "data")
    out = open(os.path.join(tmp, "server.out"), "w")
    proc = subprocess.Popen([os.environ["BESIGN_DEVSERVER"], "--data-dir", data, "--demo"],
                            stdout=out, stderr=subprocess.STDOUT)
    account_path = os.path.join(data, "demo-account.json")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if os.path.exists(account_path):
            try:
                return proc, data, json.load(open(account_path))
            except ValueError:
                pass
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("Bail out! the dev server did not start")


def newest_mail_value(data, marker):
    for path in sorted(glob.glob(os.path.join(data, "outbox", "*.eml")), reverse=True):
        body = email.message_from_bytes(open(path, "rb").read()).get_payload(decode=True).decode()
        m = re.search(re.escape(marker) + r"(\S+)", body)
        if m:
            return m.group(1)
    return None


def b64_file(path):
    return base64.b64encode(open(path, "rb").read()).decode()


def main():
    tmp = tempfile.mkdtemp(prefix="besign-integrator-")
    proc, data, acct = start_server(tmp)
    try:
        run(Esign(acct["baseUrl"], acct["integrationUser"], acct["integrationPassword"]), acct, data)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


def run(api, acct, data):
    sample = b64_file(os.path.join(os.environ["BESIGN_SOURCE_DIR"], "data", "demo", "sample.pdf"))
    nik, mail = acct["nik"], acct["email"]

    # Authentication: Spring's 401 without or with wrong credentials.
    status, body = api.post("/api/v2/user/check/status", {"nik": nik}, auth=False)
    check("no credentials: 401 in Spring's shape", status == 401 and isinstance(body, dict)
          and body.get("status") == 401 and body.get("error") == "Unauthorized"
          and body.get("path") == "/api/v2/user/check/status" and "timestamp" in body, body)
    wrong = "Basic " + base64.b64encode(b"%s:salah" % acct["integrationUser"].encode()).decode()
    status, body = api.post("/api/v2/verify/pdf", {"file": sample}, auth=wrong)
    check("wrong password: 401", status == 401 and body.get("error") == "Unauthorized", body)

    # Status.
    status, body = api.post("/api/v2/user/check/status", {"nik": nik})
    check("status by NIK: ISSUE, 1111", status == 200 and body["status"] == "ISSUE" and body["status_code"] == 1111, body)
    status, body = api.post("/api/v2/user/check/status", {"email": mail})
    check("status by e-mail", status == 200 and body["status"] == "ISSUE", body)
    status, body = api.post("/api/v2/user/check/status", {})
    check("status of nobody: 200, 2011", status == 200 and body["status_code"] == 2011, body)

    # Chain, with and without /v2.
    for path in ("/api/v2/user/certificate/chain/", "/api/user/certificate/chain/"):
        status, raw = api.call("GET", path + nik)
        chain = json.loads(raw).get("data", []) if status == 200 else []
        check("chain %s: three DER certificates" % path,
              len(chain) == 3 and all(base64.b64decode(c)[:1] == b"\x30" for c in chain), raw[:200])
    status, raw = api.call("GET", "/api/v2/user/certificate/chain/tidak-ada")
    check("chain of nobody: 400", status == 400)

    # Signing with the passphrase: invisible, visible at originX/originY, at a marker.
    pp = acct["passphrase"]
    bodies = {
        "invisible": {"tampilan": "INVISIBLE", "reason": "Disetujui", "location": "Jakarta"},
        "visible at originX/originY": {"tampilan": "VISIBLE", "page": 1, "originX": 72.0, "originY": 600.0,
                                       "width": 150.0, "height": 50.0, "reason": "Disetujui"},
        "visible at tag_koordinat": {"tampilan": "VISIBLE", "tag_koordinat": "Jakarta,", "width": 150.0,
                                     "height": 50.0},
    }
    signed = {}
    for name, props in bodies.items():
        status, body = api.post("/api/v2/sign/pdf", {"nik": nik, "passphrase": pp, "signatureProperties": [props],
                                                      "file": [sample]})
        ok = status == 200 and isinstance(body.get("file"), list) and len(body["file"]) == 1 \
            and isinstance(body.get("time"), int)
        check("sign/pdf %s: {time, file[1]}" % name, ok, body if not ok else "")
        if ok:
            signed[name] = body["file"][0]
    status, body = api.post("/api/v2/sign/pdf", {"nik": nik, "passphrase": "salah sekali",
                                                  "signatureProperties": [{"tampilan": "INVISIBLE"}], "file": [sample]})
    check("wrong passphrase: status_code 2031, 'Passphrase anda salah'",
          status == 400 and body.get("status_code") == 2031 and body.get("error") == "Passphrase anda salah", body)

    # Signing with an e-mailed OTP: one code for two files, in one request.
    status, body = api.post("/api/v2/sign/get/totp", {"email": mail, "data": 2})
    check("sign/get/totp: success", status == 200 and body.get("success") is True, body)
    code = newest_mail_value(data, "Kode OTP penandatanganan anda: ")
    status, body = api.post("/api/v2/sign/pdf", {"email": mail, "totp": code,
                                                  "signatureProperties": [{"tampilan": "INVISIBLE"}],
                                                  "file": [sample, sample]})
    check("sign/pdf with the OTP: two files", status == 200 and len(body.get("file", [])) == 2, body)
    status, body = api.post("/api/v2/sign/pdf", {"email": mail, "totp": code,
                                                  "signatureProperties": [{"tampilan": "INVISIBLE"}], "file": [sample]})
    check("the OTP serves once", status == 401, body)

    # Verification.
    for name, pdf in signed.items():
        status, body = api.post("/api/v2/verify/pdf", {"file": pdf})
        info = (body.get("signatureInformations") or [{}])[0] if status == 200 else {}
        check("verify/pdf of the %s signature: VALID, PAdES-BASELINE-T" % name,
              status == 200 and body["conclusion"] == "VALID" and body["signatureCount"] == 1
              and info.get("signatureFormat") == "PAdES-BASELINE-T" and info.get("timestampInfomation"), body)
    status, body = api.post("/api/v2/verify/pdf", {"file": sample})
    check("verify/pdf unsigned: NO_SIGNATURE", status == 200 and body["conclusion"] == "NO_SIGNATURE", body)
    status, body = api.post("/api/v2/verify/pdf", {"file": ""})
    check("verify/pdf empty: 500", status == 500, body)

    # The institution's seal.
    sub = acct["sealSubscriberId"]
    status, body = api.post("/api/v2/seal/get/activation", {"idSubscriber": sub})
    check("seal/get/activation: mailed", status == 200 and body.get("success") is True, body)
    activation = newest_mail_value(data, "Kode aktivasi segel elektronik %s: " % sub)
    status, body = api.post("/api/v2/seal/get/activation", {"idSubscriber": sub, "totp": activation})
    activation = (body.get("data") or {}).get("totp") if status == 200 else None
    check("seal/get/activation with the code: a new code", activation is not None, body)
    status, body = api.post("/api/v2/seal/get/totp", {"idSubscriber": sub, "totp": activation, "data": "1"})
    seal_code = body.get("totp") if status == 200 and body.get("result") else None
    check("seal/get/totp: a seal code", seal_code is not None, body)
    status, body = api.post("/api/v2/seal/pdf", {"idSubscriber": sub, "totp": seal_code,
                                                  "signatureProperties": [{"tampilan": "INVISIBLE", "location": "null",
                                                                           "reason": "null", "contactInfo": "null"}],
                                                  "file": [sample]})
    check("seal/pdf: sealed", status == 200 and len(body.get("file", [])) == 1, body)
    if status == 200:
        status, verdict = api.post("/api/v2/verify/pdf", {"file": body["file"][0]})
        info = (verdict.get("signatureInformations") or [{}])[0]
        check("the seal verifies, signed by the institution", verdict.get("conclusion") == "VALID"
              and "Segel Elektronik" in (info.get("signerName") or ""), verdict)
    status, body = api.post("/api/v2/seal/revoke/activation", {"idSubscriber": sub, "totp": activation})
    check("seal/revoke/activation", status == 200 and body.get("success") is True, body)

    # Registration.
    status, body = api.post("/api/v2/user/registration", {"nama": "Pegawai Baru", "email": "baru@besign-dev.go.id"})
    check("user/registration: 2021", status == 200 and body.get("status_code") == 2021, body)
    status, body = api.post("/api/v2/user/check/status", {"email": "baru@besign-dev.go.id"})
    check("the new user is registered without a certificate", body.get("status") == "NO_CERTIFICATE", body)


if __name__ == "__main__":
    sys.exit(main())
