#!/usr/bin/env python3
"""Writes a benchmark's own output into the one place its figures live (README "Performance"):
the text between `<!-- figures:NAME -->` and `<!-- /figures:NAME -->` is replaced by the file
the benchmark wrote, with the date and machine it was measured on. Nobody copies figures by hand.

Usage: put-figures.py README.md NAME RESULTS.md [SCRIPT]   (SCRIPT: the benchmark's script, if
not scripts/NAME.sh)
"""
import datetime
import os
import sys


def main() -> int:
    readme, name, results = sys.argv[1:4]
    script = sys.argv[4] if len(sys.argv) > 4 else f"scripts/{name}.sh"
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    begin, end = f"<!-- figures:{name} -->", f"<!-- /figures:{name} -->"
    if begin not in text or end not in text:
        print(f"{readme}: no {begin} … {end} to write the figures into", file=sys.stderr)
        return 1
    with open(results, encoding="utf-8") as f:
        table = f.read().strip()
    stamp = (
        f"Measured {datetime.date.today().isoformat()} by `{script}` "
        f"({os.cpu_count()} cores):"
    )
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(readme, "w", encoding="utf-8") as f:
        f.write(f"{head}{begin}\n{stamp}\n\n{table}\n{end}{tail}")
    print(f"{readme}: figures of {name} written from {results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
