#!/usr/bin/env python3
"""Builds hostile PDFs from the published attack classes on PDF signatures.

Usage: make-attacks.py SIGNED.pdf UNSIGNED.pdf OUTDIR [CERTIFIED-P2.pdf CERTIFIED-P3.pdf]
       make-attacks.py --prepare NAME UNSIGNED.pdf BASE.pdf   (BASE.pdf to be signed, then:)
       make-attacks.py --attack NAME SIGNED-BASE.pdf OUTDIR
       (NAME: shadow, empty-field, info-font, shared-appearance, dangling)

SIGNED.pdf has one signature covering the whole file (classic xref table);
UNSIGNED.pdf is a plain one-page document. Every attack is written to
OUTDIR/<name>.pdf and listed with its expected verdict in OUTDIR/expected.txt
("name VERDICT"). The classes: Incremental Saving Attack (ISA), Universal
Signature Forgery (USF), Signature Wrapping (SWA), Shadow attacks (hide,
replace, hide-and-replace), certification attacks (evil annotations, sneaky
signatures), and malformed files (truncated, loops, deep nesting, huge
/Contents). Only the Python standard library and the qpdf command are used.
"""
import os
import re
import subprocess
import sys

OUT = None
EXPECTED = []


def qpdf(*args, binary=False):
    return subprocess.run(["qpdf", *args], capture_output=True, text=not binary, check=False).stdout


def trailer_info(path):
    text = qpdf("--show-object=trailer", path)
    size = int(re.search(r"/Size (\d+)", text).group(1))
    root = re.search(r"/Root (\d+) (\d+) R", text).group(1)
    info = re.search(r"/Info (\d+ \d+ R)", text)
    return size, int(root), info.group(1) if info else None


def last_startxref(data):
    return int(re.findall(rb"startxref\s+(\d+)", data)[-1])


def show(path, num):
    return qpdf("--show-object=%d" % num, path).strip()


def first_page(path):
    text = qpdf("--show-pages", path)
    page = int(re.search(r"page 1: (\d+) \d+ R", text).group(1))
    contents = [int(n) for n in re.findall(r"^\s+(\d+) \d+ R", text, re.M)]
    return page, contents


def add_update(data, objects, path_for_info, root=None, extra_trailer=b"", with_xref=True):
    """Appends an incremental update with a classic xref table."""
    size, old_root, info = trailer_info(path_for_info)
    out = bytearray(data)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        body = objects[num]
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    if not with_xref:
        return bytes(out) + b"%%EOF\n"
    xref = len(out)
    out += b"xref\n"
    for num in sorted(offsets):
        out += b"%d 1\n%010d 00000 n\r\n" % (num, offsets[num])
    new_size = max([size] + [n + 1 for n in objects])
    trailer = b"/Size %d /Root %d 0 R /Prev %d" % (new_size, root or old_root, last_startxref(data))
    if info:
        trailer += b" /Info " + info.encode()
    out += b"trailer\n<<" + trailer + extra_trailer + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def write(name, data, verdict):
    with open(os.path.join(OUT, name + ".pdf"), "wb") as f:
        f.write(data)
    EXPECTED.append("%s %s" % (name, verdict))


def stream(content, extra=b""):
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def dict_with(dict_text, addition):
    """Adds entries before the final '>>' of a dictionary shown by qpdf."""
    text = dict_text.rstrip()
    assert text.endswith(">>")
    return (text[:-2] + " " + addition + " >>").encode()


def dict_without(dict_text, key):
    return re.sub(r"\s*/%s\s+(\d+ \d+ R|<<.*?>>|\[[^\]]*\]|/\w+|\d+)" % key, "", dict_text, flags=re.S)


OVERLAY = b"q 1 0 0 rg 50 50 400 120 re f Q BT /Helvetica 1 Tf ET"


def isa_attacks(signed, path):
    size, root, _ = trailer_info(path)
    page, contents = first_page(path)
    page_dict = show(path, page)
    # Redefine the page content stream: the classic ISA.
    write("isa-content-replaced", add_update(signed, {contents[0]: stream(OVERLAY)}, path), "MODIFIED")
    # Add a content stream to the page.
    new = size
    page_more = re.sub(r"/Contents\s+\d+ \d+ R", "/Contents [%d 0 R %d 0 R]" % (contents[0], new), page_dict)
    write("isa-page-contents-added",
          add_update(signed, {new: stream(OVERLAY), page: page_more.encode()}, path), "MODIFIED")
    # A new catalog with a new page tree and page (shadow document).
    cat, pages, pg, cs = size, size + 1, size + 2, size + 3
    objs = {
        cat: b"<< /Type /Catalog /Pages %d 0 R >>" % pages,
        pages: b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % pg,
        pg: b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>" % (pages, cs),
        cs: stream(OVERLAY),
    }
    write("isa-catalog-replaced", add_update(signed, objs, path, root=cat), "MODIFIED")
    # The catalog without its AcroForm: the signature must not disappear.
    catalog = show(path, root)
    write("isa-acroform-dropped",
          add_update(signed, {root: dict_without(catalog, "AcroForm").encode()}, path), "MODIFIED")
    # Objects appended without any cross-reference data (repairing readers use them).
    write("isa-no-xref", add_update(signed, {contents[0]: stream(OVERLAY)}, path, with_xref=False), "MODIFIED")
    # Trailing bytes after the last %%EOF.
    write("isa-trailing-garbage", signed + b"\n" + b"1 0 obj << >> endobj garbage\n", "MODIFIED")
    write("eaa-freetext-annotation", annotation_update(signed, path, False), "MODIFIED")
    write("ssa-unsigned-visible-signature-field", annotation_update(signed, path, True), "MODIFIED")
    # Hide-and-replace: an existing object (the font or the info dictionary) swapped.
    write("shadow-object-replaced", add_update(signed, {contents[0]: stream(b"")}, path), "MODIFIED")
    write("isa-generation-bumped", generation_update(signed, path, contents[0]), "MODIFIED")
    # An update whose trailer drops /Prev: strict readers find no catalog,
    # Poppler reconstructs and draws the new content.
    no_prev = add_update(signed, {contents[0]: stream(OVERLAY)}, path)
    tail = no_prev.rfind(b"trailer")
    write("isa-no-prev", no_prev[:tail] + re.sub(rb" /Prev \d+", b"", no_prev[tail:]), "MODIFIED")


def generation_update(signed, path, num):
    """The content object written again as generation 1: qpdf still
    resolves the signed "N 0 R", Poppler follows the newest entry and
    draws an empty page."""
    size, root, info = trailer_info(path)
    body = b"%d 1 obj\n" % num + stream(OVERLAY) + b"\nendobj\n"
    xref = len(signed) + len(body)
    trailer = b"/Size %d /Root %d 0 R /Prev %d" % (size, root, last_startxref(signed))
    if info:
        trailer += b" /Info " + info.encode()
    return (signed + body + b"xref\n%d 1\n%010d 00001 n\r\ntrailer\n<<%s>>\nstartxref\n%d\n%%%%EOF\n"
            % (num, len(signed), trailer, xref))


def annotation_update(signed, path, sneaky, subtype=b"/FreeText", rect=b"[50 50 450 170]"):
    """An update adding an annotation (FreeText unless @subtype says) that
    draws over the page or, when @sneaky, an unsigned signature field doing
    the same."""
    size, _, _ = trailer_info(path)
    page, _ = first_page(path)
    page_dict = show(path, page)
    annot, ap = size, size + 1
    objs = {
        annot: b"<< /Type /Annot /Subtype %s /Rect %s /Contents (PAID) /DA (/Helv 12 Tf 0 g) /AP << /N %d 0 R >> >>" % (subtype, rect, ap),
        ap: stream(OVERLAY, b" /Type /XObject /Subtype /Form /BBox [0 0 400 120]"),
    }
    if sneaky:
        objs[annot] = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sneaky) /F 4 /Rect [50 50 450 170]"
                       b" /P %d 0 R /AP << /N %d 0 R >> >>" % (page, ap))
    annots = re.search(r"/Annots\s+(\[[^\]]*\]|\d+ \d+ R)", page_dict)
    if annots is None:
        objs[page] = dict_with(page_dict, "/Annots [%d 0 R]" % annot)
    elif annots.group(1).startswith("["):
        objs[page] = page_dict.replace(annots.group(1), annots.group(1)[:-1] + " %d 0 R]" % annot).encode()
    else:
        num = int(annots.group(1).split()[0])
        objs[num] = (show(path, num)[:-1] + " %d 0 R]" % annot).encode()
    return add_update(signed, objs, path)


def certification_attacks(p2_path, p3_path):
    """Certified documents: P=2 allows form filling and signing, P=3 also
    annotations (ISO 32000-1 Table 254)."""
    p2 = open(p2_path, "rb").read()
    p3 = open(p3_path, "rb").read()
    write("cert-p2-evil-annotation", annotation_update(p2, p2_path, False), "MODIFIED")
    write("cert-p2-sneaky-signature", annotation_update(p2, p2_path, True), "MODIFIED")
    # Evil Annotation: P=3 allows annotations, not boxes painted over the text.
    write("cert-p3-evil-annotation", annotation_update(p3, p3_path, False), "MODIFIED")
    write("cert-p3-stamp-annotation", annotation_update(p3, p3_path, False, b"/Stamp"), "MODIFIED")
    write("cert-p3-note-as-box", annotation_update(p3, p3_path, False, b"/Text"), "MODIFIED")
    write("cert-p3-comment-allowed", annotation_update(p3, p3_path, False, b"/Text", b"[500 780 520 800]"), "VALID")
    write("cert-p3-sneaky-signature", annotation_update(p3, p3_path, True), "MODIFIED")
    _, contents = first_page(p3_path)
    write("cert-p3-content-replaced", add_update(p3, {contents[0]: stream(OVERLAY)}, p3_path), "MODIFIED")


def usf_attacks(unsigned, path):
    size, root, _ = trailer_info(path)
    page, _ = first_page(path)
    page_dict = show(path, page)
    catalog = show(path, root)
    variants = {
        "usf-contents-missing": b"",
        "usf-contents-empty": b"/Contents <>",
        "usf-contents-null": b"/Contents null",
        "usf-contents-zero": b"/Contents <00>",
        "usf-contents-garbage": b"/Contents <3082FFFF0102>",
    }
    byte_ranges = {
        "usf-byterange-missing": b"",
        "usf-byterange-null": b"/ByteRange null",
        "usf-byterange-empty": b"/ByteRange []",
        "usf-byterange-zero": b"/ByteRange [0 0 0 0]",
        "usf-byterange-negative": b"/ByteRange [0 -10 20 30]",
        "usf-byterange-overlap": b"/ByteRange [0 500 100 200]",
        "usf-byterange-outside": b"/ByteRange [0 100 200 99999999]",
    }
    sig, field = size, size + 1
    for name, contents in variants.items():
        sigdict = b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 100 200 300] " + contents + b" >>"
        # /Contents of zeros (or none) is a field prepared for a signature
        # that is not there yet: no signature at all, never a valid one.
        verdict = "UNSIGNED_OR_INVALID" if name in ("usf-contents-empty", "usf-contents-zero") else "INVALID"
        usf_write(unsigned, path, name, sigdict, sig, field, page, page_dict, root, catalog, verdict)
    for name, br in byte_ranges.items():
        sigdict = b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached " + br + b" /Contents <3082000100> >>"
        usf_write(unsigned, path, name, sigdict, sig, field, page, page_dict, root, catalog)


def usf_write(unsigned, path, name, sigdict, sig, field, page, page_dict, root, catalog, verdict="INVALID"):
    objs = {
        sig: sigdict,
        field: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V %d 0 R /F 132 /P %d 0 R /Rect [0 0 0 0] >>" % (sig, page),
        page: dict_with(dict_without(page_dict, "Annots"), "/Annots [%d 0 R]" % field),
        root: dict_with(dict_without(catalog, "AcroForm"), "/AcroForm << /Fields [%d 0 R] /SigFlags 3 >>" % field),
    }
    write(name, add_update(unsigned, objs, path), verdict)


def swa_attacks(signed):
    # Move the signed second range: point /ByteRange at a copy appended later.
    m = re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", signed)
    a, b, c = (int(x) for x in m.groups())
    original = m.group(0)
    tail = signed[b:b + c]
    wrapped = signed + b"\n" + tail
    new_b = len(signed) + 1
    new_br = b"/ByteRange [0 %d %d %d]" % (a, new_b, c)
    if len(new_br) <= len(original):
        new_br = new_br.ljust(len(original))
        attacked = wrapped[:m.start()] + new_br + wrapped[m.end():]
        write("swa-byterange-moved", attacked, "INVALID")
    # Extend the gap over bytes the attacker controls.
    gap_br = (b"/ByteRange [0 %d %d %d]" % (a - 20, b, c)).ljust(len(original))
    write("swa-gap-extended", signed[:m.start()] + gap_br + signed[m.end():], "INVALID")
    # Tamper with signed bytes.
    i = signed.find(b"/Producer")
    tampered = bytearray(signed)
    pos = i if i > 0 else 20
    tampered[pos + 1] = ord("Q") if tampered[pos + 1] != ord("Q") else ord("R")
    write("tampered-signed-byte", bytes(tampered), "INVALID")


def add_stream_update(data, objects, path_for_info, in_object_stream=False):
    """Appends an incremental update indexed by a cross-reference stream,
    the objects either plain or packed into an object stream."""
    size, root, info = trailer_info(path_for_info)
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    entries = {}
    nums = sorted(objects)
    if in_object_stream:
        packed = max([size] + [n + 1 for n in nums])
        head, body = b"", b""
        for i, num in enumerate(nums):
            head += b"%d %d " % (num, len(body))
            body += objects[num] + b"\n"
            entries[num] = (2, packed, i)
        entries[packed] = (1, len(out), 0)
        out += b"%d 0 obj\n" % packed + stream(head + body, b" /Type /ObjStm /N %d /First %d" % (len(nums), len(head))) + b"\nendobj\n"
    else:
        for num in nums:
            entries[num] = (1, len(out), 0)
            out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref_num = max([size] + [n + 1 for n in entries])
    entries[xref_num] = (1, len(out), 0)
    index, rows = [], b""
    for num in sorted(entries):
        kind, a, b = entries[num]
        index += [b"%d 1" % num]
        rows += bytes([kind]) + a.to_bytes(4, "big") + b.to_bytes(2, "big")
    extra = b" /Type /XRef /Size %d /Root %d 0 R /Prev %d /W [1 4 2] /Index [%s]" % (
        xref_num + 1, root, last_startxref(data), b" ".join(index))
    if info:
        extra += b" /Info " + info.encode()
    xref = len(out)
    out += b"%d 0 obj\n" % xref_num + stream(rows, extra) + b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream_update_attacks(signed, path):
    """The Incremental Saving Attack written the way PDF 1.5 writers save:
    a cross-reference stream, and objects hidden in an object stream."""
    page, contents = first_page(path)
    write("isa-xref-stream", add_stream_update(signed, {contents[0]: stream(OVERLAY)}, path), "MODIFIED")
    page_dict = show(path, page)
    rotated = re.sub(r"/Rotate \d+", "", page_dict)
    write("isa-object-stream-page", add_stream_update(signed, {page: dict_with(rotated, "/Rotate 90")}, path, True),
          "MODIFIED")
    write("isa-object-stream-content",
          add_stream_update(signed, {contents[0]: b"[]"}, path, True), "MODIFIED")
    write("isa-hybrid-xref-stream", hybrid_update(signed, path, contents[0]), "MODIFIED")


def hybrid_update(signed, path, num):
    """A hybrid-reference update (ISO 32000-1 7.5.8.4): the table lists only
    an xref stream, and the changed content object hides in that stream,
    which PDF 1.4 readers never look at."""
    size, root, info = trailer_info(path)
    out = bytearray(signed)
    changed = len(out)
    out += b"%d 0 obj\n" % num + stream(OVERLAY) + b"\nendobj\n"
    xref_stream = len(out)
    rows = bytes([1]) + changed.to_bytes(4, "big") + bytes(2)
    out += b"%d 0 obj\n" % size + stream(rows, b" /Type /XRef /Size %d /W [1 4 2] /Index [%d 1]" % (size + 1, num))
    out += b"\nendobj\n"
    table = len(out)
    trailer = b"/Size %d /Root %d 0 R /Prev %d /XRefStm %d" % (size + 1, root, last_startxref(signed), xref_stream)
    if info:
        trailer += b" /Info " + info.encode()
    out += b"xref\n%d 1\n%010d 00000 n\r\ntrailer\n<<%s>>\nstartxref\n%d\n%%%%EOF\n" % (size, xref_stream, trailer, table)
    return bytes(out)


def shadow_base(unsigned_path, out_path):
    """Hide-and-replace, step 1: before signing, the page's content object
    is written twice; the hidden first copy draws other text. Signers sign
    both, viewers show the second."""
    data = open(unsigned_path, "rb").read()
    _, contents = first_page(unsigned_path)
    num = contents[0]
    hidden = add_update(data, {num: stream(OVERLAY)}, unsigned_path)
    shown = qpdf("--show-object=%d" % num, "--raw-stream-data", unsigned_path, binary=True)
    head = show(unsigned_path, num).replace("Object is stream.  Dictionary:", "").strip()
    body = head.encode() + b"\nstream\n" + shown + b"\nendstream"
    tmp = out_path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(hidden)
    with open(out_path, "wb") as f:
        f.write(add_update(hidden, {num: body}, tmp))
    os.unlink(tmp)


EMPTY_FIELD_AP = b" /Type /XObject /Subtype /Form /BBox [0 0 400 120]"


def empty_field_base(unsigned_path, out_path):
    """A form with a place to sign: an empty signature field (Tanda1) whose
    appearance draws nothing yet."""
    data = open(unsigned_path, "rb").read()
    size, root, _ = trailer_info(unsigned_path)
    page, _ = first_page(unsigned_path)
    field, ap = size, size + 1
    with open(out_path, "wb") as f:
        f.write(add_update(data, {
            field: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Tanda1) /F 4 /Rect [50 50 450 170]"
                   b" /P %d 0 R /AP << /N %d 0 R >> >>" % (page, ap),
            ap: stream(b"", EMPTY_FIELD_AP),
            page: dict_with(dict_without(show(unsigned_path, page), "Annots"), "/Annots [%d 0 R]" % field),
            root: dict_with(dict_without(show(unsigned_path, root), "AcroForm"), "/AcroForm << /Fields [%d 0 R] >>" % field),
        }, unsigned_path))


def empty_field_attacks(signed_path):
    """Sneaky signature on an existing field: after signing, the empty
    field draws over the page without anyone signing it — by redrawing its
    appearance object, or by giving it a new one."""
    signed = open(signed_path, "rb").read()
    size, _, _ = trailer_info(signed_path)
    field = next(num for num in range(1, size) if "/T (Tanda1)" in show(signed_path, num))
    ap = int(re.search(r"/N (\d+) 0 R", show(signed_path, field)).group(1))
    write("ssa-empty-field-redrawn", add_update(signed, {ap: stream(OVERLAY, EMPTY_FIELD_AP)}, signed_path), "MODIFIED")
    new_ap = size
    write("ssa-empty-field-new-appearance", add_update(signed, {
        new_ap: stream(OVERLAY, EMPTY_FIELD_AP),
        field: show(signed_path, field).replace("/N %d 0 R" % ap, "/N %d 0 R" % new_ap).encode()}, signed_path),
        "MODIFIED")


def shadow_redirect(signed_path):
    """Hide-and-replace, step 2: after signing, an update of nothing but a
    cross-reference entry points the content object at the hidden copy."""
    signed = open(signed_path, "rb").read()
    size, root, info = trailer_info(signed_path)
    _, contents = first_page(signed_path)
    num = contents[0]
    hidden = next(m.start() + 1 for m in re.finditer(b"\n%d 0 obj" % num, signed)
                  if OVERLAY in signed[m.start():m.start() + 200])
    xref = len(signed)
    trailer = b"/Size %d /Root %d 0 R /Prev %d" % (size, root, last_startxref(signed))
    if info:
        trailer += b" /Info " + info.encode()
    update = b"xref\n%d 1\n%010d 00000 n\r\ntrailer\n<<%s>>\nstartxref\n%d\n%%%%EOF\n" % (num, hidden, trailer, xref)
    write("shadow-xref-redirect", signed + update, "MODIFIED")


def info_font_base(unsigned_path, out_path):
    """Shadow attack, prepared: the trailer's /Info is the page's font map,
    so 'only the metadata changed' would change how the text is drawn."""
    data = open(unsigned_path, "rb").read()
    size, root, _ = trailer_info(unsigned_path)
    page, _ = first_page(unsigned_path)
    fonts = re.search(r"/Font (\d+) 0 R", show(unsigned_path, page)).group(1)
    xref = len(data)
    with open(out_path, "wb") as f:
        f.write(data + b"xref\n0 1\n0000000000 65535 f\r\ntrailer\n<< /Size %d /Root %d 0 R /Prev %d /Info %s 0 R >>"
                b"\nstartxref\n%d\n%%%%EOF\n" % (size, root, last_startxref(data), fonts.encode(), xref))


def info_font_attack(signed_path):
    """...and after signing, the 'information dictionary' maps the font
    name to another font."""
    signed = open(signed_path, "rb").read()
    size, _, info = trailer_info(signed_path)
    num = int(info.split()[0])
    name = re.search(r"(/\w+) \d+ 0 R", show(signed_path, num)).group(1)
    write("shadow-info-is-font-map", add_update(signed, {
        num: b"<< %s %d 0 R >>" % (name.encode(), size),
        size: b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"}, signed_path), "MODIFIED")


def shared_appearance_base(unsigned_path, out_path):
    """A form whose empty signature field's appearance is also drawn by the
    page itself (a Form XObject of its content)."""
    data = open(unsigned_path, "rb").read()
    size, root, _ = trailer_info(unsigned_path)
    page, contents = first_page(unsigned_path)
    field, ap, draw = size, size + 1, size + 2
    page_dict = show(unsigned_path, page)
    page_dict = page_dict.replace("/Resources <<", "/Resources << /XObject << /FxSig %d 0 R >>" % ap, 1)
    page_dict = re.sub(r"/Contents \d+ 0 R", "/Contents [%d 0 R %d 0 R]" % (contents[0], draw), page_dict)
    with open(out_path, "wb") as f:
        f.write(add_update(data, {
            field: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Tanda1) /F 4 /Rect [50 50 450 170]"
                   b" /P %d 0 R /AP << /N %d 0 R >> >>" % (page, ap),
            ap: stream(b"", EMPTY_FIELD_AP),
            draw: stream(b"q 1 0 0 1 50 50 cm /FxSig Do Q"),
            page: dict_with(dict_without(page_dict, "Annots"), "/Annots [%d 0 R]" % field),
            root: dict_with(dict_without(show(unsigned_path, root), "AcroForm"), "/AcroForm << /Fields [%d 0 R] >>" % field),
        }, unsigned_path))


def shared_appearance_attack(signed_path):
    """...after signing, the attacker redraws that appearance in place; the
    test then signs the field (a signature may redraw its own field, but
    here the page content changes with it)."""
    signed = open(signed_path, "rb").read()
    size, _, _ = trailer_info(signed_path)
    field = next(num for num in range(1, size) if "/T (Tanda1)" in show(signed_path, num))
    ap = int(re.search(r"/N (\d+) 0 R", show(signed_path, field)).group(1))
    write("ssa-shared-appearance-redrawn", add_update(signed, {ap: stream(OVERLAY, EMPTY_FIELD_AP)}, signed_path),
          "MODIFIED")


DANGLING = 4242


def dangling_base(unsigned_path, out_path):
    """A page whose annotation list names an object the file does not have
    (readers treat the reference as null, so nothing shows when signing)."""
    data = open(unsigned_path, "rb").read()
    page, _ = first_page(unsigned_path)
    page_dict = dict_without(show(unsigned_path, page), "Annots")
    with open(out_path, "wb") as f:
        f.write(add_update(data, {page: dict_with(page_dict, "/Annots [%d 0 R]" % DANGLING)}, unsigned_path))


def dangling_attack(signed_path):
    """...after signing, the object is defined: a box over the text that the
    signed reference now draws. The test also signs this once more, which
    rewrites the page's annotation list (a change the rules allow)."""
    signed = open(signed_path, "rb").read()
    size, _, _ = trailer_info(signed_path)
    ap = size
    objs = {
        DANGLING: b"<< /Type /Annot /Subtype /FreeText /Rect [50 50 450 170] /Contents (PAID) /DA (/Helv 12 Tf 0 g)"
                  b" /AP << /N %d 0 R >> >>" % ap,
        ap: stream(OVERLAY, b" /Type /XObject /Subtype /Form /BBox [0 0 400 120]"),
    }
    write("shadow-dangling-reference-defined", add_update(signed, objs, signed_path), "MODIFIED")


# Attacks on a document the attacker prepares and the victim signs:
# --prepare NAME builds it, --attack NAME changes it once signed.
PREPARED = {
    "shadow": (shadow_base, shadow_redirect),
    "empty-field": (empty_field_base, empty_field_attacks),
    "info-font": (info_font_base, info_font_attack),
    "shared-appearance": (shared_appearance_base, shared_appearance_attack),
    "dangling": (dangling_base, dangling_attack),
}


def prepared(argv):
    mode, name = argv[1:3]
    prepare, attack = PREPARED[name]
    if mode == "--prepare":
        return prepare(argv[3], argv[4])
    global OUT
    OUT = argv[4]
    attack(argv[3])
    with open(os.path.join(OUT, "expected.txt"), "a") as f:
        f.write("\n".join(EXPECTED) + "\n")




def main():
    global OUT, OUT_SIGNED
    if sys.argv[1] in ("--prepare", "--attack"):
        return prepared(sys.argv)
    signed_path, unsigned_path, OUT = sys.argv[1:4]
    OUT = OUT
    OUT_SIGNED = signed_path
    os.makedirs(OUT, exist_ok=True)
    signed = open(signed_path, "rb").read()
    unsigned = open(unsigned_path, "rb").read()
    isa_attacks(signed, signed_path)
    usf_attacks(unsigned, unsigned_path)
    swa_attacks(signed)
    stream_update_attacks(signed, signed_path)
    if len(sys.argv) > 5:
        certification_attacks(sys.argv[4], sys.argv[5])
    write("empty", b"", "ERROR")
    write("not-a-pdf", b"This is not a PDF file at all.\n" * 10, "ERROR")
    write("truncated-signed", signed[: len(signed) // 2], "ERROR")
    huge_contents(unsigned, unsigned_path)
    write("prev-loop", prev_loop(signed, signed_path), "MODIFIED_OR_INVALID_OR_ERROR")
    write("page-tree-loop", page_tree_loop(signed, signed_path), "MODIFIED_OR_ERROR")
    write("deep-nesting", add_update(signed, {trailer_info(signed_path)[0]: b"[" * 50000 + b"]" * 50000},
                                     signed_path), "VALID_OR_MODIFIED_OR_ERROR")
    write("many-empty-updates", empty_updates(signed, signed_path, 3000), "VALID")
    with open(os.path.join(OUT, "expected.txt"), "w") as f:
        f.write("\n".join(EXPECTED) + "\n")


def huge_contents(unsigned, path):
    size, root, _ = trailer_info(path)
    page, _ = first_page(path)
    sigdict = (b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached"
               b" /ByteRange [0 100 200 300] /Contents <" + b"30" * (20 * 1024 * 1024) + b"> >>")
    usf_write(unsigned, path, "usf-huge-contents", sigdict, size, size + 1, page, show(path, page), root,
              show(path, root))


def empty_updates(signed, path, count):
    """Thousands of updates that change nothing: verification time must
    not grow with the square of their number (a qpdf parse per prefix)."""
    size, root, info = trailer_info(path)
    out = bytearray(signed)
    extra = b" /Info " + info.encode() if info else b""
    prev = last_startxref(signed)
    for _ in range(count):
        xref = len(out)
        out += (b"xref\n0 1\n0000000000 65535 f\r\ntrailer\n<< /Size %d /Root %d 0 R /Prev %d%s >>\n"
                b"startxref\n%d\n%%%%EOF\n" % (size, root, prev, extra, xref))
        prev = xref
    return bytes(out)


def page_tree_loop(signed, path):
    """An update whose page tree contains itself."""
    _, root, _ = trailer_info(path)
    pages = int(re.search(r"/Pages (\d+) \d+ R", show(path, root)).group(1))
    page, _ = first_page(path)
    body = b"<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 2 >>" % (page, pages)
    return add_update(signed, {pages: body}, path)


def prev_loop(signed, path):
    """An update whose /Prev points at itself."""
    data = add_update(signed, {}, path)
    own = last_startxref(data)
    return re.sub(rb"/Prev \d+(?=[^/]*>>\s*startxref\s*%d\s*%%%%EOF\s*$)" % own, b"/Prev %d" % own, data)


if __name__ == "__main__":
    main()
