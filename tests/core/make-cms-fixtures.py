#!/usr/bin/python3
"""Signed PDFs for the verifier's per-rule tests, made with independent
tools: openssl (keys, certificates, CMS, RFC 3161 time-stamps), faketime
(dates in the past), ghostscript and qpdf (the document), asn1crypto
(CMS shapes openssl does not make, and wrong encodings on purpose).

Usage: make-cms-fixtures.py OUTDIR [GROUP...]
       make-cms-fixtures.py --extract FILE.pdf DIR
Writes OUTDIR/<case>.pdf for every case of the groups asked (all when
none): cms, ess, signers, algorithms, weak, timestamps, trust. The cases
and what the verifier must say about them are listed in
tests/core/test-verify-cms.c and test-verify-timestamp.c.

--extract writes, for the last signature of FILE.pdf, what the openssl
command needs to check it on its own: DIR/cms.der (the CMS without the
padding), DIR/content.bin (the signed bytes), DIR/attrs.der (the first
SignerInfo's signed attributes as an explicit SET, as received) and
DIR/signature.der (its signature value; an r||s one as ECDSA-Sig-Value).
"""
import os
import re
import sys

import cmsfix as F
from asn1crypto import algos, core

PAST = "2008-06-01 12:00:00"
PAST_PDF = "20080601120000"


def identities():
    F.root("root")
    F.root("rogue")
    F.issue("signer")
    F.issue("cosigner")
    F.issue("signer-rogue", ca="rogue")
    F.issue("signer-ec", "ec")
    F.issue("signer-ed25519", "ed25519")
    F.issue("signer-ed448", "ed448")
    F.issue("signer-rsa1024", "rsa1024")
    F.issue("signer-revocable", ext=F.SIGNER_EXT + "crlDistributionPoints=URI:http://127.0.0.1:9/root.crl\n"
            "authorityInfoAccess=OCSP;URI:http://127.0.0.1:9/ocsp\n")
    F.issue("signer-encipher", ext="keyUsage=critical,keyEncipherment\n")
    F.issue("signer-2008", days="3650", at="2008-01-01 00:00:00")
    F.issue("tsa", ext=F.TSA_EXT)
    F.issue("tsa-noncritical", ext="keyUsage=critical,digitalSignature\nextendedKeyUsage=timeStamping\n")
    F.issue("tsa-rogue", ext=F.TSA_EXT, ca="rogue")
    F.issue("tsa-2008", ext=F.TSA_EXT, days="3650", at="2008-01-01 00:00:00")
    F.ts_config()
    F.write("doc.ps", b"%!PS\n/Helvetica findfont 18 scalefont setfont 72 760 moveto (SURAT EDARAN) show showpage\n")
    F.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-sOutputFile=doc.pdf", "doc.ps")


def stamp(tsa="tsa", chain=("root",), at=None, forge=None, over=None):
    """Unsigned attributes with a signature time-stamp over the value."""
    def unsigned(value):
        token = F.timestamp_token(over(value) if over else value, tsa, chain, at)
        return [F.timestamp_attribute(forge(token) if forge else token)]
    return unsigned


def custom(signer="signer", md="sha256", digest_alg=None, sig_alg=None, ess="v2", order="der", sign_over="received",
           mutate=None, sign=None, unsigned=None, certs=None, econtent=None, plain=False):
    """A CMS assembled here: the signed attributes in @order, signed over
    their encoding as sent (@sign_over "received") or over the DER."""
    def make(signed):
        inner = econtent(signed) if econtent else None
        c = F.cert(signer)
        ess_attr = {"v2": F.ess_v2([(c, c)]), "v1": F.ess_v1(c), None: None}[ess] if isinstance(ess, (str, type(None))) else ess(c)
        # An empty eContent is not what is signed: the byte ranges still are.
        attrs = F.base_attributes(F.digest(md, inner if inner else signed), ess_attr)
        if mutate:
            attrs = mutate(attrs)
        der_body = F.sorted_set_body(attrs)
        body = der_body if order == "der" else b"".join(sorted(attrs, reverse=True))
        tbs = F.tlv(0x31, der_body if sign_over == "der" else body)
        value = sign(tbs) if sign else F.sign_with(signer, tbs, md)
        if plain:
            value = algos.DSASignature.load(value).to_p1363()
        dig = digest_alg or F.algorithm(F.OID[md])
        info = F.signer_info(signer, body, value, dig, sig_alg or F.algorithm(F.OID["rsa"], F.NULL),
                             unsigned(value) if unsigned else None)
        return F.signed_data([info], certs or [signer, "root"], [dig], inner)
    return make


def ossl(*signers, extra=("-cades",)):
    options = []
    for s in signers:
        options += ["-signer", s + ".pem", "-inkey", s + ".key"]
    return F.openssl_cms(*options, "-md", "sha256", "-certfile", "root.pem", *extra)


def tamper(src, dst):
    data = bytearray(F.read(src))
    i = data.find(b"/Producer(GPL")   # the document information, signed
    data[i + 11] ^= 0x01
    F.write(dst, bytes(data))


def long_inner(attrs):
    """signing-certificate-v2 whose value has a non-minimal length: kept
    as received inside OpenSSL's ANY, so OpenSSL verifies it."""
    out = []
    for a in attrs:
        kind, values = F.children(a)
        if core.load(kind).dotted == "1.2.840.113549.1.9.16.2.47":
            value = core.load(F.children(values)[0])
            a = F.tlv(0x30, kind + F.tlv(0x31, F.tlv(0x30, value.contents, long_length=True)))
        out.append(a)
    return out


def long_outer(attrs):
    return [F.tlv(0x30, core.load(a).contents, long_length=True) for a in attrs]


def two_signers_cosigner_broken(signed):
    der = ossl("signer", "cosigner")(signed)
    ci = F.cms.ContentInfo.load(der)
    serial = F.cert("cosigner").serial_number
    info = [i for i in ci["content"]["signer_infos"] if i["sid"].chosen["serial_number"].native == serial][0]
    value = info["signature"].native
    return der.replace(value, F.flip_last_byte(value))


def sha1_of(signed):
    return F.digest("sha1", signed)


def plain_bad(tbs):
    value = F.sign_with("signer-ec", tbs)
    p1363 = bytearray(algos.DSASignature.load(value).to_p1363())
    p1363[5] ^= 0x01
    return algos.DSASignature.from_p1363(bytes(p1363)).dump()


def ed(signer):
    return lambda tbs: F.sign_with(signer, tbs, raw=True)


SHAKE = F.algorithm(F.OID["shake256-len"], core.Integer(512).dump())
CASES = {
    "cms": {
        "openssl-cades": dict(make=ossl("signer")),
        "noattr": dict(make=ossl("signer", extra=("-noattr",)), sub_filter=b"/adbe.pkcs7.detached"),
        "noattr-ec": dict(make=ossl("signer-ec", extra=("-noattr",)), sub_filter=b"/adbe.pkcs7.detached"),
        "assembled": dict(make=custom()),
        "attrs-unsorted": dict(make=custom(order="reversed")),
        "attrs-unsorted-der-signed": dict(make=custom(order="reversed", sign_over="der")),
        "attrs-long-inner": dict(make=custom(mutate=long_inner)),
        "attrs-long-outer": dict(make=custom(mutate=long_outer)),
        "sigalg-sha3-over-sha256": dict(make=custom(sig_alg=F.algorithm(F.OID["sha3-256-rsa"]))),
        "sigalg-matching": dict(make=custom(sig_alg=F.algorithm(F.OID["sha256-rsa"], F.NULL))),
        "digestalg-is-sigalg": dict(make=custom(digest_alg=F.algorithm(F.OID["sha256-rsa"], F.NULL))),
        "econtent-empty": dict(make=custom(econtent=lambda signed: b"")),
    },
    "ess": {
        "ess-none": dict(make=custom(ess=None)),
        "ess-v1": dict(make=custom(ess="v1")),
        "ess-v1-no-issuer-serial": dict(make=custom(ess=lambda c: F.ess_v1(c, False))),
        "ess-v2-sha512": dict(make=custom(ess=lambda c: F.ess_v2([(c, c)], "sha512"))),
        "ess-v2-no-issuer-serial": dict(make=custom(ess=lambda c: F.ess_v2([(c, c)], with_issuer_serial=False))),
        "ess-v2-chain": dict(make=custom(ess=lambda c: F.ess_v2([(c, c), (F.cert("root"), F.cert("root"))]),
                                         certs=["signer"])),
        "ess-v2-other-cert": dict(make=custom(ess=lambda c: F.ess_v2([(F.cert("cosigner"), F.cert("cosigner"))]))),
        "ess-v2-other-serial": dict(make=custom(ess=lambda c: F.ess_v2([(c, F.cert("cosigner"))]))),
    },
    "signers": {
        "two-signers": dict(make=ossl("signer", "cosigner")),
        "two-signers-one-untrusted": dict(make=ossl("signer-rogue", "signer")),
        "two-signers-cosigner-broken": dict(make=two_signers_cosigner_broken),
    },
    "algorithms": {
        "ecdsa": dict(make=custom(signer="signer-ec", sig_alg=F.algorithm(F.OID["ecdsa-sha256"]))),
        "plain-ecdsa": dict(make=custom(signer="signer-ec", sig_alg=F.algorithm(F.OID["plain-ecdsa-sha256"]), plain=True)),
        "plain-ecdsa-bad": dict(make=custom(signer="signer-ec", sig_alg=F.algorithm(F.OID["plain-ecdsa-sha256"]),
                                            plain=True, sign=plain_bad)),
        "ed25519": dict(make=custom(signer="signer-ed25519", md="sha512", sig_alg=F.algorithm(F.OID["ed25519"]),
                                    sign=ed("signer-ed25519"))),
        "ed448": dict(make=custom(signer="signer-ed448", md="shake256-len", digest_alg=SHAKE,
                                  sig_alg=F.algorithm(F.OID["ed448"]), sign=ed("signer-ed448"))),
        "unknown-sigalg": dict(make=custom(sig_alg=F.algorithm(F.OID["unknown"]))),
        "unknown-digest": dict(make=custom(digest_alg=F.algorithm(F.OID["unknown"]))),
    },
    "weak": {
        "sha1-no-poe": dict(make=custom(signer="signer-2008", md="sha1"), when=PAST_PDF),
        "sha1-stamped-2008": dict(make=custom(signer="signer-2008", md="sha1",
                                              unsigned=stamp("tsa-2008", at=PAST)), when=PAST_PDF),
        "sha1-stamped-now": dict(make=custom(md="sha1", unsigned=stamp())),
        "rsa-1024": dict(make=custom(signer="signer-rsa1024")),
        "pkcs7-sha1": dict(make=custom(econtent=sha1_of), sub_filter=b"/adbe.pkcs7.sha1"),
    },
    "timestamps": {
        "ts-good": dict(make=custom(unsigned=stamp())),
        "ts-wrong-imprint": dict(make=custom(unsigned=stamp(over=lambda v: v + b"!"))),
        "ts-altered-gentime": dict(make=custom(unsigned=stamp(forge=F.alter_gentime))),
        "ts-broken-signature": dict(make=custom(unsigned=stamp(forge=F.flip_last_byte))),
        "ts-untrusted-tsa": dict(make=custom(unsigned=stamp("tsa-rogue", ("rogue",)))),
        "ts-eku-not-critical": dict(make=custom(unsigned=stamp(forge=lambda t: F.resigned_token(t, "tsa-noncritical")))),
        "ts-resigned-by-tsa": dict(make=custom(unsigned=stamp(forge=lambda t: F.resigned_token(t, "tsa")))),
    },
    "trust": {
        "revocation-source-offline": dict(make=custom(signer="signer-revocable")),
        "no-signing-key-usage": dict(make=custom(signer="signer-encipher")),
    },
}

DOC_TIMESTAMPS = {
    "doc-ts-good": lambda signed: F.timestamp_token(signed),
    "doc-ts-wrong-imprint": lambda signed: F.timestamp_token(signed + b"!"),
    "doc-ts-altered-gentime": lambda signed: F.alter_gentime(F.timestamp_token(signed)),
    "doc-ts-broken-signature": lambda signed: F.flip_last_byte(F.timestamp_token(signed)),
}


def extract(pdf, out):
    data = open(pdf, "rb").read()
    m = list(re.finditer(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data))[-1]
    a, b, c = (int(x) for x in m.groups())
    der = bytes.fromhex(data[a + 1:b - 1].decode())
    der = der[:len(core.load(der, strict=False).dump())]
    info = F.cms.ContentInfo.load(der)["content"]["signer_infos"][0]
    value = info["signature"].native
    if info["signature_algorithm"]["algorithm"].dotted.startswith("0.4.0.127.0.7.1.1.4.1."):
        value = algos.DSASignature.from_p1363(value).dump()
    attrs = info["signed_attrs"].dump()
    files = {"cms.der": der, "content.bin": data[:a] + data[b:b + c], "attrs.der": b"\x31" + attrs[1:],
             "signature.der": value}
    for name, blob in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(blob)


def main():
    if sys.argv[1] == "--extract":
        extract(sys.argv[2], sys.argv[3])
        return
    out = os.path.abspath(sys.argv[1])
    groups = sys.argv[2:] or list(CASES) + ["doc-timestamps"]
    os.makedirs(out, exist_ok=True)
    F.WORK = out
    identities()
    for group in groups:
        for name, case in CASES.get(group, {}).items():
            F.sign_pdf("doc.pdf", name + ".pdf", case["make"], case.get("sub_filter", b"/ETSI.CAdES.detached"),
                       case.get("when"))
    if "cms" in groups:
        tamper("noattr.pdf", "noattr-tampered.pdf")
    if "algorithms" in groups:
        tamper("ed25519.pdf", "ed25519-tampered.pdf")
    if "doc-timestamps" in groups:
        F.sign_pdf("doc.pdf", "base.pdf", custom())
        for name, make in DOC_TIMESTAMPS.items():
            F.sign_pdf("base.pdf", name + ".pdf", make, b"/ETSI.RFC3161", doc_ts=True)


if __name__ == "__main__":
    main()
