#!/usr/bin/env python3
"""TAP test: object numbers. A trailer /Size past the PDF limit
(ISO 32000-1 Annex C: 8,388,607) is refused with a clear message and no
output, instead of a "signed" file nobody can read; a /Size merely larger
than needed, and a file of 200,000 objects, sign into files qpdf --check
and pdfsig accept, the new objects numbered after every existing one.
"""
import os
import re
import subprocess

from reliability import (CLI, Tap, finals, make_identity, pdfsig_valid, qpdf_check, rm_rf, sign_env, temporaries,
                         workdir, write_pdf)

tap = Tap()
work = workdir("object-numbers")
try:
    make_identity(work)
    env = sign_env(work)

    def sign(name):
        out = os.path.join(work, "out-" + name)
        p = subprocess.run([CLI, "sign", "--p12", "s.p12", "--output-dir", out, os.path.join(work, name + ".pdf")],
                           cwd=work, env=env, capture_output=True, text=True)
        return p, out

    for size, label in ((2147483647, "2^31-1"), (8388607, "the limit itself")):
        name = "size-%d" % size
        write_pdf(os.path.join(work, name + ".pdf"), size=size)
        p, out = sign(name)
        tap.ok(p.returncode != 0, "/Size %s: refused (non-zero exit)" % label, "status %d\n%s" % (p.returncode, p.stdout))
        tap.ok("objects" in p.stderr and "Signed 0 of 1" in p.stderr, "/Size %s: a clear message" % label, p.stderr)
        tap.ok(finals(out) == [] and temporaries(out) == [], "/Size %s: no file written" % label,
               os.listdir(out) if os.path.isdir(out) else "")

    def signed_ok(name, label):
        p, out = sign(name)
        files = finals(out)
        tap.ok(p.returncode == 0 and len(files) == 1, "%s: signed" % label, p.stderr)
        if files:
            path = os.path.join(out, files[0])
            good, log = qpdf_check(path)
            tap.ok(good, "%s: qpdf --check accepts the output" % label, log[-2000:])
            tap.ok(pdfsig_valid(path)[0] == 1, "%s: pdfsig finds the signature valid" % label, pdfsig_valid(path)[1])
            return path
        return None

    # Past 2^32 qpdf itself calls the file damaged: it is rebuilt (with a
    # right /Size) and signed with a notice, or refused; never unreadable.
    write_pdf(os.path.join(work, "size-2p32.pdf"), size=4294967300)
    p, out = sign("size-2p32")
    files = finals(out)
    readable = p.returncode == 0 and len(files) == 1 and qpdf_check(os.path.join(out, files[0]))[0]
    tap.ok(readable or (p.returncode != 0 and files == []), "/Size past 2^32: rebuilt and readable, or refused",
           p.stdout + p.stderr)

    write_pdf(os.path.join(work, "roomy.pdf"), size=100000)
    signed_ok("roomy", "/Size larger than needed (100000 for 5 objects)")

    write_pdf(os.path.join(work, "many.pdf"), n_objects=200000)
    path = signed_ok("many", "200,000 objects")
    if path:
        xref = subprocess.run(["qpdf", "--show-xref", path], capture_output=True, text=True).stdout
        numbers = [int(m.group(1)) for m in re.finditer(r"^(\d+)/0:", xref, re.M)]
        tap.ok(len(numbers) == len(set(numbers)) and max(numbers) >= 200005,
               "200,000 objects: the new objects come after the existing ones (qpdf --show-xref)")
finally:
    rm_rf(work)
tap.done()
