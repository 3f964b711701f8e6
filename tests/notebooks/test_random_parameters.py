"""Every lesson with randomly drawn valid parameter values (hypothesis), run in this process
as papermill would run it (the set's values replace the parameters cell's): no cell fails, no
shown table holds NaN, <NA> or a raw list, nothing is displayed as raw pandas output, every
chart has alt text, and the computed lead sentence matches the rows it describes.

Drawn values: subsets of each vocabulary (empty included), windows of dates inside the
dataset's period, ids that exist in the data (estimators that gave a figure, actors of
events, treaties with a defence clause), years of trade. Derandomised, so CI sees the same
examples every run; the committed and test sets run through the real renderer elsewhere."""
from __future__ import annotations

import ast
import datetime as dt
import os
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance import catalogue, data, kit

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
FIRST, LAST = dt.date(2023, 1, 1), dt.date(2026, 3, 31)
RAW = re.compile(r"\bNaN\b|&lt;NA&gt;|<NA>|\bnan\b|\[&#x27;|\['")


def id_pool(name: str) -> list[str]:
    if name == "actors":
        e = data.events()
        return sorted(set(e["actor1_id"].dropna()) | set(e["actor2_id"].dropna()))
    if name == "estimators":
        return sorted(set(data.estimates()["estimator_entity_id"].dropna()))
    if name == "compare_with":
        c = data.defense_clauses()
        return sorted(set(c.loc[c["in_comparison"].fillna(False), "treaty_id"]) - {"ent_treaty_rus_prk_2024"})
    raise KeyError(name)


@st.composite
def parameter_sets(draw, lesson):
    values = {}
    for p in lesson.params:
        if p.kind == "date":
            continue  # drawn below as a pair
        if p.kind == "str" and p.choices:
            values[p.name] = draw(st.sampled_from(p.choices))
        elif p.kind == "list" and p.choices:
            values[p.name] = draw(st.lists(st.sampled_from(p.choices), unique=True, max_size=len(p.choices)))
        elif p.kind == "list" and p.ref:
            values[p.name] = draw(st.lists(st.sampled_from(id_pool(p.name)), unique=True, max_size=3))
        elif p.kind == "int_list":
            values[p.name] = sorted(draw(st.lists(st.integers(2015, 2026), unique=True, min_size=1, max_size=6)))
    names = {p.name for p in lesson.params}
    if {"start", "end"} <= names:
        a = draw(st.dates(FIRST, LAST))
        b = draw(st.dates(a, LAST))
        values["start"], values["end"] = a.isoformat(), b.isoformat()
    return values


def run_lesson(name: str, values: dict) -> list[tuple[int, object]]:
    """The displayed value of every non-solution code cell, as a kernel would show it."""
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    ns = {"__name__": "__main__"}
    shown = []
    cwd = os.getcwd()
    os.chdir(NOTEBOOKS)
    try:
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or "solution" in cell.metadata.get("tags", []):
                continue
            tree = ast.parse(cell.source)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, f"{name}[{i}]", "exec"), ns)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), f"{name}[{i}]", "eval"), ns)
                if value is not None:
                    shown.append((i, value))
            if "parameters" in cell.metadata.get("tags", []):
                ns.update(values)  # what papermill's injected cell does
    finally:
        os.chdir(cwd)
    return shown, ns


def check_shown(name: str, shown, ns) -> None:
    for i, value in shown:
        assert not isinstance(value, (pd.DataFrame, pd.Series, dict, list)), \
            f"{name} cell {i} displays raw {type(value).__name__}"
        if isinstance(value, kit.Table):
            body = value.html
            assert not RAW.search(re.sub(r'href="[^"]*"', "", body)), f"{name} cell {i}: a raw value in a table"
        if isinstance(value, kit.Chart):
            assert value.alt and "Drawn from" in value.alt, f"{name} cell {i}: a chart without alt text"
    if name == "01_timeline":
        lead = next(v for _, v in shown if isinstance(v, kit.Note) and v.kind == "finding")
        assert lead.message.startswith(f"{len(ns['selected']):,} event")


LESSONS = [name for name, lesson in catalogue.LESSONS.items() if lesson.params]


@pytest.mark.parametrize("name", LESSONS)
def test_random_valid_parameters_give_true_clean_pages(name):
    lesson = catalogue.LESSONS[name]

    @settings(max_examples=4, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(parameter_sets(lesson))
    def check(values):
        lesson.validate(values)  # every drawn set is a valid one
        shown, ns = run_lesson(name, values)
        check_shown(name, shown, ns)

    check()
