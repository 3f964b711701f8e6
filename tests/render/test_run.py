"""python -m alliance render: checks before kernels, three audiences, incremental re-runs,
failures that keep the last good report, Ctrl-C and concurrent runs."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from alliance import paramsets
from tests.support import ROOT, render


def write_params(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# Parameter sets are checked before any kernel starts ---------------------------------

@pytest.mark.parametrize("text, words", [
    ("01_timeline:\n  bad:\n    themes: [gossip]\n",
     "01_timeline, set 'bad': parameter 'themes': 'gossip' is not allowed"),
    ("01_timeline:\n  bad:\n    colour: red\n", "set 'bad': unknown parameter 'colour'"),
    ("01_timeline:\n  bad:\n    start: 2024\n", "parameter 'start': 2024 is a int"),
    ("01_timeline:\n  bad:\n    audience: student\n", "parameter 'audience' is chosen by the renderer"),
    ("09_nothing:\n  defaults: {}\n", "unknown notebook '09_nothing'"),
    ("01_timeline:\n  a: {start: [\n", "not valid YAML"),
    ("01_timeline:\n  Set A: {}\n  set-a: {}\n", "clashes with set 'Set A'"),
])
def test_bad_parameter_sets_exit_2_before_any_kernel_starts(tmp_path, text, words):
    params = write_params(tmp_path / "params.yml", text)
    out = render("--params", str(params), reports=tmp_path / "reports")
    assert out.returncode == 2, out.stderr
    assert words in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "reports" / "report").exists()  # nothing was executed


def test_yaml_dates_are_accepted_and_passed_as_text(tmp_path):
    params = write_params(tmp_path / "p.yml", "01_timeline:\n  y2025:\n    start: 2025-01-01\n")
    job, = paramsets.load(params)
    assert job.values["start"] == "2025-01-01" and job.values["audience"] == "report"
    assert job.slug == "01_timeline--y2025"


# The real job ------------------------------------------------------------------------------

def test_every_set_is_rendered_for_three_audiences_with_an_index(rendered):
    jobs = paramsets.load(ROOT / "notebooks" / "params.yml")
    index = (rendered / "index.html").read_text(encoding="utf-8")
    for job in jobs:
        for audience in ("report", "teacher", "student"):
            html = (rendered / audience / f"{job.slug}.html").read_text(encoding="utf-8")
            assert "data:image/png" in html, f"{audience}/{job.slug} has no figure"
        assert f'href="report/{job.slug}.html"' in index
        assert json.loads((rendered / ".state" / f"{job.slug}.json").read_text())["fingerprint"] in index


def test_report_hides_code_teacher_shows_solutions_student_has_none(rendered):
    slug = "01_timeline--defaults"
    report = (rendered / "report" / f"{slug}.html").read_text(encoding="utf-8")
    teacher = (rendered / "teacher" / f"{slug}.html").read_text(encoding="utf-8")
    student = (rendered / "student" / f"{slug}.html").read_text(encoding="utf-8")
    assert "select_events" not in report            # no code in the report
    assert "select_events" in teacher and "select_events" in student
    assert "Solution to exercise" in teacher
    assert "Solution to exercise" not in student and "Solution to exercise" not in report
    handed_out = nbformat.read(rendered / "student" / f"{slug}.ipynb", as_version=4)
    assert not [c for c in handed_out.cells if "solution" in c.metadata.get("tags", [])]
    assert 'audience = "student"' in "".join(c.source for c in handed_out.cells)
    teacher_nb = nbformat.read(rendered / "teacher" / f"{slug}.ipynb", as_version=4)
    assert [c for c in teacher_nb.cells if "solution" in c.metadata.get("tags", [])]


def test_strings_from_the_data_are_escaped_in_the_index(tmp_path):
    # a set name with markup must come out escaped
    params = write_params(tmp_path / "p.yml", '02_treaty:\n  "<b>bold</b> & co": {}\n')
    out = render("--params", str(params), "--jobs", "1", reports=tmp_path / "r")
    assert out.returncode == 0, out.stderr
    index = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in index and "<b>bold</b>" not in index


# Incremental re-runs ------------------------------------------------------------------------

@pytest.fixture
def small(tmp_path):
    """Copies of the data and notebooks, and two notebooks' defaults rendered once."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    params = write_params(tmp_path / "p.yml", "01_timeline:\n  defaults: {}\n02_treaty:\n  defaults: {}\n")
    env = {"ALLIANCE_DATA_DIR": str(data)}
    reports = tmp_path / "reports"
    out = render("--params", str(params), "--notebooks", str(tmp_path / "notebooks"), env=env,
                 reports=reports)
    assert out.returncode == 0, out.stderr
    return data, params, env, reports


def built(reports: Path) -> dict[str, float]:
    return {p.stem: p.stat().st_mtime_ns for p in (reports / "report").glob("*.html")}


def test_a_rerun_with_nothing_changed_only_checks_fingerprints(small):
    data, params, env, reports = small
    before = built(reports)
    out = render("--params", str(params), "--notebooks", str(reports.parent / "notebooks"),
                 env=env, reports=reports)
    assert out.returncode == 0 and "up to date" in out.stderr
    assert built(reports) == before


def test_nothing_heavy_is_imported_when_nothing_changed(small):
    data, params, env, reports = small
    code = ("import sys, runpy; sys.argv = ['alliance', 'render', '--params', %r, '--reports', %r, "
            "'--notebooks', %r]\n"
            "try:\n    runpy.run_module('alliance', run_name='__main__')\nexcept SystemExit as e:\n"
            "    assert e.code == 0, e.code\n"
            "heavy = [m for m in ('pandas', 'papermill', 'nbconvert', 'nbclient', 'matplotlib') if m in sys.modules]\n"
            "print('HEAVY', heavy)") % (str(params), str(reports), str(reports.parent / "notebooks"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, **env}, timeout=120)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_changing_a_table_reruns_only_the_notebooks_that_read_it(small):
    data, params, env, reports = small
    before = built(reports)
    path = data / "treaty_articles.csv"        # read by 02_treaty only
    path.write_text(path.read_text(encoding="utf-8").replace("Dialogue and coordination",
                                                             "Dialogue and co-ordination"),
                    encoding="utf-8")
    out = render("--params", str(params), "--notebooks", str(reports.parent / "notebooks"),
                 env=env, reports=reports)
    assert out.returncode == 0, out.stderr
    after = built(reports)
    assert after["01_timeline--defaults"] == before["01_timeline--defaults"]
    assert after["02_treaty--defaults"] != before["02_treaty--defaults"]
    assert "rendering 1 of 2" in out.stderr


def test_force_rebuilds_everything(small):
    data, params, env, reports = small
    before = built(reports)
    out = render("--params", str(params), "--force", "--notebooks", str(reports.parent / "notebooks"),
                 env=env, reports=reports)
    assert out.returncode == 0
    assert all(built(reports)[k] != v for k, v in before.items())


# Failures ------------------------------------------------------------------------------------

def test_unknown_ids_in_a_set_stop_the_run_before_any_kernel(small):
    data, params, env, reports = small
    before = built(reports)
    write_params(params, "02_treaty:\n  defaults:\n    compare_with: [ent_treaty_nowhere_1900]\n")
    out = render("--params", str(params), "--notebooks", str(reports.parent / "notebooks"),
                 env=env, reports=reports)
    assert out.returncode == 2
    assert "parameter 'compare_with': 'ent_treaty_nowhere_1900' is not an id in entities.csv" in out.stderr
    assert built(reports) == before


def test_a_failing_notebook_keeps_the_last_good_report(small):
    data, params, env, reports = small
    good = (reports / "report" / "02_treaty--defaults.html").read_bytes()
    notebooks = reports.parent / "notebooks"
    nb = nbformat.read(notebooks / "02_treaty.ipynb", as_version=4)
    nb.cells.insert(12, nbformat.v4.new_code_cell('raise KeyError("no such clause: ent_treaty_x")'))
    nbformat.write(nb, notebooks / "02_treaty.ipynb")
    out = render("--params", str(params), "--notebooks", str(notebooks), env=env, reports=reports)
    assert out.returncode == 1
    line = next(l for l in out.stderr.splitlines() if l.startswith("FAILED 02_treaty [defaults]: cell"))
    assert "KeyError" in line and "no such clause" in line
    assert (reports / "_failed" / "02_treaty--defaults.ipynb").exists()
    assert (reports / "report" / "02_treaty--defaults.html").read_bytes() == good
    assert "The last run failed" in (reports / "index.html").read_text(encoding="utf-8")
    assert not list(reports.rglob("*.tmp"))


def test_ctrl_c_stops_kernels_and_leaves_nothing_half_written(small):
    data, params, env, reports = small
    proc = subprocess.Popen([sys.executable, "-m", "alliance", "render", "--force", "--params",
                             str(params), "--reports", str(reports),
                             "--notebooks", str(reports.parent / "notebooks")], cwd=ROOT,
                            env={**os.environ, **env}, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()            # "rendering 2 of 2 ..." : workers are starting
    assert line.startswith("rendering")
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    rest = proc.communicate(timeout=120)[1]
    assert proc.returncode == 130, rest
    assert "interrupted" in rest
    assert not list(reports.rglob("*.tmp"))
    for html in (reports / "report").glob("*.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_two_renders_at_once_do_not_corrupt_the_reports(small):
    data, params, env, reports = small
    procs = [subprocess.Popen([sys.executable, "-m", "alliance", "render", "--force", "--params",
                               str(params), "--reports", str(reports),
                               "--notebooks", str(reports.parent / "notebooks")], cwd=ROOT,
                              env={**os.environ, **env}, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert any("waiting for it to finish" in r[1] for r in results)
    for html in reports.rglob("*.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not list(reports.rglob("*.tmp"))
