#!/usr/bin/env python3
"""besign-cli sign --at-text TEXT (issue 13): the visible specimen's box
has its top-left corner on the top-left corner of the first occurrence of
TEXT, on the page as displayed (CropBox, /Rotate applied), like the
service's tag_koordinat.

Checked with other tools than ours: where the marker is comes from
Poppler's pdftotext -bbox (-cropbox), where the specimen landed from the
pixels pdftoppm renders (one pixel a point) and from the widget's /Rect
as qpdf --json reads it. Pages are made by ghostscript (CropBox by
pdfmark) and turned by qpdf --rotate. Prints TAP.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

CLI = os.environ["BESIGN_CLI"]
MARKER = "#TTE#"
# bs-appearance.c draws the image 4 % of the box's smaller side inside.
PAD_RATIO = 0.04
# The visible area of the made pages: CropBox [40 60 555 800] of an A4 MediaBox.
CROP = (40, 60, 555, 800)

results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print("%s %d - %s" % ("ok" if condition else "not ok", len(results), name))
    if not condition:
        for line in str(detail).splitlines():
            print("# " + line)
    sys.stdout.flush()
    return condition


def run(argv, cwd):
    return subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8", errors="replace")


def must(argv, cwd):
    p = run(argv, cwd)
    if p.returncode != 0:
        raise SystemExit("Bail out! %s failed: %s" % (argv[0], p.stdout))


def postscript_pages(pages):
    """A PostScript program: each page a list of (x, y, text) in user space."""
    lines = ["%!PS", "<< /PageSize [595 842] >> setpagedevice"]
    for texts in pages:
        lines.append("[ /CropBox [%d %d %d %d] /PAGE pdfmark" % CROP)
        lines.append("/Helvetica findfont 14 scalefont setfont")
        for x, y, text in texts:
            lines.append("%g %g moveto (%s) show" % (x, y, text))
        lines.append("showpage")
    return "\n".join(lines) + "\n"


def make_pdf(work, name, pages, rotate=0):
    ps = os.path.join(work, name + ".ps")
    with open(ps, "w") as f:
        f.write(postscript_pages(pages))
    flat = name + "-flat.pdf"
    must(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-dAutoRotatePages=/None",
          "-sOutputFile=" + flat, ps], work)
    out = name + ".pdf"
    if rotate:
        must(["qpdf", flat, "--rotate=+%d" % rotate, out], work)
    else:
        shutil.copy(os.path.join(work, flat), os.path.join(work, out))
    return os.path.join(work, out)


def make_identity(work):
    must(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem", "-out", "c.pem",
          "-days", "30", "-subj", "/CN=Penanda Tangan Uji",
          "-addext", "keyUsage=critical,digitalSignature,nonRepudiation"], work)
    with open(os.path.join(work, "pw.txt"), "w") as f:
        f.write("uji-rahasia\n")
    must(["openssl", "pkcs12", "-export", "-inkey", "k.pem", "-in", "c.pem", "-out", "s.p12",
          "-passout", "file:pw.txt"], work)


def make_red_png(work):
    """263×100 pure red: a 150×60 box less its padding has that aspect, so it fills it."""
    with open(os.path.join(work, "red.ps"), "w") as f:
        f.write("%!PS\n1 0 0 setrgbcolor 0 0 263 100 rectfill showpage\n")
    must(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", "-r72", "-g263x100",
          "-sOutputFile=red.png", "red.ps"], work)
    return os.path.join(work, "red.png")


def sign(work, inputs, *options, out=None, out_dir=None):
    argv = [CLI, "sign", "--p12", "s.p12", "--passphrase-file", "pw.txt"] + list(options)
    argv += ["-o", out] if out else ["--output-dir", out_dir]
    return run(argv + list(inputs), work)


def marker_box(pdf, page, text=MARKER):
    """(xMin, yMin, xMax, yMax) of @text on @page as displayed, by pdftotext."""
    xml = subprocess.run(["pdftotext", "-cropbox", "-bbox", "-f", str(page), "-l", str(page), pdf, "-"],
                         stdout=subprocess.PIPE, check=True).stdout
    root = ET.fromstring(xml)
    for word in root.iter("{http://www.w3.org/1999/xhtml}word"):
        if word.text == text:
            return tuple(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
    raise SystemExit("Bail out! pdftotext finds no %s on page %d of %s" % (text, page, pdf))


def render(pdf, page):
    """The page as displayed at 72 dpi: (width, height, rgb bytes)."""
    prefix = pdf + "-p%d" % page
    subprocess.run(["pdftoppm", "-r", "72", "-cropbox", "-f", str(page), "-l", str(page), "-singlefile",
                    pdf, prefix], check=True)
    data = open(prefix + ".ppm", "rb").read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    width, height = int(m.group(1)), int(m.group(2))
    return width, height, data[m.end():]


def red_bounds(picture):
    """Inclusive pixel bounds (x0, y0, x1, y1) of the red pixels, or None."""
    width, height, rgb = picture
    x0 = y0 = 1 << 30
    x1 = y1 = -1
    for y in range(height):
        row = rgb[3 * width * y: 3 * width * (y + 1)]
        for x in range(width):
            r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
            if r > 200 and g < 60 and b < 60:
                x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
    return (x0, y0, x1, y1) if x1 >= 0 else None


def specimen_at(red, x, y, w, h, tolerance=1.5):
    """Where the red specimen should be, given the box: None when it is there."""
    pad = min(w, h) * PAD_RATIO
    want = (x + pad, y + pad, x + w - pad, y + h - pad)
    if red is None:
        return "no specimen on the page; expected it at %.1f,%.1f–%.1f,%.1f" % want
    got = "specimen at %d,%d–%d,%d; expected %.1f,%.1f–%.1f,%.1f" % (red + want)
    if abs(red[0] - want[0]) > tolerance or abs(red[1] - want[1]) > tolerance:
        return got
    if abs(red[2] + 1 - want[2]) > tolerance + 1 or abs(red[3] + 1 - want[3]) > tolerance + 1:
        return got
    return None


def widgets(pdf):
    """[(page number from 1, /Rect)] of the widget annotations, by qpdf."""
    doc = json.loads(subprocess.run(["qpdf", "--json=2", pdf], stdout=subprocess.PIPE, check=True).stdout)
    page_of = {p["object"]: i + 1 for i, p in enumerate(doc["pages"])}
    found = []
    for value in doc["qpdf"][1].values():
        obj = value.get("value")
        if isinstance(obj, dict) and obj.get("/Subtype") == "/Widget":
            found.append((page_of.get(obj.get("/P")), obj["/Rect"]))
    return found


def test_rotations(work, red_png):
    w, h = 150, 60
    for rotate in (0, 90, 180, 270):
        pdf = make_pdf(work, "letter-%d" % rotate, [[(300, 200, MARKER)]], rotate)
        out = os.path.join(work, "letter-%d-signed.pdf" % rotate)
        p = sign(work, [pdf], "--at-text", MARKER, "--rect", "%d,%d" % (w, h), "--image", red_png, out=out)
        if not check("rotate %d: signed" % rotate, p.returncode == 0 and os.path.exists(out), p.stdout):
            continue
        mx, my = marker_box(pdf, 1)[:2]
        picture = render(out, 1)
        quarter = rotate in (90, 270)
        size = (CROP[3] - CROP[1], CROP[2] - CROP[0]) if quarter else (CROP[2] - CROP[0], CROP[3] - CROP[1])
        check("rotate %d: rendered as displayed (%dx%d)" % (rotate, size[0], size[1]),
              picture[:2] == size, "pdftoppm gives %dx%d" % picture[:2])
        problem = specimen_at(red_bounds(picture), mx, my, w, h)
        check("rotate %d, cropped: the specimen's top-left is the marker's (%.1f,%.1f)" % (rotate, mx, my),
              problem is None, problem)
        if rotate == 0:
            # Unrotated: display (x, y) is user (crop.x0 + x, crop.y1 - y).
            want = [CROP[0] + mx, CROP[3] - my - h, CROP[0] + mx + w, CROP[3] - my]
            got = widgets(out)
            check("rotate 0: the widget's /Rect is the box on the marker",
                  len(got) == 1 and got[0][0] == 1 and all(abs(a - b) < 0.01 for a, b in zip(got[0][1], want)),
                  "widgets %s, expected page 1 %s" % (got, want))


def test_pages(work):
    """No --page: the first page that has the marker; --page N: that page."""
    pdf = make_pdf(work, "three", [[(72, 700, "Halaman satu")], [(100, 300, MARKER)], [(300, 650, MARKER)]])
    out = os.path.join(work, "three-first.pdf")
    p = sign(work, [pdf], "--at-text", MARKER, out=out)
    got = widgets(out) if p.returncode == 0 else []
    mx, my = marker_box(pdf, 2)[:2]
    want = [CROP[0] + mx, CROP[3] - my - 72, CROP[0] + mx + 180, CROP[3] - my]
    check("no --page: on page 2, the first with the marker, default size 180×72",
          len(got) == 1 and got[0][0] == 2 and all(abs(a - b) < 0.01 for a, b in zip(got[0][1], want)),
          "%s; widgets %s, expected page 2 %s" % (p.stdout, got, want))
    out = os.path.join(work, "three-page3.pdf")
    p = sign(work, [pdf], "--at-text", MARKER, "--page", "3", out=out)
    got = widgets(out) if p.returncode == 0 else []
    mx, my = marker_box(pdf, 3)[:2]
    want = [CROP[0] + mx, CROP[3] - my - 72, CROP[0] + mx + 180, CROP[3] - my]
    check("--page 3: the marker on page 3",
          len(got) == 1 and got[0][0] == 3 and all(abs(a - b) < 0.01 for a, b in zip(got[0][1], want)),
          "%s; widgets %s, expected page 3 %s" % (p.stdout, got, want))
    return pdf


def test_not_found(work, three):
    for name, options, says in (
            ("nowhere in the document", ["--at-text", "#TIDAK-ADA#"], "“#TIDAK-ADA#” is not in the PDF"),
            ("not on the page asked for", ["--at-text", MARKER, "--page", "1"], "“#TTE#” is not on page 1"),
            ("a page the document lacks", ["--at-text", MARKER, "--page", "9"], "has no page 9")):
        out_dir = os.path.join(work, "none-" + str(len(results)))
        p = sign(work, [three], *options, out_dir=out_dir)
        left = os.listdir(out_dir) if os.path.isdir(out_dir) else []
        check("marker %s: exit 1, says so, no file" % name,
              p.returncode == 1 and says in p.stdout and not left,
              "exit %d, output %r, left %s" % (p.returncode, p.stdout, left))


def test_edge(work, red_png):
    """A marker near the right edge: the box moves left onto the page."""
    pdf = make_pdf(work, "edge", [[(520, 400, MARKER)]])
    out = os.path.join(work, "edge-signed.pdf")
    p = sign(work, [pdf], "--at-text", MARKER, "--rect", "150,60", "--image", red_png, out=out)
    if not check("marker at the right edge: signed", p.returncode == 0, p.stdout):
        return
    picture = render(out, 1)
    my = marker_box(pdf, 1)[1]
    problem = specimen_at(red_bounds(picture), picture[0] - 150, my, 150, 60)
    check("marker at the right edge: the box ends at the page's edge, at the marker's height",
          problem is None, problem)


def test_batch(work, red_png):
    """Each document of one command gets the box at its own marker."""
    a = make_pdf(work, "batch-a", [[(80, 700, MARKER)]])
    b = make_pdf(work, "batch-b", [[(330, 150, MARKER)]])
    out_dir = os.path.join(work, "batch-out")
    p = sign(work, [a, b], "--at-text", MARKER, "--rect", "150,60", "--image", red_png, out_dir=out_dir)
    check("batch of two: both signed", p.returncode == 0 and "Signed 2 of 2" in p.stdout, p.stdout)
    for pdf in (a, b):
        out = os.path.join(out_dir, os.path.basename(pdf)[:-4] + "_signed.pdf")
        if not os.path.exists(out):
            check("batch: %s signed" % os.path.basename(pdf), False, os.listdir(out_dir))
            continue
        mx, my = marker_box(pdf, 1)[:2]
        problem = specimen_at(red_bounds(render(out, 1)), mx, my, 150, 60)
        check("batch: %s has the specimen at its own marker" % os.path.basename(pdf), problem is None, problem)


def test_usage(work, three):
    for name, options in (("--rect with a corner", ["--at-text", MARKER, "--rect", "10,10,150,60"]),
                          ("an empty text", ["--at-text", ""]),
                          ("with --field", ["--at-text", MARKER, "--field", "Tanda1"]),
                          ("--page 0", ["--at-text", MARKER, "--page", "0"])):
        out_dir = os.path.join(work, "usage-" + str(len(results)))
        p = sign(work, [three], *options, out_dir=out_dir)
        check("refused: %s (exit 2, no folder)" % name, p.returncode == 2 and not os.path.exists(out_dir),
              "exit %d: %s" % (p.returncode, p.stdout))


def start_devserver(work):
    """besign-devserver --demo: (process, demo account)."""
    data = os.path.join(work, "devserver")
    log = open(os.path.join(work, "devserver.log"), "w")
    proc = subprocess.Popen([os.environ["BESIGN_DEVSERVER"], "--data-dir", data, "--demo"],
                            stdout=log, stderr=subprocess.STDOUT)
    account = os.path.join(data, "demo-account.json")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            return proc, json.load(open(account))
        except (OSError, ValueError):
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("Bail out! the dev server did not start")


def test_server_side(work, red_png):
    """--server-side: the box is placed here as locally, sent as originX/originY."""
    proc, acct = start_devserver(work)
    try:
        with open(os.path.join(work, "basic.txt"), "w") as f:
            f.write(acct["integrationPassword"] + "\n")
        with open(os.path.join(work, "passphrase.txt"), "w") as f:
            f.write(acct["passphrase"] + "\n")
        service = ["--server-side", "--server", acct["baseUrl"], "--basic-user", acct["integrationUser"],
                   "--basic-password-file", "basic.txt", "--nik", acct["nik"], "--passphrase-file", "passphrase.txt"]
        pdf = os.path.join(work, "letter-90.pdf")
        out_dir = os.path.join(work, "service-out")
        p = run([CLI, "sign"] + service + ["--at-text", MARKER, "--rect", "150,60", "--image", red_png,
                                           "--output-dir", out_dir, pdf], work)
        out = os.path.join(out_dir, "letter-90_signed.pdf")
        if check("--server-side, rotated and cropped page: signed by the service",
                 p.returncode == 0 and os.path.exists(out), p.stdout):
            mx, my = marker_box(pdf, 1)[:2]
            problem = specimen_at(red_bounds(render(out, 1)), mx, my, 150, 60)
            check("--server-side: the specimen's top-left is the marker's", problem is None, problem)
        p = run([CLI, "sign"] + service + ["--at-text", "#TIDAK-ADA#", "--output-dir", out_dir + "-none", pdf], work)
        check("--server-side, marker not found: exit 1, says so before sending, no file",
              p.returncode == 1 and "“#TIDAK-ADA#” is not in the PDF" in p.stdout
              and not os.path.exists(out_dir + "-none"), "exit %d: %s" % (p.returncode, p.stdout))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main():
    os.environ["LANGUAGE"] = "C"
    work = tempfile.mkdtemp(prefix="besign-at-text-", dir=os.environ.get("TMPDIR"))
    try:
        make_identity(work)
        red_png = make_red_png(work)
        test_rotations(work, red_png)
        three = test_pages(work)
        test_not_found(work, three)
        test_edge(work, red_png)
        test_batch(work, red_png)
        test_usage(work, three)
        test_server_side(work, red_png)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("1..%d" % len(results))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
