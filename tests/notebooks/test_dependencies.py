"""The report runner re-runs a notebook when a data file it declares changes; these tests
make sure each notebook declares every table (and file) it really reads."""
from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import nbformat
import pytest

from alliance import data, params
from alliance.data.schema import TABLES

matplotlib.use("Agg")
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def run_code(name: str) -> None:
    """Execute a notebook's code cells in this process (no kernel), defaults as committed."""
    import matplotlib.pyplot as plt
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    ns = {"__name__": "__main__"}
    cwd = os.getcwd()
    os.chdir(NOTEBOOKS)
    try:
        for cell in nb.cells:
            if cell.cell_type == "code":
                exec(compile(cell.source, name, "exec"), ns)
                plt.close("all")
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("name", list(params.NOTEBOOKS))
def test_declared_tables_cover_what_the_notebook_reads(name):
    data.accessed.clear()
    run_code(name)
    declared = set(params.NOTEBOOKS[name].tables or TABLES)
    assert data.accessed, "the notebook read no table?"
    assert data.accessed <= declared, f"reads undeclared tables: {sorted(data.accessed - declared)}"


def test_declared_extra_files_exist():
    for spec in params.NOTEBOOKS.values():
        for f in spec.extra_files:
            assert (data.paths.DATA_DIR / f).exists(), f
