"""Helpers shared by the tests: the fixture datasets, a writable copy, and running the CLI."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from alliance import data

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"
ROOT = Path(__file__).resolve().parents[1]
# a set name a page must escape wherever it shows it; the session's render has it (conftest)
MARKUP_SET = "test: <b>bold</b> & co"


class Dataset:
    def __init__(self, path: Path):
        self.path = path

    @classmethod
    def copy_of(cls, src: Path, dest: Path) -> "Dataset":
        shutil.copytree(src, dest)
        return cls(dest)

    def rows(self, table: str) -> list[dict[str, str]]:
        with open(self.path / f"{table}.csv", newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    def write(self, table: str, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
        header = header or list(rows[0])
        buf = io.StringIO()
        w = csv.DictWriter(buf, header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        (self.path / f"{table}.csv").write_text(buf.getvalue(), encoding="utf-8")

    def edit(self, table: str, row: int, **values: str) -> None:
        """Set cells of one data row (0 = the first row, CSV line 2)."""
        rows = self.rows(table)
        rows[row].update(values)
        self.write(table, rows)

    def append(self, table: str, **values: str) -> None:
        rows = self.rows(table)
        header = self.header(table)
        rows.append({c: values.get(c, "") for c in header})
        self.write(table, rows, header)

    def header(self, table: str) -> list[str]:
        return (self.path / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0].split(",")

    def problems(self) -> list[str]:
        return [str(p) for p in data.validate(self.path)]




def render(*args, env=None, reports=None, timeout=900, **popen):
    """Run `python -m alliance render` in a subprocess (as a user would)."""
    import os
    import subprocess
    import sys
    cmd = [sys.executable, "-m", "alliance", "render", *args]
    if reports is not None:
        cmd += ["--reports", str(reports)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, **(env or {})}, **popen)
