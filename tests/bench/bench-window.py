#!/usr/bin/env python3
"""Medians of the window's speed under Xvfb (never a pass/fail test).

Targets (issue): window shown <= 0.5 s after launch; first page of a
100-page PDF <= 0.2 s after it is added; the main loop never stalls over
16 ms while scrolling (a 1 ms heartbeat measures it; GTK's cairo renderer,
what X11 without GL uses); 20 open documents <= 250 MB RSS. Beside them, the same first page
rendered by Poppler's pdftoppm (the peer) in this run.
Usage: bench-window.py [--quick] (BESIGN_BENCH_WINDOW selects the binary).
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("BESIGN_BENCH_WINDOW", os.path.join(TOP, "build", "tests", "bench", "bench-window"))
RUNS = 3 if "--quick" in sys.argv else 5


def run(mode, pdf=None):
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 1280x900x24", "dbus-run-session", "--", BIN, mode]
    if pdf:
        cmd.append(pdf)
    env = dict(os.environ, GDK_BACKEND="x11", GSK_RENDERER="cairo")
    out = subprocess.run(cmd, capture_output=True, text=True, env=env).stdout
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\S+) ([0-9.]+)", out, re.M)}


def main():
    tmp = tempfile.mkdtemp(prefix="besign-bench-window-")
    try:
        pdf = os.path.join(tmp, "hundred.pdf")
        sample = os.path.join(TOP, "data", "demo", "sample.pdf")
        subprocess.run(["qpdf", "--empty", "--pages"] + [sample] * 100 + ["--", pdf], check=True)
        results = {}
        for mode in ("launch", "first-page", "scroll", "rss"):
            for _ in range(RUNS):
                for key, value in run(mode, None if mode == "launch" else pdf).items():
                    results.setdefault(key, []).append(value)
        peer = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", pdf, os.path.join(tmp, "p")],
                           check=True)
            peer.append((time.perf_counter() - start) * 1000)
        for key, values in results.items():
            unit = "MB" if key.startswith("rss") else "ms"
            print("%s: median %.1f %s (runs: %s)" % (key, statistics.median(values), unit,
                                                     ", ".join("%.1f" % v for v in values)))
        print("peer: pdftoppm first page of the same PDF, median %.1f ms" % statistics.median(peer))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
