"""Helpers of make-cms-fixtures.py: certificates and time-stamps made by
the openssl command (under faketime for dates in the past), CMS
structures assembled from asn1crypto parts byte by byte (so that an
encoding can be made wrong on purpose), and PDFs signed by an
incremental update written here (qpdf reads the file's trailer).

Nothing here comes from BeSign's own code. Run with /usr/bin/python3
(Debian's python3-asn1crypto).
"""
import hashlib
import os
import re
import subprocess
import sys

from asn1crypto import algos, cms, core, tsp, x509

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "attacks"))
attacks = __import__("make-attacks")

WORK = "."


def run(*cmd, data=None, at=None):
    if at is not None:
        cmd = ("faketime", at) + cmd
    return subprocess.run(cmd, input=data, capture_output=True, check=True, cwd=WORK).stdout


def path(name):
    return os.path.join(WORK, name)


def read(name):
    with open(path(name), "rb") as f:
        return f.read()


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


# ---- certificates -----------------------------------------------------------

KEYS = {
    "rsa": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    "rsa1024": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
    "ec": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    "ed25519": ["-algorithm", "ed25519"],
    "ed448": ["-algorithm", "ed448"],
}
SIGNER_EXT = "keyUsage=critical,digitalSignature,nonRepudiation\n"
TSA_EXT = "keyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n"


def root(name, at="2007-01-01 00:00:00"):
    """A CA valid from 2007 to 2031, so that signatures dated 2008 chain."""
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".pem",
        "-days", "9000", "-subj", "/CN=CMS Fixture " + name, "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign", at=at)
    run("openssl", "x509", "-in", name + ".pem", "-outform", "DER", "-out", name + ".der")


def issue(name, kind="rsa", ext=SIGNER_EXT, ca="root", days="30", at=None):
    run("openssl", "genpkey", *KEYS[kind], "-out", name + ".key")
    run("openssl", "req", "-new", "-key", name + ".key", "-subj", "/CN=CMS Fixture " + name, "-out", name + ".csr")
    write(name + ".ext", ext.encode())
    run("openssl", "x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
        "-CAcreateserial", "-days", days, "-extfile", name + ".ext", "-out", name + ".pem", at=at)
    run("openssl", "x509", "-in", name + ".pem", "-outform", "DER", "-out", name + ".der")


def cert(name):
    return x509.Certificate.load(read(name + ".der"))


# ---- DER by hand -------------------------------------------------------------

def tlv(tag, content, long_length=False):
    n = len(content)
    if long_length:
        length = b"\x82" + n.to_bytes(2, "big")
    elif n < 0x80:
        length = bytes([n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + length + content


def children(der):
    """The TLVs inside a constructed value, as bytes."""
    rest, out = core.load(der).contents, []
    while rest:
        n = len(core.load(rest, strict=False).dump())
        out.append(rest[:n])
        rest = rest[n:]
    return out


def oid(dotted):
    return core.ObjectIdentifier(dotted).dump()


def algorithm(dotted, params=b""):
    return tlv(0x30, oid(dotted) + params)


NULL = b"\x05\x00"
OID = {
    "sha1": "1.3.14.3.2.26", "sha256": "2.16.840.1.101.3.4.2.1", "sha512": "2.16.840.1.101.3.4.2.3",
    "shake256-len": "2.16.840.1.101.3.4.2.18", "rsa": "1.2.840.113549.1.1.1",
    "sha256-rsa": "1.2.840.113549.1.1.11", "sha3-256-rsa": "2.16.840.1.101.3.4.3.14",
    "ecdsa-sha256": "1.2.840.10045.4.3.2", "plain-ecdsa-sha256": "0.4.0.127.0.7.1.1.4.1.3",
    "ed25519": "1.3.101.112", "ed448": "1.3.101.113", "data": "1.2.840.113549.1.7.1",
    "signed-data": "1.2.840.113549.1.7.2", "timestamp-token": "1.2.840.113549.1.9.16.2.14",
    "unknown": "1.3.6.1.4.1.99999.7.1",
}


def digest(name, data):
    if name == "shake256-len":
        return hashlib.shake_256(data).digest(64)
    return hashlib.new(name, data).digest()


# ---- signed attributes -------------------------------------------------------

def attribute(kind, value):
    return cms.CMSAttribute({"type": kind, "values": [value]}).dump()


def issuer_serial(c):
    return {"issuer": [x509.GeneralName({"directory_name": c.issuer})], "serial_number": c.serial_number}


def ess_v2(certs, hash_name="sha256", with_issuer_serial=True):
    ids = []
    for c, serial_of in certs:
        entry = {"hash_algorithm": {"algorithm": hash_name}, "cert_hash": hashlib.new(hash_name, c.dump()).digest()}
        if with_issuer_serial:
            entry["issuer_serial"] = issuer_serial(serial_of)
        ids.append(tsp.ESSCertIDv2(entry))
    return attribute("signing_certificate_v2", tsp.SigningCertificateV2({"certs": ids}))


def ess_v1(c, with_issuer_serial=True):
    entry = {"cert_hash": hashlib.sha1(c.dump()).digest()}
    if with_issuer_serial:
        entry["issuer_serial"] = issuer_serial(c)
    return attribute("signing_certificate", tsp.SigningCertificate({"certs": [tsp.ESSCertID(entry)]}))


def base_attributes(content_digest, ess):
    attrs = [attribute("content_type", "data"), attribute("message_digest", content_digest)]
    return attrs + ([ess] if ess else [])


# ---- signatures by the openssl command --------------------------------------

def sign_with(key, data, md="sha256", raw=False):
    if raw:  # EdDSA signs the message itself
        write("tbs.bin", data)
        return run("openssl", "pkeyutl", "-sign", "-rawin", "-inkey", key + ".key", "-in", "tbs.bin")
    return run("openssl", "dgst", "-" + md, "-sign", key + ".key", data=data)


def signer_info(signer, attrs, signature, digest_alg, signature_alg, unsigned=None):
    c = cert(signer)
    sid = cms.SignerIdentifier({"issuer_and_serial_number": cms.IssuerAndSerialNumber(
        {"issuer": c.issuer, "serial_number": c.serial_number})}).dump()
    body = core.Integer(1).dump() + sid + digest_alg
    if attrs is not None:
        body += tlv(0xA0, attrs)
    body += signature_alg + tlv(0x04, signature)
    if unsigned:
        body += tlv(0xA1, b"".join(unsigned))
    return tlv(0x30, body)


def signed_data(signer_infos, certs, digest_algs, econtent=None):
    encap = oid(OID["data"]) + (tlv(0xA0, tlv(0x04, econtent)) if econtent is not None else b"")
    body = (core.Integer(1).dump() + tlv(0x31, b"".join(sorted(set(digest_algs)))) + tlv(0x30, encap)
            + tlv(0xA0, b"".join(read(n + ".der") for n in certs)) + tlv(0x31, b"".join(signer_infos)))
    return tlv(0x30, oid(OID["signed-data"]) + tlv(0xA0, tlv(0x30, body)))


def sorted_set_body(attrs):
    return b"".join(sorted(attrs))


# ---- time-stamps by `openssl ts` ---------------------------------------------

def ts_config():
    write("tsaserial", b"01\n")
    write("ts.cnf", b"""[tsa]
default_tsa = tsa_config
[tsa_config]
serial = tsaserial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
ess_cert_id_alg = sha256
""")


def timestamp_token(data, tsa="tsa", chain=("root",), at=None):
    write("ts-data.bin", data)
    run("openssl", "ts", "-query", "-data", "ts-data.bin", "-sha256", "-cert", "-no_nonce", "-out", "q.tsq")
    write("tsa-chain.pem", b"".join(read(n + ".pem") for n in (tsa,) + tuple(chain)))
    run("openssl", "ts", "-reply", "-config", "ts.cnf", "-queryfile", "q.tsq", "-signer", tsa + ".pem",
        "-inkey", tsa + ".key", "-chain", "tsa-chain.pem", "-token_out", "-out", "token.der", at=at)
    return read("token.der")


def resigned_token(token, tsa):
    """The TSTInfo of @token signed by @tsa with `openssl cms` (`openssl
    ts -reply` refuses authorities whose certificate is not fit for
    time-stamping, which is what such a token is for)."""
    info = cms.ContentInfo.load(token)["content"]["encap_content_info"]["content"].parsed.dump()
    write("tstinfo.der", info)
    return run("openssl", "cms", "-sign", "-binary", "-nodetach", "-outform", "DER", "-in", "tstinfo.der",
               "-econtent_type", "1.2.840.113549.1.9.16.1.4", "-signer", tsa + ".pem", "-inkey", tsa + ".key",
               "-md", "sha256", "-cades", "-certfile", "root.pem")


def timestamp_attribute(token):
    return tlv(0x30, oid(OID["timestamp-token"]) + tlv(0x31, token))


def alter_gentime(token):
    """Changes one digit of genTime without re-signing the token."""
    m = re.search(rb"\x18\x0f(\d{12})(\d)(\d)Z", token)
    pos = m.start(3)
    return token[:pos] + bytes([ord("0") + (token[pos] - ord("0") + 1) % 10]) + token[pos + 1:]


def flip_last_byte(blob):
    return blob[:-1] + bytes([blob[-1] ^ 0x01])


# ---- PDFs --------------------------------------------------------------------

def pdf_date(at=None):
    if at:
        return b"D:" + at.encode() + b"Z"
    return b"D:" + run("date", "-u", "+%Y%m%d%H%M%S").strip() + b"Z"


def _with_array_entry(dict_text, key, entry):
    m = re.search(r"/%s\s*\[([^\]]*)\]" % key, dict_text)
    items = (m.group(1).strip() + " " if m else "") + entry
    return attacks.dict_with(attacks.dict_without(dict_text, key), "/%s [%s]" % (key, items))


def sign_pdf(src, dst, make_cms, sub_filter=b"/ETSI.CAdES.detached", when=None, capacity=30000, doc_ts=False):
    """Adds a signature field and its value as an incremental update of
    @src; @make_cms(signed_bytes) gives the DER for /Contents."""
    data = read(src)
    size, root_num, _ = attacks.trailer_info(path(src))
    page, _ = attacks.first_page(path(src))
    catalog = attacks.show(path(src), root_num)
    sig, field = size, size + 1
    name = b"Stamp%d" % size if doc_ts else b"Signature%d" % size
    sigdict = (b"<< /Type " + (b"/DocTimeStamp" if doc_ts else b"/Sig") + b" /Filter /Adobe.PPKLite /SubFilter "
               + sub_filter + b" /ByteRange [0 0000000000 0000000000 0000000000] /Contents <"
               + b"0" * (2 * capacity) + b">" + (b"" if doc_ts else b" /M (" + pdf_date(when) + b")") + b" >>")
    acroform = re.search(r"/AcroForm\s*<<(.*?)>>", catalog, re.S)
    fields = acroform.group(1) if acroform else ""
    form = _with_array_entry("<< " + fields + " >>", "Fields", "%d 0 R" % field).decode()
    form = attacks.dict_with(attacks.dict_without(form, "SigFlags"), "/SigFlags 3")
    objs = {
        sig: sigdict,
        field: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (" + name + b") /V %d 0 R /F 132 /P %d 0 R "
               b"/Rect [0 0 0 0] >>" % (sig, page),
        page: _with_array_entry(attacks.show(path(src), page), "Annots", "%d 0 R" % field),
        root_num: attacks.dict_with(re.sub(r"\s*/AcroForm\s*<<.*?>>", "", catalog, flags=re.S),
                                    "/AcroForm " + form.decode()),
    }
    out = attacks.add_update(data, objs, path(src))
    start = out.index(b"/Contents <", out.rindex(b"%d 0 obj" % sig)) + len(b"/Contents ")
    end = out.index(b">", start) + 1
    placeholder = b"[0 0000000000 0000000000 0000000000]"
    ranges = b"[0 %d %d %d]" % (start, end, len(out) - end)
    out = out.replace(placeholder, ranges.ljust(len(placeholder)), 1)
    der = make_cms(out[:start] + out[end:])
    hexed = der.hex().encode()
    assert len(hexed) <= end - start - 2, "the CMS does not fit"
    write(dst, out[:start] + b"<" + hexed + b"0" * (end - start - 2 - len(hexed)) + b">" + out[end:])


def openssl_cms(*options):
    """A maker of `openssl cms -sign` signatures over the signed bytes."""
    def make(signed):
        return run("openssl", "cms", "-sign", "-binary", "-outform", "DER", *options, data=signed)
    return make
