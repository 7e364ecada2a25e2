#!/usr/bin/env python3
"""Speed benchmarks of besign-cli beside same-run references.

Prints medians. The floor for signing is `openssl dgst -sha256` + `cp` of
the same file; the peer is Poppler's `pdfsig` (-add-signature for signing,
plain verification for verifying). Never a pass/fail test: the machines are
shared and noisy. Usage: bench.py [--quick] (BESIGN_CLI selects the binary).
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.environ.get("BESIGN_CLI", os.path.join(TOP, "build", "src", "cli", "besign-cli"))
QUICK = "--quick" in sys.argv
RUNS = 3 if QUICK else 5


def run(cmd, cwd, env=None):
    """Runs @cmd; returns (seconds, peak RSS of the child in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, shell=isinstance(cmd, str))
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        raise SystemExit("failed: %s\n%s" % (cmd, p.stderr.decode(errors="replace")))
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


def median_time(make_cmd, cwd, runs=RUNS, setup=None, env=None):
    times = []
    for i in range(runs):
        if setup:
            setup(i)
        times.append(run(make_cmd(i), cwd, env)[0])
    return statistics.median(times)


def peak_rss(cmd, cwd, env=None):
    """Peak RSS of one run, measured in a fresh interpreter so earlier
    children do not mask it."""
    code = ("import resource,subprocess,sys;subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,"
            "stderr=subprocess.DEVNULL,check=True);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code] + cmd, cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024.0


def identity(work):
    sh = """
set -e
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 30 -subj '/CN=Bench Root' \
  -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout s.key -out s.csr -subj '/CN=Bench Signer' 2>/dev/null
printf 'keyUsage=critical,digitalSignature,nonRepudiation\\n' > s.ext
openssl x509 -req -in s.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 -extfile s.ext -out s.pem 2>/dev/null
echo bench-pass > pass.txt
openssl pkcs12 -export -inkey s.key -in s.pem -certfile root.pem -name bench -out s.p12 -passout file:pass.txt \
  -certpbe AES-256-CBC -keypbe AES-256-CBC -macalg sha256
mkdir nss && certutil -N --empty-password -d sql:nss && pk12util -i s.p12 -d sql:nss -w pass.txt >/dev/null
"""
    subprocess.run(["sh", "-c", sh], cwd=work, check=True)


def write_pdf(path, payload_bytes, pages=1):
    """A valid PDF with one page per @pages and a random-bytes stream of
    @payload_bytes (an image nobody draws), built with a classic xref."""
    objs = []
    kids = " ".join("%d 0 R" % (4 + 2 * i) for i in range(pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), pages))
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i in range(pages):
        content = b"BT /F1 18 Tf 72 760 Td (Halaman %d) Tj ET" % (i + 1)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    with open(path, "wb") as f:
        f.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, body in enumerate(objs, start=1):
            offsets.append(f.tell())
            f.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
        if payload_bytes:
            offsets.append(f.tell())
            f.write(b"%d 0 obj\n<< /Length %d >>\nstream\n" % (len(objs) + 1, payload_bytes))
            chunk = os.urandom(1 << 20)
            left = payload_bytes
            while left > 0:
                f.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)
            f.write(b"\nendstream\nendobj\n")
        xref = f.tell()
        f.write(b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(offsets) + 1))
        for off in offsets:
            f.write(b"%010d 00000 n\r\n" % off)
        f.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))


def row(name, ours, ref_name, ref, target):
    ratio = ours / ref if ref else float("nan")
    print("%-44s %9.3f s   %-26s %9.3f s   x%-6.2f %s" % (name, ours, ref_name, ref, ratio, target))


def bench_sign(work):
    env = dict(os.environ, BESIGN_PASSPHRASE="bench-pass")
    big = os.path.join(work, "big.pdf")
    write_pdf(big, 100 * 1024 * 1024)
    mid = os.path.join(work, "mid.pdf")
    write_pdf(mid, 10 * 1024 * 1024)
    one = os.path.join(work, "one.pdf")
    write_pdf(one, 0)

    def clean(_):
        shutil.rmtree(os.path.join(work, "out"), ignore_errors=True)

    sign = lambda src: (lambda i: [CLI, "sign", "--p12", "s.p12", "--output-dir", "out", src])
    floor = median_time(lambda i: "openssl dgst -sha256 big.pdf >/dev/null && cp big.pdf floor.pdf", work)
    ours = median_time(sign("big.pdf"), work, setup=clean, env=env)
    row("sign 100 MB PDF", ours, "floor: dgst + cp", floor, "target <= 1.5x")
    # We fsync the output before renaming it into place (no partial or lost
    # signed file after a crash); the same floor with that fsync:
    durable = median_time(lambda i: "openssl dgst -sha256 big.pdf >/dev/null && cp big.pdf floor.pdf"
                                    " && sync floor.pdf", work)
    row("sign 100 MB PDF", ours, "floor + fsync: dgst+cp+sync", durable, "")
    peer = median_time(lambda i: ["pdfsig", "-add-signature", "-nssdir", "sql:nss", "-nick", "bench",
                                  "big.pdf", "peer-%d.pdf" % i], work)
    row("sign 100 MB PDF", ours, "peer: pdfsig -add-signature", peer, "")
    clean(0)
    rss_big = peak_rss(sign("big.pdf")(0), work, env)
    clean(0)
    rss_mid = peak_rss(sign("mid.pdf")(0), work, env)
    print("%-44s %6.1f MB (10 MB input: %.1f MB)   target <= 64 MB, not growing with size" % (
        "peak RSS signing 100 MB", rss_big, rss_mid))

    batch = os.path.join(work, "batch")
    os.makedirs(batch, exist_ok=True)
    n = 200 if QUICK else 1000
    for i in range(n):
        shutil.copy(one, os.path.join(batch, "doc%04d.pdf" % i))
    clean(0)
    t, _ = run([CLI, "sign", "--p12", "s.p12", "--output-dir", "out", "batch"], work, env)
    print("%-44s %9.1f documents/s   target >= 200" % ("sign %d one-page PDFs in one run" % n, n / t))

    ours1 = median_time(sign("one.pdf"), work, setup=clean, env=env)
    peer1 = median_time(lambda i: ["pdfsig", "-add-signature", "-nssdir", "sql:nss", "-nick", "bench",
                                   "one.pdf", "peer1-%d.pdf" % i], work)
    row("sign 1-page PDF", ours1, "peer: pdfsig -add-signature", peer1, "target < 1x")
    return env


def bench_verify(work, env):
    # A ~4 MB document signed eight times, each an incremental update.
    write_pdf(os.path.join(work, "four.pdf"), 4 * 1024 * 1024, pages=3)
    src = "four.pdf"
    for i in range(8):
        dst = "four-%d.pdf" % (i + 1)
        run([CLI, "sign", "--p12", "s.p12", "-o", dst, src], work, env)
        src = dst
    ours = median_time(lambda i: [CLI, "verify", "--trust", "root.pem", src], work)
    peer = median_time(lambda i: ["pdfsig", "-nocert", src], work)
    row("verify 4 MB PDF, 8 signatures", ours, "peer: pdfsig -nocert", peer, "target <= 0.100 s and < 1x")

    signed_dir = os.path.join(work, "signed")
    n = 200 if QUICK else 1000
    one_signed = os.path.join(work, "one-signed.pdf")
    run([CLI, "sign", "--p12", "s.p12", "-o", one_signed, "one.pdf"], work, env)
    os.makedirs(signed_dir, exist_ok=True)
    files = []
    for i in range(n):
        p = os.path.join(signed_dir, "s%04d.pdf" % i)
        shutil.copy(one_signed, p)
        files.append(p)
    start = time.perf_counter()
    subprocess.run([CLI, "verify", "--trust", "root.pem"] + files, cwd=work, stdout=subprocess.DEVNULL)
    t = time.perf_counter() - start
    print("%-44s %9.1f files/s   target >= 300" % ("verify %d signed one-page PDFs in one run" % n, n / t))

    big_signed = os.path.join(work, "big-signed.pdf")
    run([CLI, "sign", "--p12", "s.p12", "-o", big_signed, "big.pdf"], work, env)
    rss = peak_rss([CLI, "verify", "--trust", "root.pem", big_signed], work)
    print("%-44s %6.1f MB   target <= 64 MB" % ("peak RSS verifying 100 MB signed PDF", rss))


def ghostscript_pages(path, pages):
    ps = "%!PS\n/Helvetica findfont 18 scalefont setfont\n" + "".join(
        "72 760 moveto (Halaman %d) show showpage\n" % (i + 1) for i in range(pages))
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-sOutputFile=" + path, "-"],
                   input=ps.encode(), check=True)


def bench_verify_signatures(work, env):
    """Issue 12: a pdfsig-made file with eight signatures (its form's /DR
    holds a 260 KB font), and cost per signature at 8..100 of ours."""
    ghostscript_pages(os.path.join(work, "gs3.pdf"), 3)
    src = "gs3.pdf"
    for i in range(8):
        dst = "pdfsig-%d.pdf" % (i + 1)
        run(["pdfsig", "-add-signature", "-nssdir", "sql:nss", "-nick", "bench", src, dst], work)
        src = dst
    ours = median_time(lambda i: [CLI, "verify", "--trust", "root.pem", src], work)
    peer = median_time(lambda i: ["pdfsig", src], work)
    row("verify pdfsig's 8 signatures", ours, "peer: pdfsig", peer, "target <= 1.5x")
    print("%-44s %6.1f MB   peer %6.1f MB   target <= 40 MB" % (
        "  peak RSS", peak_rss([CLI, "verify", "--trust", "root.pem", src], work), peak_rss(["pdfsig", src], work)))
    src = "gs3.pdf"
    done = 0
    for n in (8, 16, 32, 100):
        for i in range(done, n):
            dst = "ours-%d.pdf" % (i + 1)
            run([CLI, "sign", "--p12", "s.p12", "-o", dst, src], work, env)
            src = dst
        done = n
        ours = median_time(lambda i: [CLI, "verify", "--trust", "root.pem", src], work)
        peer = median_time(lambda i: ["pdfsig", src], work)
        row("verify %d of our signatures" % n, ours, "peer: pdfsig", peer, "target <= 2x")
        print("%-44s %6.1f MB" % ("  peak RSS", peak_rss([CLI, "verify", "--trust", "root.pem", src], work)))

def write_many_objects(path, n):
    """A one-page PDF with @n extra tiny objects (an integer each), as a
    form generator or a scanner's OCR layer produce by the million."""
    with open(path, "wb") as f:
        f.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for body in (b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"):
            offsets.append(f.tell())
            f.write(b"%d 0 obj\n%s\nendobj\n" % (len(offsets), body))
        for i in range(n):
            offsets.append(f.tell())
            f.write(b"%d 0 obj\n<< /N %d >>\nendobj\n" % (len(offsets), i))
        xref = f.tell()
        f.write(b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(offsets) + 1))
        f.write(b"".join(b"%010d 00000 n\r\n" % off for off in offsets))
        f.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))


def bench_many_objects(work, env):
    """Signing memory must not grow with the object count beyond the
    file's own size: target 64 MB + 2 x file size at a million objects.
    The reference is qpdf opening the same file (qpdf --show-npages)."""
    n = 200000 if QUICK else 1000000
    path = os.path.join(work, "objects.pdf")
    write_many_objects(path, n)
    size_mb = os.path.getsize(path) / (1024.0 * 1024.0)
    shutil.rmtree(os.path.join(work, "out"), ignore_errors=True)
    ours = peak_rss([CLI, "sign", "--p12", "s.p12", "--output-dir", "out", "objects.pdf"], work, env)
    ref = peak_rss(["qpdf", "--show-npages", "objects.pdf"], work)
    print("%-44s %6.1f MB   ref: qpdf --show-npages %6.1f MB   target <= %.0f MB (64 + 2 x %.0f MB)" % (
        "peak RSS signing %d objects (%.0f MB)" % (n, size_mb), ours, ref, 64 + 2 * size_mb, size_mb))
    t = median_time(lambda i: [CLI, "sign", "--p12", "s.p12", "--output-dir", "out-%d" % i, "objects.pdf"], work,
                    runs=3, env=env)
    ref_t = median_time(lambda i: ["qpdf", "--show-npages", "objects.pdf"], work, runs=3)
    row("sign %d objects" % n, t, "ref: qpdf --show-npages", ref_t, "")


def main():
    if not os.path.exists(CLI):
        raise SystemExit("build besign-cli first (%s)" % CLI)
    work = tempfile.mkdtemp(prefix="besign-bench-")
    try:
        identity(work)
        print("besign-cli benchmarks (medians of %d runs)" % RUNS)
        env = bench_sign(work)
        bench_many_objects(work, env)
        bench_verify(work, env)
        bench_verify_signatures(work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
