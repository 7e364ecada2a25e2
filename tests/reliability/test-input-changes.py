#!/usr/bin/env python3
"""TAP test: the input replaced by another file (an editor's rename-over)
or rewritten or truncated in place while it is being signed. What is
signed is one file as it was read: a rename-over after the signer opened
the input changes nothing (the output's first revision is the original
byte for byte), and a change in place is refused with a clear message and
no output. Checked with cmp-style byte comparison, qpdf and pdfsig.
"""
import os
import shutil
import signal
import subprocess

from reliability import (CLI, Tap, finals, make_identity, pdfsig_valid, qpdf_check, rm_rf, sign_env, start, stop,
                         temporaries, wait_until, workdir, write_pdf)

tap = Tap()
work = workdir("input-changes")
try:
    make_identity(work)
    env = sign_env(work)

    def opened_by(pid, path):
        """TRUE once process @pid has @path open (its /proc fd links)."""
        fds = "/proc/%d/fd" % pid
        try:
            for fd in os.listdir(fds):
                try:
                    if os.readlink(os.path.join(fds, fd)) == path:
                        return True
                except OSError:
                    pass
        except OSError:
            pass
        return False

    def same_prefix(path, original):
        with open(path, "rb") as f, open(original, "rb") as g:
            want = g.read()
            return f.read(len(want)) == want

    # --- rename-over while the document is being read and planned --------
    # Many objects make planning take a while after the input was opened.
    doc = os.path.join(work, "letter.pdf")
    write_pdf(doc, n_objects=300000, seed=b"Asli")
    original = os.path.join(work, "original.pdf")
    shutil.copy(doc, original)
    edited = os.path.join(work, "edited.pdf")
    write_pdf(edited, n_objects=1000, seed=b"Suntingan")
    out = os.path.join(work, "out-rename")
    proc = start([CLI, "sign", "--p12", "s.p12", "--output-dir", out, doc], work, env)
    tap.ok(wait_until(lambda: opened_by(proc.pid, doc), timeout=60), "rename-over: the signer has the input open")
    stop(proc)
    os.rename(edited, doc)   # what an editor's "save" does
    os.kill(proc.pid, signal.SIGCONT)
    stdout, stderr = proc.communicate(timeout=300)
    stderr = stderr.decode(errors="replace")
    produced = finals(out)
    if proc.returncode == 0:
        signed = os.path.join(out, produced[0])
        tap.ok(same_prefix(signed, original), "rename-over: what was signed is the file as it was opened, byte for byte")
        tap.ok(qpdf_check(signed)[0], "rename-over: the output passes qpdf --check", qpdf_check(signed)[1][-2000:])
        tap.ok(pdfsig_valid(signed)[0] == 1, "rename-over: pdfsig finds the signature valid", pdfsig_valid(signed)[1])
    else:
        tap.ok(produced == [] and "changed" in stderr, "rename-over: refused with a clear message and no output", stderr)
    tap.ok(temporaries(out) == [], "rename-over: no temporary left")

    # --- rewritten in place while it is being copied ---------------------
    big = os.path.join(work, "big.pdf")
    write_pdf(big, payload=150 * 1024 * 1024, seed=b"Versi satu")
    other = os.path.join(work, "other.pdf")
    write_pdf(other, payload=150 * 1024 * 1024, seed=b"Versi dua!")  # same size: only the bytes differ

    def sign_while(change, label):
        out = os.path.join(work, "out-" + label)
        proc = start([CLI, "sign", "--p12", "s.p12", "--output-dir", out, big], work, env)
        began = wait_until(lambda: temporaries(out), timeout=60)
        stop(proc)
        change()
        os.kill(proc.pid, signal.SIGCONT)
        _, err = proc.communicate(timeout=300)
        err = err.decode(errors="replace")
        tap.ok(began, "%s: the input was being copied when it changed" % label)
        tap.ok(proc.returncode != 0, "%s: signing fails" % label, "status %d" % proc.returncode)
        tap.ok("changed while it was being signed" in err, "%s: the message says the file changed" % label, err)
        tap.ok(not os.path.exists(out) or os.listdir(out) == [], "%s: nothing is left in the output folder" % label,
               os.listdir(out) if os.path.exists(out) else "")

    def rewrite():
        with open(other, "rb") as src, open(big, "r+b") as dst:   # cp other big: same inode, new bytes
            dst.truncate(0)
            shutil.copyfileobj(src, dst, 1 << 20)

    def truncate():
        os.truncate(big, os.path.getsize(big) // 2)

    sign_while(rewrite, "rewritten in place")
    write_pdf(big, payload=150 * 1024 * 1024, seed=b"Versi satu")
    sign_while(truncate, "truncated")
finally:
    rm_rf(work)
tap.done()
