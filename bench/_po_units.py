"""Count translatable units per PO file with polib (run with the qavenv's Python).

A unit is a non-obsolete entry other than the header (polib keeps the header out of the entry
list already; the msgid check is belt and braces). Prints JSON to stdout:
{"files": {relpath: units}, "totals": {"files", "units", "translated", "untranslated", "fuzzy",
"plural"}}.

Usage: python _po_units.py TREE
"""

from __future__ import annotations

import json
import os
import sys

import polib


def main(tree: str) -> None:
    per_file: dict[str, int] = {}
    totals = {"files": 0, "units": 0, "translated": 0, "untranslated": 0, "fuzzy": 0, "plural": 0}
    for dirpath, _dirs, names in os.walk(tree):
        for name in sorted(names):
            if not name.endswith(".po"):
                continue
            path = os.path.join(dirpath, name)
            units = [e for e in polib.pofile(path) if not e.obsolete and e.msgid != ""]
            per_file[os.path.relpath(path, tree)] = len(units)
            totals["files"] += 1
            totals["units"] += len(units)
            for e in units:
                if "fuzzy" in e.flags:
                    totals["fuzzy"] += 1
                elif e.translated():
                    totals["translated"] += 1
                else:
                    totals["untranslated"] += 1
                if e.msgid_plural:
                    totals["plural"] += 1
    json.dump({"files": dict(sorted(per_file.items())), "totals": totals}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
