"""Every notebook is a lesson with the same skeleton, a literal parameters cell that matches
the declarations in lib, a check cell right after it, and no logic of its own."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from alliance import catalogue

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def load(path):
    return nbformat.read(path, as_version=4)


def headings(nb):
    return [line for c in nb.cells if c.cell_type == "markdown"
            for line in c.source.splitlines() if line.startswith("#")]


def test_every_notebook_is_declared_and_every_declaration_has_a_notebook():
    assert {p.stem for p in PATHS} == set(catalogue.LESSONS)


@pytest.mark.parametrize("path", [*PATHS, NOTEBOOKS / "_template.ipynb"], ids=lambda p: p.stem)
def test_lesson_skeleton_in_order(path):
    nb = load(path)
    h = headings(nb)
    assert h[0].startswith("# ") and not h[0].startswith("## ")
    order = ["## Overview", "## Prerequisites", "## Parameters", "## Imports", "## Summary",
             "## Exercises", "## Sources"]
    found = [next((i for i, x in enumerate(h) if x.startswith(o)), None) for o in order]
    assert None not in found, dict(zip(order, found))
    assert found == sorted(found), "sections out of order"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Time to learn" in text
    assert "What's next" in text


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_at_least_three_exercises_each_with_a_tagged_solution(path):
    nb = load(path)
    exercises = [x for x in headings(nb) if x.startswith("### Exercise")]
    assert len(exercises) >= 3
    solutions = [c for c in nb.cells if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])]
    assert len(solutions) >= len(exercises)
    # each solution follows its exercise: the exercise heading comes first
    first_exercise = next(i for i, c in enumerate(nb.cells) if c.source.startswith("### Exercise"))
    assert all(nb.cells.index(c) > first_exercise for c in solutions)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_parameters_cell_is_annotated_literals_matching_the_catalogue(path):
    nb = load(path)
    lesson = catalogue.LESSONS[path.stem]
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    cell = nb.cells[tagged[0]]
    values = {}
    for node in ast.parse(cell.source).body:
        assert isinstance(node, ast.AnnAssign), "annotated assignments only (papermill reads the types)"
        values[node.target.id] = ast.literal_eval(node.value)
    assert values == lesson.defaults()
    if lesson.params:  # the very lines the renderer writes into handed-out notebooks
        assert cell.source.splitlines() == [p.cell_line() for p in lesson.params]
    # the next code cell checks them all
    check = nb.cells[tagged[0] + 1]
    assert check.cell_type == "code"
    assert f'kit.start("{path.stem}"' in check.source
    for name in values:
        assert f"{name}={name}" in check.source


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_parameters_are_explained_in_the_parameters_section(path):
    nb = load(path)
    start = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## Parameters"))
    text = nb.cells[start].source
    for p in catalogue.LESSONS[path.stem].params:
        assert f"`{p.name}`" in text, p.name


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_notebooks_stay_thin(path):
    """Logic lives in lib/: no functions, classes or loops in a notebook, and short cells."""
    for i, c in enumerate(load(path).cells):
        if c.cell_type != "code":
            continue
        tree = ast.parse(c.source)
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While)), \
                f"cell {i} defines logic; move it to lib/alliance"
        assert len(c.source.splitlines()) <= 10, f"cell {i} is long"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_sources_section_is_generated(path):
    nb = load(path)
    start = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## Sources"))
    assert any(re.search(r"kit\.sources\(", c.source) for c in nb.cells[start:])
