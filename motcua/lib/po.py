"""Compile gettext catalogues (.po → .mo) with the standard library, so `make setup` needs no GNU gettext.

Handles what motcua's catalogues use: msgctxt, msgid, msgid_plural, msgstr and msgstr[n], strings continued over
several lines, and C escapes. Fuzzy entries are left out, as msgfmt does. Run: `python -m motcua.lib.po DIR…`.
"""

import ast
import re
import struct
import sys
from pathlib import Path

_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


def parse_po(text):
    """Return {key: translation} where key is msgid (with its context and plural joined as in a .mo)."""
    messages, entry, field, fuzzy = {}, {}, None, False

    def flush():
        nonlocal entry, fuzzy
        if "msgid" in entry and not fuzzy:
            key = entry["msgid"] + ("\0" + entry["msgid_plural"] if "msgid_plural" in entry else "")
            if "msgctxt" in entry:
                key = entry["msgctxt"] + "\x04" + key
            forms = [v for k, v in sorted(entry.items()) if k.startswith("msgstr")]
            if any(forms):
                messages[key] = "\0".join(forms)
        entry, fuzzy = {}, False

    for raw in text.splitlines() + [""]:
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#"):
            fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
        elif m := _LINE.match(line):
            if m.group(1) in ("msgctxt", "msgid") and "msgstr" in entry:
                flush()  # a new entry without a blank line before it
            field = m.group(1).replace("msgstr[", "msgstr_").rstrip("]") if "[" in m.group(1) else m.group(1)
            entry[field] = ast.literal_eval(m.group(2))
        elif line.startswith('"') and field:
            entry[field] += ast.literal_eval(line)
        else:
            raise ValueError(f"dòng không đọc được trong tệp .po: {raw!r}")
    return messages


def mo_bytes(messages):
    """The GNU .mo file of `messages` (little-endian, no hash table)."""
    keys = sorted(messages)
    ids = [k.encode() for k in keys]
    strs = [messages[k].encode() for k in keys]
    n = len(keys)
    start = 7 * 4 + 16 * n  # header, then the two tables of (length, offset)
    table, data = [], b""
    for s in ids + strs:
        table.append((len(s), start + len(data)))
        data += s + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, n, 28, 28 + 8 * n, 0, 0)
    return header + b"".join(struct.pack("<2I", *t) for t in table) + data


def compile_dir(root):
    """Compile every .po under `root` next to itself when the .mo is missing or older; return the paths written."""
    written = []
    for po in sorted(Path(root).rglob("*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            mo.write_bytes(mo_bytes(parse_po(po.read_text(encoding="utf-8"))))
            written.append(mo)
    return written


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        for path in compile_dir(folder):
            print(f"Đã biên dịch {path}")
