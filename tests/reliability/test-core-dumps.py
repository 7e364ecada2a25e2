#!/usr/bin/env python3
"""TAP test: no core dump while secrets are in memory. besign-cli waiting
on a time-stamp authority with the certificate's key unlocked,
besign-devserver serving (its CA and TSA keys loaded) and the besign window
are each crashed with SIGSEGV while allowed unlimited core files
(RLIMIT_CORE raised for the child); no core file may appear, and
/proc/PID/limits must show the core limit at 0.
"""
import glob
import os
import resource
import shutil
import signal
import socket
import subprocess
import time

from reliability import CLI, Tap, free_port, make_identity, rm_rf, sign_env, wait_until, workdir, write_pdf

tap = Tap()
work = workdir("core-dumps")
procs = []


def allow_cores():
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def core_limit(pid):
    with open("/proc/%d/limits" % pid) as f:
        for line in f:
            if line.startswith("Max core file size"):
                return line.split()[4]
    return None


def crash_and_look(proc, name, cwd, ready):
    up = wait_until(lambda: proc.poll() is None and ready(), timeout=60, step=0.05)
    tap.ok(up, "%s: running" % name)
    if not up:
        return
    limit = core_limit(proc.pid)
    tap.ok(limit == "0", "%s: /proc/PID/limits shows a core limit of 0" % name, "soft limit %s" % limit)
    os.kill(proc.pid, signal.SIGSEGV)
    proc.wait(timeout=60)
    time.sleep(0.5)   # the kernel writes a core before the parent sees the exit
    cores = glob.glob(os.path.join(cwd, "core*"))
    tap.ok(cores == [], "%s: no core file after SIGSEGV" % name, "found: %s" % cores)


try:
    make_identity(work)
    env = sign_env(work)
    write_pdf(os.path.join(work, "doc.pdf"))

    # A time-stamp authority that takes the request and never answers.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    silent.settimeout(60)
    cli_dir = os.path.join(work, "cli")
    os.mkdir(cli_dir)
    tsa = "http://127.0.0.1:%d/tsa" % silent.getsockname()[1]
    proc = subprocess.Popen([CLI, "sign", "--p12", os.path.join(work, "s.p12"), "--level", "B-T", "--tsa", tsa,
                             "--output-dir", "out", os.path.join(work, "doc.pdf")], cwd=cli_dir, env=env,
                            preexec_fn=allow_cores, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(proc)
    conn = []

    def asked_tsa():
        try:
            conn.append(silent.accept()[0])
            return True
        except OSError:
            return False
    crash_and_look(proc, "besign-cli sign", cli_dir, asked_tsa)

    ds = os.environ.get("BESIGN_DEVSERVER")
    ds_dir = os.path.join(work, "ds")
    os.mkdir(ds_dir)
    port = free_port()
    proc = subprocess.Popen([ds, "--data-dir", os.path.join(ds_dir, "data"), "--port", str(port)], cwd=ds_dir,
                            preexec_fn=allow_cores, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(proc)

    def listening():
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return True
        except OSError:
            return False
    crash_and_look(proc, "besign-devserver", ds_dir, listening)

    app = os.environ.get("BESIGN_APP")
    xvfb = shutil.which("Xvfb")
    if app and xvfb:
        app_dir = os.path.join(work, "app")
        os.makedirs(os.path.join(app_dir, "config"))
        read_fd, write_fd = os.pipe()
        server = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                                  pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(server)
        os.close(write_fd)
        display = os.read(read_fd, 64).decode().strip()
        app_env = dict(os.environ, DISPLAY=":" + display, GDK_BACKEND="x11", XDG_CONFIG_HOME=os.path.join(app_dir, "config"),
                       GIO_USE_VFS="local", GDK_DEBUG="no-portals", NO_AT_BRIDGE="1",
                       ASAN_OPTIONS="detect_leaks=0")  # GTK keeps caches for its life (see tests/ui)
        app_env.pop("WAYLAND_DISPLAY", None)
        proc = subprocess.Popen([app], cwd=app_dir, env=app_env, preexec_fn=allow_cores,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(proc)
        start = time.monotonic()
        crash_and_look(proc, "besign (window)", app_dir, lambda: time.monotonic() - start > 3)
    else:
        tap.ok(True, "# SKIP besign window: no Xvfb")
finally:
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait()
    rm_rf(work)
tap.done()
