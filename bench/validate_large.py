"""Benchmark: validating a dataset 100 times today's, in time and memory.

    python bench/validate_large.py [--copies 100]      # writes bench/RESULTS-validate.md

The large dataset is the real one copied N times: every id (and every id named in any cell,
notes included) gets a suffix per copy, and so do URLs and entity names, so the copies are
distinct records that keep every reference and rule of the original. A clean copy therefore
has exactly N times the original's problems. Each validation runs in a fresh subprocess
(`python -m alliance validate`, stamps off) whose wall time and peak RSS
(resource.getrusage of the child) are measured.
"""
from __future__ import annotations

import argparse
import csv
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ID = re.compile(r"[a-z]+_[a-z0-9][a-z0-9_.-]*")


def _all_ids(data: Path) -> set[str]:
    from alliance.data.schema import TABLES
    ids = set()
    for t in TABLES.values():
        if not t.key:
            continue
        with open(data / t.file, newline="", encoding="utf-8") as f:
            ids |= {row[t.key] for row in csv.DictReader(f)}
    return ids


def generate(data: Path, out: Path, copies: int) -> Path:
    """A dataset of `copies` renamed copies of `data` in `out` (made or replaced)."""
    from alliance.data.schema import TABLES
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(data, out, ignore=shutil.ignore_patterns("*.csv"))
    ids = _all_ids(data)
    for t in TABLES.values():
        with open(data / t.file, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            rows = list(reader)
        renamed = {i for i, h in enumerate(header) if h in ("url",)}
        named = {i for i, h in enumerate(header) if t.name == "entities" and h == "name"}
        with open(out / t.file, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            for k in range(copies):
                tag = f"_k{k}" if k else ""

                def rename(m, tag=tag):
                    return m.group() + tag if m.group() in ids else m.group()
                for row in rows:
                    if not tag:
                        w.writerow(row)
                        continue
                    new = []
                    for i, cell in enumerate(row):
                        if i in renamed and cell:
                            cell = f"{cell}#copy{k}"
                        elif i in named:
                            cell = f"{cell} copy{k}"
                        elif "_" in cell:
                            cell = ID.sub(rename, cell)
                        new.append(cell)
                    w.writerow(new)
    return out


def measure(data: Path) -> dict:
    """Validate `data` in a fresh subprocess: problems counted, seconds, peak RSS (MB)."""
    env = {**os.environ, "ALLIANCE_NO_STAMP": "1", "PYTHONPATH": str(ROOT / "lib")}
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "p = subprocess.run([sys.executable, '-m', 'alliance', 'validate', '--data-dir', sys.argv[1]], "
            "capture_output=True, text=True); s = time.perf_counter() - t; "
            "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
            "print(p.returncode, s, rss, sum(1 for x in p.stdout.splitlines() if ': ' in x and not x.startswith('ok:')))")
    out = subprocess.run([sys.executable, "-c", code, str(data)], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    return {"rc": int(out[0]), "seconds": float(out[1]), "rss_mb": int(out[2]) / 1024,
            "problems": int(out[3])}


def rows_in(data: Path) -> int:
    return sum(max(0, sum(1 for _ in open(p, encoding="utf-8")) - 1) for p in data.glob("*.csv"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "lib"))
    with tempfile.TemporaryDirectory() as tmp:
        results = []
        for copies in (1, args.copies):
            data = generate(ROOT / "data", Path(tmp) / f"x{copies}", copies)
            results.append((copies, rows_in(data), measure(data)))
    lines = ["# Validating a large dataset", "",
             f"`python bench/validate_large.py --copies {args.copies}` on {platform.node() and 'this machine'}: "
             f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, "
             f"{time.strftime('%Y-%m-%d')}. One fresh `python -m alliance validate` per size, validation "
             "stamps off; peak RSS is the child's (resource.getrusage).", "",
             "| copies | rows | exit | problems | wall time (s) | peak RSS (MB) |",
             "|---:|---:|---:|---:|---:|---:|"]
    for copies, rows, m in results:
        lines.append(f"| {copies} | {rows:,} | {m['rc']} | {m['problems']:,} | {m['seconds']:.1f} | "
                     f"{m['rss_mb']:.0f} |")
    base, big = results[0][2], results[1][2]
    lines += ["", f"Problems scale with the copies ({base['problems']} × {args.copies} = "
              f"{base['problems'] * args.copies}; measured {big['problems']}). Targets: under 30 s "
              "and under 1 GB."]
    (ROOT / "bench" / "RESULTS-validate.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
