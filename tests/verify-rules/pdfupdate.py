"""A small independent PDF writer and incremental signer for verifier tests.

It writes documents object by object (classic cross-reference tables),
appends incremental updates the way other signers do (a whole new
version of each changed object), and signs an update with `openssl cms`
over the byte ranges. Nothing here shares code with BeSign's signer: the
verifier meets files made another way. Only the standard library, qpdf
(to read objects back) and openssl are used.
"""
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "attacks"))
attacks = __import__("make-attacks")

add_update = attacks.add_update
show = attacks.show
stream = attacks.stream
trailer_info = attacks.trailer_info

CONTENTS_BYTES = 8192
BR_PLACEHOLDER = b"[0 9999999999 9999999999 9999999999]"


def write_document(path, objects, root, extra_trailer=b""):
    """A one-revision PDF of @objects (number -> body bytes)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % size
    for num in range(1, size):
        if num in offsets:
            out += b"%010d 00000 n\r\n" % offsets[num]
        else:
            out += b"0000000000 00000 f\r\n"
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, extra_trailer, xref)
    with open(path, "wb") as f:
        f.write(out)


def update(path_in, path_out, objects, **kwargs):
    """Appends an update rewriting/adding @objects; returns @path_out."""
    data = open(path_in, "rb").read()
    with open(path_out, "wb") as f:
        f.write(add_update(data, objects, path_in, **kwargs))
    return path_out


def free_update(path_in, path_out, objects, freed):
    """An update that rewrites @objects and frees the numbers in @freed
    (xref entries of type f, generation increased)."""
    data = open(path_in, "rb").read()
    size, root, info = trailer_info(path_in)
    out = bytearray(data)
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f\r\n"
    for num in sorted(set(offsets) | set(freed)):
        if num in freed:
            out += b"%d 1\n0000000000 00001 f\r\n" % num
        else:
            out += b"%d 1\n%010d 00000 n\r\n" % (num, offsets[num])
    new_size = max([size] + [n + 1 for n in objects])
    trailer = b"/Size %d /Root %d 0 R /Prev %d" % (new_size, root, attacks.last_startxref(data))
    if info:
        trailer += b" /Info " + info.encode()
    out += b"trailer\n<<" + trailer + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    with open(path_out, "wb") as f:
        f.write(out)
    return path_out


def obj(path, num):
    """Object @num as qpdf shows it (a dictionary's text, or for a stream
    its dictionary's)."""
    text = show(path, num)
    return text.replace("Object is stream.  Dictionary:", "").strip()


def with_entries(dict_text, addition):
    return attacks.dict_with(dict_text, addition)


def without(dict_text, key):
    """@dict_text without /key and its value (nested dictionaries too)."""
    m = re.search(r"\s*/%s(?=[\s/<\[(])\s*" % re.escape(key), dict_text)
    if m is None:
        return dict_text
    i = m.end()
    if dict_text.startswith("<<", i):
        depth = 0
        while True:
            if dict_text.startswith("<<", i):
                depth, i = depth + 1, i + 2
            elif dict_text.startswith(">>", i):
                depth, i = depth - 1, i + 2
                if depth == 0:
                    break
            else:
                i += 1
        return dict_text[:m.start()] + dict_text[i:]
    value = re.match(r"\d+ \d+ R|\[[^\]]*\]|\((?:\\.|[^\\)])*\)|/[^\s/<>\[\]()]*|[^\s/<>\[\]()]+", dict_text[i:])
    return dict_text[:m.start()] + dict_text[i + value.end():]


def replace_value(dict_text, key, value):
    """@dict_text with /key's value (a reference, array, string or name) replaced."""
    pattern = r"/%s\s+(\d+ \d+ R|\[[^\]]*\]|\((?:\\.|[^\\)])*\)|/[^\s/<>\[\]()]+|\d+)" % re.escape(key)
    if re.search(pattern, dict_text):
        return re.sub(pattern, lambda m: "/%s %s" % (key, value), dict_text, count=1).encode()
    return with_entries(dict_text, "/%s %s" % (key, value))


def signature_dict(subfilter=b"/adbe.pkcs7.detached", extra=b""):
    return (b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter %s /ByteRange %s /Contents <%s>"
            b" /M (%s) /Reason (Uji) %s >>" % (subfilter, BR_PLACEHOLDER, b"0" * (2 * CONTENTS_BYTES),
                                               time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime()).encode(), extra))


def sign(path_in, path_out, objects, identity, cades=False, trailer_size=None):
    """Appends @objects (one of them a signature_dict()) as an update and
    signs it: the byte range covers the whole new file but /Contents.
    @trailer_size writes that (wrong) /Size in the update's trailer."""
    data = open(path_in, "rb").read()
    new = bytearray(add_update(data, objects, path_in))
    if trailer_size is not None:
        at = new.rindex(b"/Size ")
        end = at + len(b"/Size ")
        while new[end:end + 1].isdigit():
            end += 1
        new[at:end] = (b"/Size %d" % trailer_size).ljust(end - at)
    br_at = new.rindex(BR_PLACEHOLDER)
    start = new.index(b"/Contents <", br_at) + len(b"/Contents ")
    end = new.index(b">", start) + 1
    br = b"[0 %d %d %d" % (start, end, len(new) - end)
    new[br_at:br_at + len(BR_PLACEHOLDER)] = br.ljust(len(BR_PLACEHOLDER) - 1) + b"]"
    signed_bytes = bytes(new[:start]) + bytes(new[end:])
    args = ["openssl", "cms", "-sign", "-binary", "-outform", "DER", "-md", "sha256", "-nosmimecap",
            "-signer", identity["cert"], "-inkey", identity["key"], "-certfile", identity["root"]]
    if cades:
        args.append("-cades")
    der = subprocess.run(args, input=signed_bytes, capture_output=True, check=True).stdout
    hexed = der.hex().encode()
    assert len(hexed) <= 2 * CONTENTS_BYTES
    new[start + 1:start + 1 + len(hexed)] = hexed
    with open(path_out, "wb") as f:
        f.write(new)
    return path_out


def make_identity(work):
    """A root and a signer certificate (RSA 2048) made with openssl."""
    sh = """
set -e
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 30 -subj '/CN=Rules Test Root' \
  -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout s.key -out s.csr -subj '/CN=Rules Test Signer' 2>/dev/null
printf 'keyUsage=critical,digitalSignature,nonRepudiation\\n' > s.ext
openssl x509 -req -in s.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 -extfile s.ext \
  -out s.pem 2>/dev/null
"""
    subprocess.run(["sh", "-c", sh], cwd=work, check=True)
    return {name: os.path.join(work, file) for name, file in
            (("cert", "s.pem"), ("key", "s.key"), ("root", "root.pem"))}
