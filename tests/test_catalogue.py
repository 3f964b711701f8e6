"""The catalogue is the one list of lessons: every notebook is in it, and what is derived from
it (the README table, the render jobs, the test matrix) is complete."""
from __future__ import annotations

import json

import pytest

from alliance import catalogue
from alliance.render import jobs
from tests.support import ROOT

NOTEBOOKS = ROOT / "notebooks"


def test_every_notebook_is_a_lesson_and_every_lesson_a_notebook():
    files = {p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")}
    assert files == set(catalogue.LESSONS)


@pytest.mark.parametrize("name", list(catalogue.LESSONS))
def test_the_title_is_the_notebooks_heading(name):
    nb = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"]).splitlines()[0]
    assert first == "# " + catalogue.LESSONS[name].title


def test_the_readme_table_is_generated_from_the_catalogue():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- lessons: start -->", "<!-- lessons: end -->"
    assert start in readme and end in readme, "README lacks the lessons markers"
    table = readme.split(start, 1)[1].split(end, 1)[0].strip()
    assert table == catalogue.readme_table(), "run: python -m alliance catalogue --write-readme"


def test_every_lesson_has_a_committed_parameter_set_and_test_sets():
    committed = {j.notebook for j in jobs.load(NOTEBOOKS / "params.yml")}
    assert committed == set(catalogue.LESSONS)
    for name, lesson in catalogue.LESSONS.items():
        if lesson.params:
            assert lesson.test_sets, f"{name} declares parameters but no test sets"
            jobs.jobs_of(name, lesson.test_sets)  # every test set is itself valid


def test_declared_files_exist():
    for lesson in catalogue.LESSONS.values():
        for f in lesson.files:
            assert (ROOT / "data" / f).is_file(), f


def test_undeclared_names_the_table_files_and_other_files_a_run_read_beyond_the_declaration():
    claims = catalogue.LESSONS["05_claims_check"]
    assert claims.undeclared({"tables": ["claims", "sources"], "files": []}) == []
    assert claims.undeclared({"tables": ["claims", "trade"], "files": ["geo/kursk-10m.geojson"]}) == \
        ["trade.csv", "geo/kursk-10m.geojson"]
    overview = catalogue.LESSONS["00_overview"]  # tables=None: it may read every table
    assert overview.tables is None and overview.undeclared({"tables": ["trade", "votes"], "files": []}) == []
