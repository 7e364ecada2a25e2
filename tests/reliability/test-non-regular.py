#!/usr/bin/env python3
"""TAP test: inputs that are not regular files (a FIFO, a character
device, a folder, each named *.pdf) are refused at once by verify, sign and
ltv with a clear message; nothing blocks in open(). Each command runs with
a time limit: the test fails, and does not hang, if one blocks.
"""
import os
import subprocess

from reliability import CLI, Tap, make_identity, rm_rf, sign_env, workdir

tap = Tap()
work = workdir("non-regular")
try:
    make_identity(work)
    env = sign_env(work)
    fifo = os.path.join(work, "pipe.pdf")
    os.mkfifo(fifo)
    device = os.path.join(work, "zero.pdf")
    os.symlink("/dev/zero", device)
    folder = os.path.join(work, "folder.pdf")
    os.mkdir(folder)
    os.mkdir(os.path.join(work, "out"))
    commands = {
        "verify": [CLI, "verify"],
        "sign": [CLI, "sign", "--p12", "s.p12", "--output-dir", "out"],
        "ltv": [CLI, "ltv", "--output-dir", "out"],
    }
    for label, path in (("a FIFO", fifo), ("a character device", device)):
        for command, argv in commands.items():
            try:
                p = subprocess.run(argv + [path], cwd=work, env=env, capture_output=True, text=True, timeout=20)
                said = p.stdout + p.stderr   # verify reports on stdout, sign and ltv on stderr
                tap.ok(p.returncode != 0 and "not a regular file" in said,
                       "%s %s: refused at once, with the reason" % (command, label),
                       "status %d\n%s" % (p.returncode, said))
            except subprocess.TimeoutExpired:
                tap.ok(False, "%s %s: refused at once, with the reason" % (command, label), "blocked for 20 s")
    p = subprocess.run([CLI, "verify", folder], cwd=work, env=env, capture_output=True, text=True, timeout=20)
    said = p.stdout + p.stderr
    tap.ok(p.returncode != 0 and "folder.pdf" in said and "not a regular file" in said,
           "verify a folder named *.pdf: refused, naming it", said)
    tap.ok(os.listdir(os.path.join(work, "out")) == [], "nothing was written")
finally:
    rm_rf(work)
tap.done()
