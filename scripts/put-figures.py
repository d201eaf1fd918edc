#!/usr/bin/env python3
"""Writes a benchmark's own output into the one place its figures live, docs/performance.md: the
text between `<!-- figures:NAME -->` and `<!-- /figures:NAME -->` is replaced by the file the
benchmark wrote, with the date and machine it was measured on. Then the README's summary table
(between `<!-- figures:summary -->` markers) is rewritten from docs/performance.md, so the README
quotes those figures and holds none of its own. Nobody copies figures by hand.

Usage: put-figures.py NAME RESULTS.md [SCRIPT]   SCRIPT: the benchmark's script, if not
                                                 scripts/NAME.sh
       put-figures.py --summary                  only rewrite the README's summary
Options: --doc PATH (default docs/performance.md), --readme PATH (default README.md).
"""
import argparse
import datetime
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The README's summary: (what, the section of docs/performance.md, the start of the row's first
# cell, the columns, how the values are shown). Values are copied as the benchmark wrote them.
SUMMARY = [
    ("The desk's first load, Vietnamese desk (gzip)", "bench-page",
     "Cuecard (tantivy/wasm), vi desk", ["First load, gzip (KB)"], "{} KB"),
    ("The desk's first load, English desk: every language's index (gzip)", "bench-page",
     "Cuecard, en desk", ["First load, gzip (KB)"], "{} KB"),
    ("First answer after opening the page, cold / warm", "bench-page",
     "Cuecard (tantivy/wasm), vi desk", ["First answer, cold (ms)", "First answer, warm (ms)"],
     "{} / {} ms"),
    ("A keystroke to its results on screen, p50 / p95", "bench-page",
     "Cuecard (tantivy/wasm), vi desk", ["Keystroke p50 (ms)", "Keystroke p95 (ms)"],
     "{} / {} ms"),
    ("Memory after typing (JS heap + wasm)", "bench-page",
     "Cuecard (tantivy/wasm), vi desk", ["Memory (MB)"], "{} MB"),
    ("10 000 procedures: first load / warm first answer / keystroke p95", "bench-page",
     "Cuecard, 10 000 procedures", ["First load, gzip (KB)", "First answer, warm (ms)",
                                    "Keystroke p95 (ms)"], "{} KB / {} ms / {} ms"),
    ("Lighthouse on a phone: performance / accessibility", "bench-lighthouse",
     "mobile", ["Performance", "Accessibility"], "{} / {}"),
    ("`kb publish`: the real content / 10 000 procedures", "bench-publish",
     "", ["real content (s)", "10 000 procedures (s)"], "{} s / {} s"),
    ("Studio: open the content folder to the first preview", "bench-studio",
     "open the real content", ["figure"], "{}"),
    ("Studio: a keystroke to its problem on screen", "bench-studio",
     "a keystroke to its problem", ["figure"], "{}"),
    ("Studio, 1 000 procedures: a keystroke to the screen while they are checked and indexed",
     "bench-studio", "a keystroke to the screen while 1 000", ["figure"], "{}"),
    ("Studio: \"Download site update\" (plan and zip)", "bench-studio",
     "publish: plan and site update", ["figure"], "{}"),
]


def markers(name):
    return f"<!-- figures:{name} -->", f"<!-- /figures:{name} -->"


def between(text, name, path):
    begin, end = markers(name)
    if begin not in text or end not in text:
        raise SystemExit(f"{path}: no {begin} … {end} to write the figures into")
    head, rest = text.split(begin, 1)
    inner, tail = rest.split(end, 1)
    return head, inner, tail


def replace(path, name, body):
    text = path.read_text(encoding="utf-8")
    head, _, tail = between(text, name, path)
    begin, end = markers(name)
    path.write_text(f"{head}{begin}\n{body}\n{end}{tail}", encoding="utf-8")


def table(section):
    """The first Markdown table of a section: its header and rows as lists of cells."""
    lines = [l.strip() for l in section.splitlines() if l.strip().startswith("|")]
    cells = [[c.strip() for c in l.strip("|").split("|")] for l in lines]
    cells = [c for c in cells if not all(re.fullmatch(r":?-+:?", x) for x in c)]
    return (cells[0], cells[1:]) if cells else ([], [])


def summary(doc, readme):
    text = doc.read_text(encoding="utf-8")
    link = os.path.relpath(doc, readme.parent)
    rows = []
    for what, name, first, columns, shown in SUMMARY:
        _, section, _ = between(text, name, doc)
        date = re.search(r"Measured (\d{4}-\d{2}-\d{2}) by `scripts/([\w-]+)\.sh`", section)
        header, body = table(section)
        row = next((r for r in body if r[0].startswith(first)), None)
        if row is None or any(c not in header for c in columns):
            print(f"{doc}: no row '{first}' with {columns} under figures:{name}", file=sys.stderr)
            value, when = "not measured", "—"
        else:
            value = shown.format(*(row[header.index(c)] for c in columns))
            when = f"{date.group(2)}, {date.group(1)}" if date else "—"
        rows.append(f"| {what} | {value} | {when} |")
    body = "\n".join(
        [f"| measured (details: [{link}]({link})) | figure | benchmark, date |", "|---|---:|---|"]
        + rows
    )
    replace(readme, "summary", body)
    print(f"{readme}: summary written from {doc}")


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--doc", type=Path, default=ROOT / "docs" / "performance.md")
    args.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args.add_argument("--summary", action="store_true", help="only rewrite the README's summary")
    args.add_argument("name", nargs="?")
    args.add_argument("results", nargs="?", type=Path)
    args.add_argument("script", nargs="?")
    a = args.parse_args()
    if not a.summary:
        if not (a.name and a.results):
            args.error("NAME and RESULTS.md are needed (or --summary)")
        script = a.script or f"scripts/{a.name}.sh"
        load = os.getloadavg()[2]
        stamp = (
            f"Measured {datetime.date.today().isoformat()} by `{script}` "
            f"({os.cpu_count()} cores, load average {load:.1f} over the last 15 minutes):"
        )
        results = a.results.read_text(encoding="utf-8").strip()
        replace(a.doc, a.name, f"{stamp}\n\n{results}")
        print(f"{a.doc}: figures of {a.name} written from {a.results}")
    summary(a.doc, a.readme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
