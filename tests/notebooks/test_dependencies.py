"""The renderer re-runs a lesson when a data file it declares changes; these tests make sure
each lesson declares, in the catalogue, every table and every other data file (basemaps) it
really reads. Both are recorded as they are read, and the renderer keeps in each report's
state what its run read (failing a run that read something undeclared): read here from the
session's render, every committed and test set of every lesson."""
from __future__ import annotations

import pytest

from alliance import catalogue
from alliance.data.schema import TABLES


@pytest.mark.parametrize("name", list(catalogue.LESSONS))
def test_declared_tables_and_files_cover_what_the_lesson_reads(executed, name):
    runs = [executed.store.read_state(executed.slug(nb, s))["reads"]
            for nb, s in executed.cases() if nb == name]
    lesson = catalogue.LESSONS[name]
    tables = set().union(*(r["tables"] for r in runs))
    files = set().union(*(r["files"] for r in runs))
    declared = set(lesson.tables or TABLES)
    assert runs and all(r["tables"] for r in runs), "a run read no table?"
    assert tables <= declared, f"reads undeclared tables: {sorted(tables - declared)}"
    assert files <= set(lesson.files), f"reads undeclared files: {sorted(files - set(lesson.files))}"
    assert set(lesson.files) <= files, f"declares files no set reads: {sorted(set(lesson.files) - files)}"
    if lesson.tables is not None:  # a declared table no set reads rebuilds the lesson for nothing
        assert declared <= tables, f"declares tables no set reads: {sorted(declared - tables)}"
