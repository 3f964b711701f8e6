"""Each notebook runs top to bottom under papermill with its defaults and with other
parameter sets, one of them narrow or empty; a bad parameter stops it with a clear message."""
from __future__ import annotations

from pathlib import Path

import nbformat
import papermill as pm
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

RUNS = {
    "00_overview": {
        "defaults": {},
        "teacher": {"audience": "teacher"},
        "student": {"audience": "student"},
    },
    "01_timeline": {
        "defaults": {},
        "treaty month": {"start": "2024-06-01", "end": "2024-06-30", "themes": ["treaty", "diplomacy"]},
        "one actor, confirmed, student": {"actors": ["ent_shoigu"], "min_status": "confirmed",
                                          "audience": "student"},
        "empty": {"start": "2023-07-01", "end": "2023-07-02", "themes": ["treaty"]},
    },
    "02_treaty": {
        "defaults": {},
        "treaty vs NATO, defence articles": {"compare_with": ["ent_treaty_nato_1949"],
                                             "topics": ["mutual_defense"], "audience": "teacher"},
        "empty topic": {"topics": ["health"]},
    },
    "03_troops": {
        "defaults": {},
        "NIS in 2025": {"estimators": ["ent_nis"], "start": "2025-01-01", "end": "2025-12-31"},
        "empty": {"quantities": ["prisoners_captured"], "start": "2023-07-01", "end": "2023-08-01"},
    },
    "04_china_angle": {
        "defaults": {},
        "shares only": {"years": [2022, 2023, 2024], "flows": ["share"]},
        "empty": {"years": [1995], "flows": ["export"]},
    },
    "05_claims_check": {
        "defaults": {},
        "troops, accurate": {"topics": ["troops"], "verdicts": ["accurate"]},
        "empty": {"verdicts": ["inaccurate"]},
    },
}
EMPTY_NOTES = {
    ("01_timeline", "empty"): "No events between 2023-07-01 and 2023-07-02",
    ("02_treaty", "empty topic"): "No article of the treaty carries the topics health",
    ("03_troops", "empty"): "No estimates of prisoners_captured between 2023-07-01 and 2023-08-01",
    ("04_china_angle", "empty"): "No trade figures for the years 1995–1995 and flows export",
    ("05_claims_check", "empty"): "No claims of src_seed_article_2026-01 match",
}

MIN_FIGURES = {"00_overview": 2, "01_timeline": 3, "02_treaty": 3, "03_troops": 4,
               "04_china_angle": 2, "05_claims_check": 1}
CASES = [(nb, name) for nb, sets in RUNS.items() for name in sets]


def execute(notebook: str, values: dict, out: Path):
    return pm.execute_notebook(str(NOTEBOOKS / f"{notebook}.ipynb"), str(out), parameters=values,
                               cwd=str(NOTEBOOKS), kernel_name="python3", progress_bar=False,
                               execution_timeout=300)


def text_of(nb) -> str:
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            parts.append(o.get("text", ""))
            data = o.get("data", {})
            parts.append(data.get("text/html", "") + data.get("text/plain", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("notebook, set_name", CASES, ids=[f"{a}-{b}" for a, b in CASES])
def test_notebook_runs_top_to_bottom(tmp_path, notebook, set_name):
    nb = execute(notebook, RUNS[notebook][set_name], tmp_path / "out.ipynb")
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    text = text_of(nb)
    assert "alliance-sources" in text or "No sourced figures" in text  # the Sources section ran
    if (notebook, set_name) in EMPTY_NOTES:
        assert EMPTY_NOTES[(notebook, set_name)] in text
    else:
        images = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
        assert images >= MIN_FIGURES[notebook]


@pytest.mark.parametrize("notebook, values, words", [
    ("01_timeline", {"themes": ["gossip"]}, "parameter 'themes': 'gossip' is not allowed"),
    ("01_timeline", {"end": "2023-01-01"}, "parameter 'end': 2023-01-01 is before start"),
    ("02_treaty", {"compare_with": "ent_treaty_nato_1949"}, "parameter 'compare_with'"),
    ("03_troops", {"estimators": ["ent_nobody"]}, "parameter 'estimators': 'ent_nobody' is not an id in entities.csv"),
    ("04_china_angle", {"years": ["2024"]}, "parameter 'years': item '2024' is a str"),
    ("05_claims_check", {"verdicts": ["true"]}, "parameter 'verdicts': 'true' is not allowed"),
    ("05_claims_check", {"article": "src_nowhere"}, "parameter 'article': 'src_nowhere' is not an id in sources.csv"),
])
def test_a_bad_parameter_stops_with_a_clear_message(tmp_path, notebook, values, words):
    with pytest.raises(pm.PapermillExecutionError) as err:
        execute(notebook, values, tmp_path / "out.ipynb")
    assert err.value.ename == "ParameterError"
    assert words in err.value.evalue
    # the failing cell is the check right after the parameters, so nothing else ran
    assert err.value.exec_count <= 3
