#!/usr/bin/env python3
"""Merges po/besign.pot into po/LANG.po, keeping existing translations and
taking new ones from a Python dict file (msgid -> msgstr).

Usage: fill-po.py POT PO [TRANSLATIONS.py]
Untranslated messages are listed on stderr; the exit status is 1 if any remain.
"""
import re
import sys


def unquote(s):
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def parse(path):
    entries, order = {}, []
    text = open(path, encoding="utf-8").read()
    for block in re.split(r"\n\s*\n", text):
        mid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        mstr = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M)
        if not mid:
            continue
        key = "".join(unquote(x) for x in re.findall(r'"(.*)"', mid.group(1)))
        val = "".join(unquote(x) for x in re.findall(r'"(.*)"', mstr.group(1))) if mstr else ""
        refs = "\n".join(l for l in block.splitlines() if l.startswith("#:") or l.startswith("#,"))
        entries[key] = (val, refs)
        order.append(key)
    return entries, order


def main():
    pot, po = sys.argv[1], sys.argv[2]
    extra = {}
    if len(sys.argv) > 3:
        scope = {}
        exec(open(sys.argv[3], encoding="utf-8").read(), scope)
        extra = scope["T"]
    template, order = parse(pot)
    try:
        old, _ = parse(po)
    except FileNotFoundError:
        old = {}
    header = old.get("", ("", ""))[0] or template[""][0]
    out = ["# Indonesian translation of BeSign Desktop.", "# SPDX-License-Identifier: GPL-3.0-or-later",
           'msgid ""', "msgstr " + quote(header), ""]
    missing = []
    for key in order:
        if key == "":
            continue
        val = extra.get(key) or old.get(key, ("", ""))[0]
        if not val:
            missing.append(key)
        refs = template[key][1]
        if refs:
            out.append(refs)
        out.append("msgid " + quote(key))
        out.append("msgstr " + quote(val))
        out.append("")
    open(po, "w", encoding="utf-8").write("\n".join(out))
    for key in missing:
        print("untranslated: " + key, file=sys.stderr)
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
