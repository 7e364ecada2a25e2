#!/usr/bin/env python3
"""Replaces the CMS of a PDF's last signature with one made by `openssl cms`.

Usage: resign-openssl.py IN.pdf OUT.pdf [openssl cms -sign options...]
       resign-openssl.py IN.pdf OUT.pdf --x509-rsa-sha1 KEY.pem

The file layout stays the one our signer wrote; only the signature value
changes, so the verifier meets CMS shapes it never produces itself: no
signed attributes (ISO 32000-1 12.8.3.3.1 allows them for
adbe.pkcs7.detached), RSA-PSS, ECDSA, other digests.
"""
import re
import subprocess
import sys


def x509_rsa_sha1(signed_bytes, key):
    """The old adbe.x509.rsa_sha1 form (ISO 32000-1 12.8.3.2): /Contents is
    a DER OCTET STRING holding a PKCS#1 signature of the SHA-1 digest."""
    sig = subprocess.run(["openssl", "dgst", "-sha1", "-sign", key], input=signed_bytes,
                         check=True, capture_output=True).stdout
    return b"\x04\x82" + len(sig).to_bytes(2, "big") + sig


def main():
    src, dst = sys.argv[1:3]
    data = open(src, "rb").read()
    m = list(re.finditer(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data))[-1]
    a, b, c = (int(x) for x in m.groups())
    if sys.argv[3] == "--x509-rsa-sha1":
        # The /SubFilter name is swapped for one of the same length.
        data = data.replace(b"/ETSI.CAdES.detached", b"/adbe.x509.rsa_sha1 ")
        der = x509_rsa_sha1(data[:a] + data[b:b + c], sys.argv[4])
    else:
        der = subprocess.run(["openssl", "cms", "-sign", "-binary", "-outform", "DER"] + sys.argv[3:],
                             input=data[:a] + data[b:b + c], check=True, capture_output=True).stdout
    hexed = der.hex().encode()
    gap = b - a - 2
    if len(hexed) > gap:
        sys.exit("the new signature does not fit in /Contents")
    with open(dst, "wb") as f:
        f.write(data[:a] + b"<" + hexed + b"0" * (gap - len(hexed)) + b">" + data[b:])


if __name__ == "__main__":
    main()
