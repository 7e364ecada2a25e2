#!/usr/bin/env python3
"""Replaces the CMS of a PDF's last signature with one made by `openssl cms`.

Usage: resign-openssl.py IN.pdf OUT.pdf [openssl cms -sign options...]

The file layout stays the one our signer wrote; only the signature value
changes, so the verifier meets CMS shapes it never produces itself: no
signed attributes (ISO 32000-1 12.8.3.3.1 allows them for
adbe.pkcs7.detached), RSA-PSS, ECDSA, other digests.
"""
import re
import subprocess
import sys


def main():
    src, dst = sys.argv[1:3]
    data = open(src, "rb").read()
    m = list(re.finditer(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data))[-1]
    a, b, c = (int(x) for x in m.groups())
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
