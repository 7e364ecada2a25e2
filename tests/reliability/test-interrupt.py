#!/usr/bin/env python3
"""TAP test: a batch interrupted by SIGINT or SIGTERM stops cleanly (the
document in flight dropped with its temporary, a summary of what was
signed, a non-zero exit); after kill -9 the next run into the folder removes
the leftovers and only those (a live temporary of another process, a
symbolic link, other names stay); kill -9 in a B-LT batch never leaves a
final file below B-LT. Checked with the folder's listing, qpdf and pdfsig.
"""
import fcntl
import os
import re
import signal
import subprocess
import time

from reliability import (CLI, Services, Tap, finals, has_dss, make_identity, pdfsig_valid, qpdf_check, rm_rf,
                         sign_env, start, stop, temporaries, wait_until, workdir, write_pdf)

N_DOCS = 250

tap = Tap()
work = workdir("interrupt")
services = None
try:
    services = Services(work)  # the certificates name its CRL address
    make_identity(work, crl_url="http://127.0.0.1:%d/root.crl" % services.port)
    env = sign_env(work)
    batch = os.path.join(work, "batch")
    os.makedirs(batch)
    for i in range(N_DOCS):
        write_pdf(os.path.join(batch, "doc%03d.pdf" % i), seed=b"Dokumen %d" % i)

    def sign(out, *extra, inputs=("batch",)):
        return start([CLI, "sign", "--p12", "s.p12", "--output-dir", out] + list(extra) + list(inputs), work, env)

    def interrupt(proc, sig):
        """Delivers @sig while the process is stopped, so that it is
        handled exactly at the moment chosen, then lets it run."""
        stop(proc)
        os.kill(proc.pid, sig)
        os.kill(proc.pid, signal.SIGCONT)
        out, err = proc.communicate(timeout=120)
        return out.decode(errors="replace"), err.decode(errors="replace")

    def summary_count(err):
        m = re.search(r"Signed (\d+) of (\d+) documents", err)
        return (int(m.group(1)), int(m.group(2))) if m else None

    # --- SIGINT while signed documents are being saved -------------------
    out_a = os.path.join(work, "out-a")
    proc = sign(out_a)
    seen = wait_until(lambda: finals(out_a), timeout=120)
    tap.ok(seen, "SIGINT: the batch was signing when interrupted")
    stdout, stderr = interrupt(proc, signal.SIGINT)
    left, done = temporaries(out_a), finals(out_a)
    tap.ok(proc.returncode > 0, "SIGINT: exits by itself with a non-zero status (not killed)",
           "status %d\n%s" % (proc.returncode, stderr[-2000:]))
    tap.ok(left == [], "SIGINT: no temporary is left in the output folder", "left: %s" % left[:10])
    tap.ok(0 < len(done) < N_DOCS, "SIGINT: the batch stopped part-way (%d of %d saved)" % (len(done), N_DOCS))
    tap.ok(summary_count(stderr) == (len(done), N_DOCS),
           "SIGINT: the summary counts exactly the files in the folder",
           "summary %s, files %d\n%s" % (summary_count(stderr), len(done), stderr[-1000:]))
    tap.ok(stdout.count(" -> ") == len(done), "SIGINT: one 'INPUT -> OUTPUT' line per saved file")
    bad = []
    for name in done:
        path = os.path.join(out_a, name)
        if not qpdf_check(path)[0] or pdfsig_valid(path)[0] != 1:
            bad.append(name)
    tap.ok(bad == [], "SIGINT: every saved file is whole (qpdf --check, pdfsig valid)", "bad: %s" % bad[:5])

    # --- SIGTERM while documents are being prepared ----------------------
    out_b = os.path.join(work, "out-b")
    proc = sign(out_b)
    seen = wait_until(lambda: len(temporaries(out_b)) >= 20 and not finals(out_b), timeout=120)
    tap.ok(seen, "SIGTERM: temporaries were being written when interrupted")
    stdout, stderr = interrupt(proc, signal.SIGTERM)
    tap.ok(proc.returncode > 0, "SIGTERM: exits by itself with a non-zero status",
           "status %d\n%s" % (proc.returncode, stderr[-2000:]))
    tap.ok(os.listdir(out_b) == [], "SIGTERM: the output folder is empty again", os.listdir(out_b)[:10])
    tap.ok(summary_count(stderr) == (0, N_DOCS), "SIGTERM: the summary says nothing was signed", stderr[-1000:])

    # --- kill -9, then the next run into the same folder -----------------
    out_c = os.path.join(work, "out-c")
    proc = sign(out_c)
    wait_until(lambda: len(temporaries(out_c)) >= 20, timeout=120)
    proc.kill()
    proc.wait()
    leftovers = temporaries(out_c)
    tap.ok(len(leftovers) >= 20, "kill -9 leaves temporaries behind (%d)" % len(leftovers))
    # What the next run must not touch: a temporary another live process
    # holds (locked as ours are), a link with our name, other names.
    live = os.path.join(out_c, ".besign-live00.part")
    holder = open(live, "wb")
    holder.write(b"being written")
    holder.flush()
    fcntl.flock(holder.fileno(), fcntl.LOCK_EX)
    target = os.path.join(work, "link-target.pdf")
    open(target, "w").write("keep me")
    os.symlink(target, os.path.join(out_c, ".besign-link00.part"))
    open(os.path.join(out_c, ".besign-notours.part"), "w").write("keep")
    open(os.path.join(out_c, "besign-XXXXXX.part"), "w").write("keep")
    kept = {".besign-live00.part", ".besign-link00.part", ".besign-notours.part", "besign-XXXXXX.part"}
    if os.geteuid() == 0:
        other = os.path.join(out_c, ".besign-other0.part")
        open(other, "w").write("another user's")
        os.chown(other, 65534, 65534)
        kept.add(".besign-other0.part")
    p = subprocess.run([CLI, "sign", "--p12", "s.p12", "--output-dir", out_c, os.path.join(batch, "doc000.pdf")],
                       cwd=work, env=env, capture_output=True, text=True)
    names = set(os.listdir(out_c))
    tap.ok(p.returncode == 0 and "doc000_signed.pdf" in names, "the next run signs into the folder", p.stderr)
    tap.ok(not (set(leftovers) & names), "the next run removed the leftovers of the killed one",
           sorted(set(leftovers) & names)[:10])
    tap.ok(kept <= names, "it kept a live temporary, a link, another user's file and other names",
           "missing: %s" % sorted(kept - names))
    tap.ok(os.path.exists(target) and open(live, "rb").read() == b"being written", "the link's target and the live file are intact")
    holder.close()

    # --- kill -9 during a B-LT batch --------------------------------------
    # Each CRL download takes half a second: validation data are added
    # after the signature, and that is when a B-T-only file could stand
    # under its final name.
    services.crl_delay = 0.5
    out_d = os.path.join(work, "out-d")
    inputs = [os.path.join(batch, "doc%03d.pdf" % i) for i in range(4)]
    proc = sign(out_d, "--level", "B-LT", "--tsa", services.tsa_url, inputs=inputs)
    below = []
    checked = set()
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline and not checked:
        for name in finals(out_d):
            if name not in checked:
                checked.add(name)
                if not has_dss(os.path.join(out_d, name)):
                    below.append(name)
        time.sleep(0.002)
    proc.kill()
    proc.wait()
    for name in finals(out_d):
        if not has_dss(os.path.join(out_d, name)):
            below.append(name)
    tap.ok(checked or finals(out_d) or temporaries(out_d), "B-LT: the batch got as far as a signed file before kill -9")
    tap.ok(below == [], "B-LT: no file under its final name lacks the validation data (DSS)",
           "without DSS: %s" % sorted(set(below)))
    stray = [n for n in os.listdir(out_d) if n.startswith(".") and not re.match(r"^\.besign-.{6}\.part$", n)]
    tap.ok(stray == [], "B-LT: intermediate files are temporaries the next run removes", stray)
finally:
    if services:
        services.stop()
    rm_rf(work)
tap.done()
