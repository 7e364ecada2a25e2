#!/usr/bin/env python3
"""Makes PDFs of every structure a signer must handle, with independent
tools: ghostscript for the documents, qpdf for restructuring, and small
hand-made incremental updates where no tool writes one.

Usage: make-fixtures.py OUTDIR   (writes OUTDIR/*.pdf)
"""
import os
import re
import subprocess
import sys
import zlib

OUT = sys.argv[1]

PS = b"""%!PS
<< /PageSize [595 842] >> setpagedevice
/Helvetica findfont 22 scalefont setfont 72 760 moveto (SURAT EDARAN) show
/Helvetica findfont 12 scalefont setfont 72 730 moveto (Fixture for signing tests) show
showpage
"""


def sh(*cmd):
    subprocess.run(cmd, check=True, cwd=OUT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def qpdf_out(*args):
    return subprocess.run(["qpdf", *args], cwd=OUT, capture_output=True, text=True).stdout


def gs(name, level):
    with open(os.path.join(OUT, "doc.ps"), "wb") as f:
        f.write(PS)
    sh("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-dCompatibilityLevel=%s" % level,
       "-sOutputFile=" + name, "doc.ps")


def read(name):
    return open(os.path.join(OUT, name), "rb").read()


def write(name, data):
    open(os.path.join(OUT, name), "wb").write(data)


def trailer(name):
    t = qpdf_out("--show-object=trailer", name)
    return (int(re.search(r"/Size (\d+)", t).group(1)), int(re.search(r"/Root (\d+)", t).group(1)),
            re.search(r"/ID \[ (<\w+>) (<\w+>) \]", t))


def startxref(data):
    return int(re.findall(rb"startxref\s+(\d+)", data)[-1])


def table_update(name, objects, extra=b""):
    """Appends objects and a classic xref table section."""
    data = read(name)
    size, root, ids = trailer(name)
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, objects[num])
    xref = len(out)
    out += b"xref\n"
    for num in sorted(offsets):
        out += b"%d 1\n%010d 00000 n\r\n" % (num, offsets[num])
    new_size = max([size] + [n + 1 for n in objects])
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        new_size, root, startxref(data), extra, xref)
    return bytes(out)


def hybrid(name):
    """A hybrid-reference update (ISO 32000-1 7.5.8.4): a classic table for
    readers of PDF 1.4 plus /XRefStm naming an xref stream that lists an
    object kept in an object stream."""
    data = read(name)
    size, root, _ = trailer(name)
    info, objstm, xrefstm = size, size + 1, size + 2
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    inner = b"<< /Title (Hybrid fixture) /Producer (BeSign tests) >>"
    header = b"%d 0 " % info
    payload = header + inner
    off_objstm = len(out)
    out += (b"%d 0 obj\n<< /Type /ObjStm /N 1 /First %d /Length %d >>\nstream\n" % (objstm, len(header), len(payload))
            + payload + b"\nendstream\nendobj\n")
    off_xrefstm = len(out)
    rows = bytes([2]) + objstm.to_bytes(4, "big") + (0).to_bytes(2, "big")
    rows += bytes([1]) + off_objstm.to_bytes(4, "big") + (0).to_bytes(2, "big")
    rows += bytes([1]) + off_xrefstm.to_bytes(4, "big") + (0).to_bytes(2, "big")
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Index [%d 3] /Root %d 0 R /Length %d >>\nstream\n"
            % (xrefstm, size + 3, info, root, len(rows)) + rows + b"\nendstream\nendobj\n")
    xref = len(out)
    out += b"xref\n%d 2\n%010d 00000 n\r\n%010d 00000 n\r\n" % (objstm, off_objstm, off_xrefstm)
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d /XRefStm %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (size + 3, root, info, startxref(data), off_xrefstm, xref))
    return bytes(out)


def page_and_root(name):
    page = int(re.search(r"page 1: (\d+)", qpdf_out("--show-pages", name)).group(1))
    _, root, _ = trailer(name)
    return page, qpdf_out("--show-object=%d" % page, name).strip(), root, qpdf_out("--show-object=%d" % root, name).strip()


def with_entry(dict_text, entry):
    return (dict_text[:-2] + " " + entry + " >>").encode()


def main():
    os.makedirs(OUT, exist_ok=True)
    gs("classic-1.3.pdf", "1.3")
    gs("classic-1.4.pdf", "1.4")
    gs("classic-1.7.pdf", "1.7")
    sh("qpdf", "--force-version=2.0", "classic-1.7.pdf", "pdf-2.0.pdf")
    sh("qpdf", "--object-streams=generate", "classic-1.7.pdf", "xref-stream.pdf")
    sh("qpdf", "--linearize", "classic-1.7.pdf", "linearized.pdf")
    sh("qpdf", "--linearize", "--object-streams=generate", "classic-1.7.pdf", "linearized-xref-stream.pdf")
    write("hybrid.pdf", hybrid("classic-1.4.pdf"))
    size, _, _ = trailer("classic-1.7.pdf")
    write("incremental-2.pdf", table_update("classic-1.7.pdf", {size: b"<< /Title (Update one) >>"},
                                            b" /Info %d 0 R" % size))
    size2, _, _ = trailer("incremental-2.pdf")
    write("incremental-3.pdf", table_update("incremental-2.pdf", {size2: b"<< /Title (Update two) >>"},
                                            b" /Info %d 0 R" % size2))
    page, page_dict, root, root_dict = page_and_root("classic-1.7.pdf")
    annots = size
    link = size + 1
    write("annots-indirect.pdf", table_update("classic-1.7.pdf", {
        annots: b"[%d 0 R]" % link,
        link: b"<< /Type /Annot /Subtype /Link /Rect [72 700 200 720] /Border [0 0 0] /A << /S /URI /URI (https://bsre.bssn.go.id) >> >>",
        page: with_entry(page_dict, "/Annots %d 0 R" % annots)}))
    field = size
    write("acroform-existing.pdf", table_update("classic-1.7.pdf", {
        field: b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (Nama) /V (Budi) /Rect [72 600 300 620] /P %d 0 R >>" % page,
        page: with_entry(page_dict, "/Annots [%d 0 R]" % field),
        root: with_entry(root_dict, "/AcroForm << /Fields [%d 0 R] /DA (/Helv 0 Tf 0 g) >>" % field)}))
    # A form prepared with a place to sign: an unsigned /FT /Sig field.
    write("empty-sig-field.pdf", table_update("classic-1.7.pdf", {
        field: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Tanda1) /F 4 /Rect [350 80 550 160] /P %d 0 R >>" % page,
        page: with_entry(page_dict, "/Annots [%d 0 R]" % field),
        root: with_entry(root_dict, "/AcroForm << /Fields [%d 0 R] >>" % field)}))
    sh("qpdf", "--rotate=+90", "classic-1.7.pdf", "rotate-90.pdf")
    sh("qpdf", "--rotate=+270", "xref-stream.pdf", "rotate-270-xref-stream.pdf")
    for name in sorted(os.listdir(OUT)):
        if name.endswith(".pdf"):
            check = subprocess.run(["qpdf", "--check", name], cwd=OUT, capture_output=True, text=True)
            if check.returncode != 0 or "WARNING" in check.stdout + check.stderr:
                raise SystemExit("fixture %s is not clean: %s%s" % (name, check.stdout, check.stderr))
    os.remove(os.path.join(OUT, "doc.ps"))


if __name__ == "__main__":
    main()
