#!/usr/bin/env python3
"""Writes one small PDF per verification rule, each with the verdict the
rule must give, for tests/verify-rules/test-verify-rules.c.

Usage: make-rule-fixtures.py OUTDIR
Writes OUTDIR/<name>.pdf, OUTDIR/root.pem (the trust anchor) and
OUTDIR/expected.txt: "<name> <VERDICT> [text a change or problem must contain]".

The documents are forms made here object by object (text fields, a
choice field, a field with kids, empty signature fields, optionally a
structure tree and /Extensions) and signed by pdfupdate.py, an
incremental signer independent of BeSign's, as other signers do it:
ISO 32000-2 12.7 (forms), 12.8.2.4 (FieldMDP), 12.8.4 / Table 233 (field
locks with /P), 7.12 (extensions), ETSI EN 319 142-1 5.4 (DSS).
"""
import base64
import os
import re
import subprocess
import sys

import pdfupdate as pu

OUT = None
IDENT = None
EXPECTED = []

CATALOG, PAGES, PAGE, FONT, FORM, CONTENT = 1, 2, 3, 4, 5, 6
NAMA, ALAMAT, KOTA, PILIHAN, TANDA1, TANDA2 = 7, 8, 9, 10, 11, 12
AP_NAMA, AP_KOTA, LOCK, AP_PILIHAN, AP_TANDA1, AP_TANDA2 = 13, 14, 15, 16, 17, 18
STRUCT_ROOT, STRUCT_DOC, PARENT_TREE, STAMP = 20, 21, 22, 23
FIRST_FREE = 30


def ap(text):
    content = b"/Tx BMC BT /Helv 10 Tf 2 5 Td (%s) Tj ET EMC" % text
    return pu.stream(content, b" /Type /XObject /Subtype /Form /BBox [0 0 150 20] /Resources << /Font << /Helv 4 0 R >> >>")


def base(name, lock=None, tagged=False, extensions=None, version=None, shared_ap_with=None):
    """The form every case starts from (one revision, unsigned)."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R"
    if tagged:
        catalog += b" /StructTreeRoot 20 0 R /MarkInfo << /Marked true >>"
    if extensions:
        catalog += b" /Extensions " + extensions
    if version:
        catalog += b" /Version " + version
    if shared_ap_with == "catalog":
        catalog += b" /OpenAction << /S /Named /N /NextPage >> /PieceInfo << /Own << /Data 17 0 R >> >>"
    catalog += b" >>"
    annots = b"7 0 R 9 0 R 10 0 R 11 0 R 12 0 R"
    if shared_ap_with == "annotation":
        annots += b" 23 0 R"
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
            b" /Contents 6 0 R /Annots [%s]%s >>" % (annots, b" /StructParents 0" if tagged else b""))
    widget = b"/Type /Annot /Subtype /Widget /F 4 /P 3 0 R"
    objs = {
        CATALOG: catalog,
        PAGES: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        PAGE: page,
        FONT: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        FORM: b"<< /Fields [7 0 R 8 0 R 10 0 R 11 0 R 12 0 R] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 4 0 R >> >> >>",
        CONTENT: pu.stream(b"BT /F1 18 Tf 72 760 Td (SURAT PERJANJIAN) Tj ET"),
        NAMA: b"<< %s /FT /Tx /T (Nama) /V (Budi) /Rect [72 700 222 720] /AP << /N 13 0 R >> >>" % widget,
        ALAMAT: b"<< /FT /Tx /T (Alamat) /Kids [9 0 R] >>",
        KOTA: b"<< %s /Parent 8 0 R /T (Kota) /V (Jakarta) /Rect [72 670 222 690] /AP << /N 14 0 R >> >>" % widget,
        PILIHAN: (b"<< %s /FT /Ch /Ff 131072 /T (Pilihan) /Opt [(Satu) (Dua) (Tiga)] /V (Satu) /I [0]"
                  b" /Rect [72 640 222 660] /AP << /N 16 0 R >> >>" % widget),
        TANDA1: b"<< %s /FT /Sig /T (Tanda1) /Rect [300 100 450 150] /AP << /N 17 0 R >>%s >>" % (
            widget, b" /Lock 15 0 R" if lock else b""),
        TANDA2: b"<< %s /FT /Sig /T (Tanda2) /Rect [0 0 0 0] /AP << /N 18 0 R >> >>" % widget,
        AP_NAMA: ap(b"Budi"),
        AP_KOTA: ap(b"Jakarta"),
        AP_PILIHAN: ap(b"Satu"),
        AP_TANDA1: pu.stream(b"", b" /Type /XObject /Subtype /Form /BBox [0 0 150 50]"),
        AP_TANDA2: pu.stream(b"", b" /Type /XObject /Subtype /Form /BBox [0 0 0 0]"),
    }
    if lock:
        objs[LOCK] = lock
    if tagged:
        objs[STRUCT_ROOT] = b"<< /Type /StructTreeRoot /K 21 0 R /ParentTree 22 0 R /ParentTreeNextKey 1 >>"
        objs[STRUCT_DOC] = b"<< /Type /StructElem /S /Document /P 20 0 R /K [0] /Pg 3 0 R >>"
        objs[PARENT_TREE] = b"<< /Nums [0 [21 0 R]] >>"
    if shared_ap_with == "annotation":
        objs[STAMP] = b"<< /Type /Annot /Subtype /Stamp /F 4 /Rect [300 100 450 150] /P 3 0 R /AP << /N 17 0 R >> >>"
    if shared_ap_with == "page":
        objs[PAGE] = page.replace(b"/Font << /F1 4 0 R >>", b"/Font << /F1 4 0 R >> /XObject << /X1 17 0 R >>")
        objs[CONTENT] = pu.stream(b"BT /F1 18 Tf 72 760 Td (SURAT PERJANJIAN) Tj ET q 1 0 0 1 300 100 cm /X1 Do Q")
    path = os.path.join(OUT, name + "-base.pdf")
    pu.write_document(path, objs, CATALOG)
    return path


def next_number(path):
    return max(pu.trailer_info(path)[0], FIRST_FREE)


def array_append(dict_text, key, item):
    m = re.search(r"/%s\s*\[([^\]]*)\]" % key, dict_text)
    return (dict_text[:m.end() - 1] + " " + item + "]" + dict_text[m.end():]).encode()


def form_signed(path, fields_item=None):
    text = pu.obj(path, FORM)
    if "/SigFlags" not in text:
        text = pu.with_entries(text, "/SigFlags 3").decode()
    return array_append(text, "Fields", fields_item) if fields_item else text.encode()


def sign_new(path, out, kid_widget=False, reference=b"", struct=False, rect=b"[0 0 0 0]", trailer_size=None):
    """Signs into a new invisible signature field (merged with its widget,
    or with the widget as a separate kid)."""
    n = next_number(path)
    sig, field, widget = n, n + 1, (n + 2 if kid_widget else n + 1)
    widget_keys = b"/Type /Annot /Subtype /Widget /F 132 /Rect %s /P 3 0 R" % rect
    objs = {sig: pu.signature_dict(extra=reference)}
    if kid_widget:
        objs[field] = b"<< /FT /Sig /T (TandaBaru%d) /V %d 0 R /Kids [%d 0 R] >>" % (n, sig, widget)
        objs[widget] = b"<< %s /Parent %d 0 R >>" % (widget_keys, field)
    else:
        objs[field] = b"<< %s /FT /Sig /T (TandaBaru%d) /V %d 0 R >>" % (widget_keys, n, sig)
    if struct:
        elem, key = n + 3, 1
        objs[widget] = objs[widget][:-2] + b" /StructParent %d >>" % key
        objs[elem] = b"<< /Type /StructElem /S /Form /P 21 0 R /Pg 3 0 R /K << /Type /OBJR /Obj %d 0 R >> >>" % widget
        objs[STRUCT_DOC] = b"<< /Type /StructElem /S /Document /P 20 0 R /K [0 %d 0 R] /Pg 3 0 R >>" % elem
        objs[PARENT_TREE] = b"<< /Nums [0 [21 0 R] %d %d 0 R] >>" % (key, elem)
        objs[STRUCT_ROOT] = b"<< /Type /StructTreeRoot /K 21 0 R /ParentTree 22 0 R /ParentTreeNextKey 2 >>"
    objs[PAGE] = array_append(pu.obj(path, PAGE), "Annots", "%d 0 R" % widget)
    objs[FORM] = form_signed(path, "%d 0 R" % field)
    return pu.sign(path, out, objs, IDENT, trailer_size=trailer_size)


def sign_existing(path, out, field, reference=b"", appearance=None):
    """Signs the empty signature field @field (optionally redrawing its
    appearance object @appearance = (number, stream))."""
    sig = next_number(path)
    objs = {sig: pu.signature_dict(extra=reference),
            field: pu.with_entries(pu.obj(path, field), "/V %d 0 R" % sig),
            FORM: form_signed(path)}
    if appearance:
        objs[appearance[0]] = appearance[1]
    return pu.sign(path, out, objs, IDENT)


def fill(path, out, field, value, ap_num, index=None):
    """Form filling as a viewer does it: the value and its appearance."""
    text = pu.obj(path, field)
    objs = {field: pu.replace_value(text, "V", "(%s)" % value.decode()), ap_num: ap(value)}
    if index is not None:
        objs[field] = pu.replace_value(objs[field].decode(), "I", "[%d]" % index)
    return pu.update(path, out, objs)


def der_of(pem):
    return subprocess.run(["openssl", "x509", "-in", pem, "-outform", "DER"], capture_output=True, check=True).stdout


def add_dss(path, out):
    """Validation data as a B-LT update: certificates, a VRI entry."""
    n = next_number(path)
    certs = [n, n + 1]
    vri, dss = n + 2, n + 3
    objs = {certs[0]: pu.stream(der_of(IDENT["cert"])), certs[1]: pu.stream(der_of(IDENT["root"])),
            vri: b"<< /Cert [%d 0 R %d 0 R] >>" % tuple(certs),
            dss: b"<< /Type /DSS /Certs [%d 0 R %d 0 R] /VRI << /%s %d 0 R >> >>" % (certs[0], certs[1], b"A" * 40, vri),
            CATALOG: pu.replace_value(pu.obj(path, CATALOG), "DSS", "%d 0 R" % dss)}
    pu.update(path, out, objs)
    return certs, vri, dss


def replace_dss(path, out, old_certs, old_vri, dss):
    """A later validation update that writes the certificates anew, frees
    the old streams and replaces the VRI entry (as iText and DSS do)."""
    n = next_number(path)
    objs = {n: pu.stream(der_of(IDENT["cert"])), n + 1: pu.stream(der_of(IDENT["root"])),
            n + 2: b"<< /Cert [%d 0 R %d 0 R] >>" % (n, n + 1),
            dss: b"<< /Type /DSS /Certs [%d 0 R %d 0 R] /VRI << /%s %d 0 R >> >>" % (n, n + 1, b"A" * 40, n + 2)}
    return pu.free_update(path, out, objs, set(old_certs) | {old_vri})


def catalog_update(path, out, key, value):
    text = pu.without(pu.obj(path, CATALOG), key)
    new = text.encode() if value is None else pu.with_entries(text, "/%s %s" % (key, value))
    return pu.update(path, out, {CATALOG: new})


def case(name, verdict, path, text=""):
    final = os.path.join(OUT, name + ".pdf")
    os.replace(path, final)
    EXPECTED.append(("%s %s %s" % (name, verdict, text)).rstrip())


def tmp(name, step):
    return os.path.join(OUT, "%s-%s.tmp.pdf" % (name, step))


FIELDMDP = (b"/Reference [<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams"
            b" << /Type /TransformParams /V /1.2 %s >> >>]")


def fieldmdp(action, fields=None):
    params = b"/Action /%s" % action
    if fields:
        params += b" /Fields [%s]" % b" ".join(b"(%s)" % f for f in fields)
    return FIELDMDP % params


def lock_dict(action, fields=None, p=None):
    text = b"<< /Type /SigFieldLock /Action /%s" % action
    if fields:
        text += b" /Fields [%s]" % b" ".join(b"(%s)" % f for f in fields)
    if p:
        text += b" /P %d" % p
    return text + b" >>"


def form_cases():
    b = base("approval-then-fill")
    s = sign_new(b, tmp("approval-then-fill", 1))
    case("approval-then-fill", "VALID", fill(s, tmp("approval-then-fill", 2), NAMA, b"Ani", AP_NAMA),
         "A form field was filled in")
    b = base("choice-filled")
    s = sign_new(b, tmp("choice-filled", 1))
    case("choice-filled", "VALID", fill(s, tmp("choice-filled", 2), PILIHAN, b"Dua", AP_PILIHAN, index=1))
    for name, ref, filled, verdict in (
            ("fieldmdp-include-changed", fieldmdp(b"Include", [b"Nama"]), (NAMA, AP_NAMA), "MODIFIED"),
            ("fieldmdp-include-other-filled", fieldmdp(b"Include", [b"Nama"]), (PILIHAN, AP_PILIHAN), "VALID"),
            ("fieldmdp-exclude-changed", fieldmdp(b"Exclude", [b"Nama"]), (PILIHAN, AP_PILIHAN), "MODIFIED"),
            ("fieldmdp-exclude-excluded-filled", fieldmdp(b"Exclude", [b"Nama"]), (NAMA, AP_NAMA), "VALID"),
            ("fieldmdp-all-changed", fieldmdp(b"All"), (PILIHAN, AP_PILIHAN), "MODIFIED"),
            ("fieldmdp-parent-locks-child", fieldmdp(b"Include", [b"Alamat"]), (KOTA, AP_KOTA), "MODIFIED")):
        b = base(name)
        s = sign_new(b, tmp(name, 1), reference=ref)
        case(name, verdict, fill(s, tmp(name, 2), filled[0], b"Dua", filled[1]),
             "locked" if verdict == "MODIFIED" else "")


def lock_cases():
    name = "lock-include-child"
    b = base(name, lock=lock_dict(b"Include", [b"Alamat"]))
    s = sign_existing(b, tmp(name, 1), TANDA1)
    case(name, "MODIFIED", fill(s, tmp(name, 2), KOTA, b"Bandung", AP_KOTA), "locked")
    name = "lock-after-allowed-updates"
    b = base(name, lock=lock_dict(b"Include", [b"Nama"]))
    s = sign_existing(b, tmp(name, 1), TANDA1)
    s = sign_existing(s, tmp(name, 2), TANDA2)
    add_dss(s, tmp(name, 3))
    s = fill(tmp(name, 3), tmp(name, 4), PILIHAN, b"Tiga", AP_PILIHAN)
    case(name, "MODIFIED", fill(s, tmp(name, 5), NAMA, b"Ani", AP_NAMA), "locked")
    name = "lock-other-field-filled"
    b = base(name, lock=lock_dict(b"Include", [b"Nama"]))
    s = sign_existing(b, tmp(name, 1), TANDA1)
    case(name, "VALID", fill(s, tmp(name, 2), PILIHAN, b"Dua", AP_PILIHAN))
    name = "lock-p1-then-signed"
    b = base(name, lock=lock_dict(b"Include", [b"Nama"], p=1))
    s = sign_existing(b, tmp(name, 1), TANDA1)
    case(name, "MODIFIED", sign_existing(s, tmp(name, 2), TANDA2))
    name = "lock-p1-then-dss"
    b = base(name, lock=lock_dict(b"Include", [b"Nama"], p=1))
    s = sign_existing(b, tmp(name, 1), TANDA1)
    add_dss(s, tmp(name, 2))
    case(name, "VALID", tmp(name, 2))
    name = "lock-all-kid-added"
    b = base(name, lock=lock_dict(b"All"))
    s = sign_existing(b, tmp(name, 1), TANDA1)
    n = next_number(s)
    kid = b"<< /Type /Annot /Subtype /Widget /F 4 /P 3 0 R /Parent 8 0 R /T (Desa) /V (Cibodas) /Rect [72 610 222 630] >>"
    objs = {n: kid, ALAMAT: array_append(pu.obj(s, ALAMAT), "Kids", "%d 0 R" % n),
            PAGE: array_append(pu.obj(s, PAGE), "Annots", "%d 0 R" % n)}
    case(name, "MODIFIED", pu.update(s, tmp(name, 2), objs))


def catalog_cases():
    adbe = lambda level: b"<< /ADBE << /BaseVersion /1.7 /ExtensionLevel %d >> >>" % level
    for name, start, value, verdict in (
            ("extensions-added", None, adbe(8).decode(), "VALID"),
            ("extensions-increased", adbe(3), adbe(8).decode(), "VALID"),
            ("extensions-downgraded", adbe(8), adbe(3).decode(), "MODIFIED"),
            ("extensions-removed", adbe(8), None, "MODIFIED")):
        b = base(name, extensions=start)
        s = sign_new(b, tmp(name, 1))
        case(name, verdict, catalog_update(s, tmp(name, 2), "Extensions", value),
             "" if verdict == "VALID" else "/Extensions")
    for name, start, value, verdict in (("version-increased", b"/1.7", "/2.0", "VALID"),
                                        ("version-downgraded", b"/2.0", "/1.4", "MODIFIED")):
        b = base(name, version=start)
        s = sign_new(b, tmp(name, 1))
        case(name, verdict, catalog_update(s, tmp(name, 2), "Version", value))


def appearance_cases():
    drawn = ap(b"TELAH DIBAYAR")
    for name, shared, verdict in (("empty-field-own-appearance", None, "VALID"),
                                  ("empty-field-appearance-shared-with-annotation", "annotation", "MODIFIED"),
                                  ("empty-field-appearance-in-page-resources", "page", "MODIFIED"),
                                  ("empty-field-appearance-from-catalog", "catalog", "MODIFIED")):
        b = base(name, shared_ap_with=shared)
        s = sign_new(b, tmp(name, 1))
        case(name, verdict, sign_existing(s, tmp(name, 2), TANDA1, appearance=(AP_TANDA1, drawn)))


def validation_data_cases():
    name = "dss-replaced-and-freed"
    b = base(name)
    s = sign_new(b, tmp(name, 1))
    certs, vri, dss = add_dss(s, tmp(name, 2))
    case(name, "VALID", replace_dss(tmp(name, 2), tmp(name, 3), certs, vri, dss))


def structure_cases():
    name = "signed-kid-widget"
    b = base(name)
    s = sign_new(b, tmp(name, 1))
    case(name, "VALID", sign_new(s, tmp(name, 2), kid_widget=True))
    name = "struct-tree-widget-added"
    b = base(name, tagged=True)
    s = sign_new(b, tmp(name, 1))
    case(name, "VALID", sign_new(s, tmp(name, 2), struct=True, rect=b"[300 100 450 150]"))


def damaged_structure_cases():
    """The signer's own update has a trailer /Size too small: the file was
    damaged when signed, not after (the signature covers it all)."""
    name = "trailer-size-wrong-when-signed"
    b = base(name)
    case(name, "VALID", sign_new(b, tmp(name, 1), trailer_size=20), "structure")
    name = "trailer-size-wrong-after-signing"
    b = base(name)
    s = sign_new(b, tmp(name, 1))
    s = sign_new(s, tmp(name, 2), trailer_size=20)
    case(name, "MODIFIED", s, "damaged after signing")


def prepared_field_case():
    """A field prepared for signing elsewhere: /V is a signature
    dictionary whose /Contents is still all zeros."""
    name = "prepared-field-zero-contents"
    b = base(name)
    n = next_number(b)
    objs = {n: pu.signature_dict(), TANDA2: pu.with_entries(pu.obj(b, TANDA2), "/V %d 0 R" % n)}
    case(name, "UNSIGNED", pu.update(b, tmp(name, 1), objs))


def main():
    global OUT, IDENT
    OUT = sys.argv[1]
    os.makedirs(OUT, exist_ok=True)
    IDENT = pu.make_identity(OUT)
    form_cases()
    lock_cases()
    catalog_cases()
    appearance_cases()
    validation_data_cases()
    structure_cases()
    prepared_field_case()
    damaged_structure_cases()
    for f in os.listdir(OUT):
        if f.endswith(".tmp.pdf") or f.endswith("-base.pdf"):
            os.unlink(os.path.join(OUT, f))
    with open(os.path.join(OUT, "expected.txt"), "w") as f:
        f.write("\n".join(EXPECTED) + "\n")


if __name__ == "__main__":
    main()
