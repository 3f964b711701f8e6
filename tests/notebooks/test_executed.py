"""Every lesson runs top to bottom with every committed parameter set and every test set of
the catalogue (narrow, empty and edge selections), read from the session's one render; a bad
parameter stops a lesson with a clear message."""
from __future__ import annotations

import subprocess
import sys

import pytest

from alliance import catalogue
from tests.support import ROOT

EMPTY_NOTES = {
    ("01_timeline", "test: empty"): "No events between 2023-07-01 and 2023-07-02",
    ("02_treaty", "test: empty topic"): "No article of the treaty carries the topics health",
    ("03_troops", "test: empty"): "No estimates of prisoners_captured between 2023-07-01 and 2023-08-01",
    ("04_china_angle", "test: empty"): "No trade figures for the years 1995–1995 and flows export",
    ("05_claims_check", "test: empty"): "No claims of src_seed_article_2026-01 match",
    ("06_exchange", "test: empty"): "No estimates in the directions both with as-of dates between "
                                    "2023-07-01 and 2023-08-01",
    ("06_exchange", "test: NIS in 2025 (nothing from Russia)"):
        "What Russia gives back: no estimate in this selection.",
}
MIN_FIGURES = {"00_overview": 2, "01_timeline": 3, "02_treaty": 3, "03_troops": 4,
               "04_china_angle": 2, "05_claims_check": 1, "06_exchange": 2}


def text_of(nb) -> str:
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            parts.append(o.get("text", ""))
            data = o.get("data", {})
            parts.append(data.get("text/html", "") + data.get("text/plain", ""))
    return "\n".join(parts)


def committed_and_test_sets():
    import yaml
    sets = yaml.safe_load((ROOT / "notebooks" / "params.yml").read_text(encoding="utf-8"))
    cases = [(nb, s) for nb, ss in sets.items() for s in ss]
    cases += [(nb, f"test: {s}") for nb, lesson in catalogue.LESSONS.items() for s in lesson.test_sets]
    return cases


CASES = committed_and_test_sets()


@pytest.mark.parametrize("notebook, set_name", CASES, ids=[f"{a}-{b}" for a, b in CASES])
def test_lesson_runs_top_to_bottom(executed, notebook, set_name):
    nb = executed.notebook(executed.slug(notebook, set_name))
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    text = text_of(nb)
    assert "alliance-sources" in text or "No sourced figures" in text  # the Sources section ran
    if (notebook, set_name) in EMPTY_NOTES:
        assert EMPTY_NOTES[(notebook, set_name)] in text
    elif not set_name.startswith("test:"):
        charts = text.count('class="alliance-chart"')
        assert charts >= MIN_FIGURES[notebook]


@pytest.mark.parametrize("notebook, values, words", [
    ("01_timeline", {"themes": ["gossip"]}, "parameter 'themes': 'gossip' is not allowed"),
    ("01_timeline", {"end": "2023-01-01"}, "parameter 'end': 2023-01-01 is before start"),
    ("03_troops", {"estimators": ["ent_nobody"]}, "parameter 'estimators': 'ent_nobody' is not an id in entities.csv"),
    ("04_china_angle", {"years": ["2024"]}, "parameter 'years': '2024' is a str"),
    ("05_claims_check", {"article": "src_nowhere"}, "parameter 'article': 'src_nowhere' is not an id in sources.csv"),
])
def test_a_bad_parameter_stops_the_lesson_in_its_check_cell(notebook, values, words):
    """The check cell (kit.start) is what stops a lesson; run it as the notebook does."""
    from alliance import kit
    from alliance.errors import ParameterError
    with pytest.raises(ParameterError) as err:
        kit.start(notebook, **{**catalogue.LESSONS[notebook].defaults(), **values})
    assert words in str(err.value)


def test_papermill_cli_runs_a_lesson_with_a_list_typed_the_usual_way(tmp_path):
    """`papermill -p estimators '["ent_nis"]'`: a string from the command line becomes a list."""
    out = tmp_path / "out.ipynb"
    run = subprocess.run([sys.executable, "-m", "papermill", str(ROOT / "notebooks" / "05_claims_check.ipynb"),
                          str(out), "-p", "verdicts", '["accurate"]', "--cwd", str(ROOT / "notebooks"),
                          "--no-progress-bar"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    import nbformat
    nb = nbformat.read(out, as_version=4)
    assert "accurate" in text_of(nb)


@pytest.mark.parametrize("notebook", list(catalogue.LESSONS))
def test_papermill_help_describes_every_parameter(notebook):
    run = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook",
                          str(ROOT / "notebooks" / f"{notebook}.ipynb")], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Unknown type" not in run.stdout
    for p in catalogue.LESSONS[notebook].params:
        assert p.name in run.stdout and p.help[:20] in run.stdout


def test_papermill_cli_a_list_that_does_not_parse_stops_with_a_clear_error(tmp_path):
    """`-p estimators '[ent_nis'`: the check cell names the parameter and what it expects."""
    run = subprocess.run([sys.executable, "-m", "papermill", str(ROOT / "notebooks" / "03_troops.ipynb"),
                          str(tmp_path / "out.ipynb"), "-p", "estimators", "[ent_nis",
                          "--cwd", str(ROOT / "notebooks"), "--no-progress-bar"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    assert "ParameterError" in run.stderr
    assert "parameter 'estimators': '[ent_nis' could not be read as a JSON or YAML list" in run.stderr
