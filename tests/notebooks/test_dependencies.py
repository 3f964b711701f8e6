"""The renderer re-runs a lesson when a data file it declares changes; these tests make sure
each lesson declares, in the catalogue, every table and every other data file (basemaps) it
really reads: both are recorded when read."""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from alliance import catalogue, data
from alliance.data.schema import TABLES

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def run_code(name: str) -> None:
    """Execute a lesson's code cells in this process (no kernel), defaults as committed."""
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    ns = {"__name__": "__main__"}
    cwd = os.getcwd()
    os.chdir(NOTEBOOKS)
    try:
        for cell in nb.cells:
            if cell.cell_type == "code":
                exec(compile(cell.source, name, "exec"), ns)
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("name", list(catalogue.LESSONS))
def test_declared_tables_and_files_cover_what_the_lesson_reads(name):
    data.accessed.clear()
    data.accessed_files.clear()
    run_code(name)
    lesson = catalogue.LESSONS[name]
    declared = set(lesson.tables or TABLES)
    assert data.accessed, "the lesson read no table?"
    assert data.accessed <= declared, f"reads undeclared tables: {sorted(data.accessed - declared)}"
    assert data.accessed_files <= set(lesson.files), \
        f"reads undeclared files: {sorted(data.accessed_files - set(lesson.files))}"
    assert set(lesson.files) <= data.accessed_files, \
        f"declares files it does not read: {sorted(set(lesson.files) - data.accessed_files)}"
