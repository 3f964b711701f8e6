"""python -m alliance render: checks before kernels, every audience, incremental re-runs,
failures that keep the last good report, Ctrl-C and concurrent runs, file permissions."""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from alliance.render import jobs as paramsets
from alliance.render.store import BuildStore
from tests.support import MARKUP_SET, ROOT, render


def write_params(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# Parameter sets are checked before any kernel starts ---------------------------------

@pytest.mark.parametrize("text, words", [
    ("01_timeline:\n  bad:\n    themes: [gossip]\n",
     "01_timeline, set 'bad': parameter 'themes': 'gossip' is not allowed"),
    ("01_timeline:\n  bad:\n    colour: red\n", "set 'bad': unknown parameter 'colour'"),
    ("01_timeline:\n  bad:\n    start: 2024\n", "parameter 'start': 2024 is a int"),
    ("01_timeline:\n  bad:\n    audience: student\n", "parameter 'audience': is chosen by the renderer"),
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
    assert job.values["start"] == "2025-01-01" and "audience" not in job.values
    assert job.slug == "01_timeline--y2025"


# The real job, read from the session's render -----------------------------------------------

def test_every_set_is_rendered_for_every_audience_with_an_index(executed):
    store = executed.store
    index = (executed.reports / "index.html").read_text(encoding="utf-8")
    private_index = (store.private / "index.html").read_text(encoding="utf-8")
    for notebook, set_name in executed.cases():
        slug = executed.slug(notebook, set_name)
        for audience in ("report", "teacher", "student"):
            html = executed.path(audience, slug).read_text(encoding="utf-8")
            assert html.rstrip().endswith("</html>")
        assert f'href="report/{slug}.html"' in index and f'href="student/{slug}.html"' in index
        assert f'href="teacher/{slug}.html"' in private_index
    assert "teacher/" not in index  # the published index never points at the answers


def test_report_hides_code_teacher_shows_solutions_student_has_none(executed):
    slug = "01_timeline--defaults"
    report = executed.path("report", slug).read_text(encoding="utf-8")
    teacher = executed.path("teacher", slug).read_text(encoding="utf-8")
    student = executed.path("student", slug).read_text(encoding="utf-8")
    assert "select_events" not in report            # no code in the report
    assert "select_events" in teacher and "select_events" in student
    assert "Solution to exercise" in teacher
    assert "Solution to exercise" not in student and "Solution to exercise" not in report
    assert "teacher" not in student.split("</nav>")[0].split("<nav")[-1]  # no link to answers
    handed_out = executed.notebook(slug, "student")
    assert not [c for c in handed_out.cells if "solution" in c.metadata.get("tags", [])]
    assert handed_out.metadata["alliance"]["audience"] == "student"
    assert "papermill" not in handed_out.metadata  # no build paths
    teacher_nb = executed.notebook(slug, "teacher")
    assert [c for c in teacher_nb.cells if "solution" in c.metadata.get("tags", [])]


def test_a_handed_out_notebook_has_one_parameters_cell_with_the_sets_values(executed):
    slug = executed.slug("01_timeline", "2025 only")
    nb = executed.notebook(slug, "student")
    cells = [c for c in nb.cells if {"parameters", "injected-parameters"} & set(c.metadata.get("tags", []))]
    assert len(cells) == 1 and "parameters" in cells[0].metadata.tags
    assert 'start: str = "2025-01-01"  # first day shown' in cells[0].source
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code" and c.execution_count]
    assert counts == list(range(1, len(counts) + 1))


def test_each_page_has_its_own_title(executed):
    titles = set()
    for audience in ("report", "student"):
        for slug in ("01_timeline--defaults", executed.slug("01_timeline", "2025 only")):
            html = executed.path(audience, slug).read_text(encoding="utf-8")
            titles.add(html.split("<title>", 1)[1].split("</title>", 1)[0])
    assert len(titles) == 4


def test_built_files_are_readable_by_others_and_bookkeeping_stays_out_of_the_published_folder(executed):
    for path in executed.reports.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) & 0o044 == 0o044, path
    published = {p.relative_to(executed.reports).parts[0] for p in executed.reports.iterdir()}
    from alliance.render.audiences import PUBLIC
    assert published <= {"index.html", "thumbs", "pagefind", *PUBLIC}, published


def test_a_set_name_with_markup_is_escaped_wherever_it_is_shown(executed):
    """The session's render has a set named with HTML (tests/conftest.py): the indexes, the
    pages' titles and banners show it as text."""
    slug = executed.slug("05_claims_check", MARKUP_SET)
    shown = [executed.reports / "index.html", executed.store.private / "index.html",
             *(executed.path(a, slug) for a in ("report", "student", "teacher"))]
    for path in shown:
        html = path.read_text(encoding="utf-8")
        assert "&lt;b&gt;bold&lt;/b&gt; &amp;" in html and "<b>bold</b>" not in html, path


# Incremental re-runs ------------------------------------------------------------------------

SMALL = "04_china_angle:\n  defaults: {}\n05_claims_check:\n  defaults: {}\n"


SMALL_SLUGS = ("04_china_angle--defaults", "05_claims_check--defaults")


@pytest.fixture(scope="module")
def small_base(tmp_path_factory, executed):
    """Copies of the data and notebooks, and of the session's render pruned to two quick
    lessons: a fingerprint is of contents, not paths, so the copy is up to date and nothing
    is executed again."""
    base = tmp_path_factory.mktemp("small")
    shutil.copytree(ROOT / "data", base / "data")
    shutil.copytree(ROOT / "notebooks", base / "notebooks")
    session = executed.store
    for folder in (session.reports, session.private, session.build):
        shutil.copytree(folder, base / folder.name, ignore=shutil.ignore_patterns("lock", "scratch"))
    params = write_params(base / "p.yml", SMALL)
    out = render("--params", str(params), "--notebooks", str(base / "notebooks"), "--prune",
                 env={"ALLIANCE_DATA_DIR": str(base / "data")}, reports=base / "reports")
    assert out.returncode == 0, out.stderr
    assert "removed the reports of" in out.stderr and "all 2 reports up to date" in out.stderr, out.stderr
    return base


@pytest.fixture
def small(small_base, tmp_path):
    """A private copy of the module's small build (data, notebooks, reports, bookkeeping)."""
    for name in os.listdir(small_base):
        src = small_base / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, tmp_path / name)
    return Small(tmp_path)


class Small:
    def __init__(self, root: Path):
        self.root, self.data, self.params = root, root / "data", root / "p.yml"
        self.notebooks, self.reports = root / "notebooks", root / "reports"
        self.env = {"ALLIANCE_DATA_DIR": str(self.data)}

    def render(self, *args):
        return render("--params", str(self.params), "--notebooks", str(self.notebooks), *args,
                      env=self.env, reports=self.reports)

    def built(self) -> dict[str, int]:
        return {p.stem: p.stat().st_mtime_ns for p in (self.reports / "report").glob("*.html")}


def test_prune_removes_every_file_of_the_sets_no_longer_listed(small):
    """The module's base is the session's 26 sets pruned to two: nothing of the others is
    left, in the published folder, the private one or the bookkeeping."""
    store = BuildStore(small.reports)
    left = [p for root in (store.reports, store.private, store.build) for p in root.rglob("*")
            if p.is_file() and "--" in p.name and not any(s in p.name for s in SMALL_SLUGS)]
    assert left == []
    assert {p.stem for p in (store.private / "guide").glob("*.html")} == {"04_china_angle", "05_claims_check"}
    assert sorted(p.stem for p in (store.reports / "thumbs").glob("*.png")) == list(SMALL_SLUGS)
    assert sorted(store.states()) == list(SMALL_SLUGS)


def test_a_rerun_with_nothing_changed_only_checks_fingerprints(small):
    before = small.built()
    out = small.render()
    assert out.returncode == 0 and "up to date" in out.stderr
    assert small.built() == before


def test_resaving_a_notebook_without_changing_a_cell_rebuilds_nothing(small):
    path = small.notebooks / "05_claims_check.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["metadata"]["kernelspec"]["display_name"] = "Python 3 (ipykernel)"
    nb["nbformat_minor"] = 4
    for k, cell in enumerate(nb["cells"]):
        cell["id"] = f"resaved-{k}"
    path.write_text(json.dumps(nb, indent=2), encoding="utf-8")
    before = small.built()
    out = small.render()
    assert out.returncode == 0 and "up to date" in out.stderr, out.stderr
    assert small.built() == before


def test_nothing_heavy_is_imported_when_nothing_changed(small):
    code = ("import sys, runpy; sys.argv = ['alliance', 'render', '--params', %r, '--reports', %r, "
            "'--notebooks', %r]\n"
            "try:\n    runpy.run_module('alliance', run_name='__main__')\nexcept SystemExit as e:\n"
            "    assert e.code == 0, e.code\n"
            "heavy = [m for m in ('pandas', 'papermill', 'nbconvert', 'nbclient', 'matplotlib', 'pandera') if m in sys.modules]\n"
            "print('HEAVY', heavy)") % (str(small.params), str(small.reports), str(small.notebooks))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, **small.env}, timeout=120)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_changing_a_table_reruns_only_the_lessons_that_read_it(small):
    before = small.built()
    path = small.data / "claims.csv"        # read by 05_claims_check, not by 04
    path.write_text(path.read_text(encoding="utf-8").replace("Aurus limousine", "Aurus car", 1),
                    encoding="utf-8")
    out = small.render("--no-handouts")
    assert out.returncode == 0, out.stderr
    after = small.built()
    assert after["04_china_angle--defaults"] == before["04_china_angle--defaults"]
    assert after["05_claims_check--defaults"] != before["05_claims_check--defaults"]
    assert "rendering 1 of 2" in out.stderr


def test_force_rebuilds_everything(small):
    before, printed = small.built(), handouts(small)
    out = small.render("--force")
    assert out.returncode == 0, out.stderr
    assert all(small.built()[k] != v for k, v in before.items())
    from alliance.render.audiences import PRINTS  # the student's and the teacher's handout
    assert f"typesetting {len(printed) * len(PRINTS)} handout(s)" in out.stderr, out.stderr
    assert all(handouts(small)[k] != v for k, v in printed.items())


def handouts(small) -> dict[str, int]:
    found = {p.name: p.stat().st_mtime_ns for p in small.reports.glob("handout/*.pdf")}
    if not found:
        pytest.skip("no handouts: Chromium cannot be driven here")
    return found


def test_a_handout_is_typeset_again_only_when_what_it_prints_changed(small):
    """Re-executing every lesson gives byte-identical cells and outputs (table ids and map
    labels are stable), so the handouts are kept; a missing one is typeset alone."""
    before = handouts(small)
    out = small.render("--force", "--no-handouts")
    assert out.returncode == 0 and "typesetting" not in out.stderr, out.stderr
    out = small.render()
    assert out.returncode == 0 and "up to date" in out.stderr, out.stderr
    assert handouts(small) == before
    gone = small.reports / "handout" / "05_claims_check--defaults.pdf"
    gone.unlink()
    out = small.render()
    assert out.returncode == 0 and "typesetting 1 handout(s)" in out.stderr, out.stderr
    after = handouts(small)
    assert gone.exists() and after["04_china_angle--defaults.pdf"] == before["04_china_angle--defaults.pdf"]


def test_where_chromium_cannot_print_the_handouts_are_named_and_nothing_is_rebuilt(small, monkeypatch):
    import io

    from alliance.render import handout, run
    handouts(small)
    (small.reports / "handout" / "05_claims_check--defaults.pdf").unlink()
    index = (small.reports / "index.html").stat().st_mtime_ns
    monkeypatch.setattr(handout, "available", lambda: "handout PDFs not built: (test) no Chromium")
    monkeypatch.setenv("ALLIANCE_DATA_DIR", str(small.data))
    said = io.StringIO()
    code = run.main(small.params, small.reports, small.notebooks, small.data, jobs=1, force=False,
                    only=[], out=said)
    assert code == 0, said.getvalue()
    assert "(test) no Chromium" in said.getvalue() and "up to date" in said.getvalue()
    assert "typeset" not in said.getvalue()
    assert (small.reports / "index.html").stat().st_mtime_ns == index


def test_a_changed_parameter_file_is_read_again(small):
    """The jobs of the parameter file are kept between runs, keyed by the file's bytes."""
    write_params(small.params, SMALL + "05_claims_check:\n  defaults: {}\n")  # a duplicate key
    out = small.render()
    assert out.returncode == 2 and "appears twice" in out.stderr, out.stderr
    write_params(small.params, SMALL)
    (small.root / ".reports.build" / "jobs.json").write_text("{broken")
    out = small.render()
    assert out.returncode == 0 and "up to date" in out.stderr, out.stderr


def test_every_handout_prints_a_notebook_with_the_same_cells():
    from alliance.render.audiences import AUDIENCES, PRINTS
    assert PRINTS
    for a in PRINTS:
        source = AUDIENCES[a.prints]
        assert source.notebook and source.output == "page"
        assert (source.keep_solutions, source.private) == (a.keep_solutions, a.private), a.name


# Failures ------------------------------------------------------------------------------------

def test_unknown_ids_in_a_set_stop_the_run_before_any_kernel(small):
    before = small.built()
    write_params(small.params, "05_claims_check:\n  defaults:\n    article: src_nowhere_at_all\n")
    out = small.render()
    assert out.returncode == 2
    assert "parameter 'article': 'src_nowhere_at_all' is not an id in sources.csv" in out.stderr
    assert small.built() == before


def test_a_failing_notebook_keeps_the_last_good_report(small):
    good = (small.reports / "report" / "05_claims_check--defaults.html").read_bytes()
    nb = nbformat.read(small.notebooks / "05_claims_check.ipynb", as_version=4)
    nb.cells.insert(12, nbformat.v4.new_code_cell('raise KeyError("no such claim: clm_x")'))
    nbformat.write(nb, small.notebooks / "05_claims_check.ipynb")
    out = small.render()
    assert out.returncode == 1
    line = next(x for x in out.stderr.splitlines() if x.startswith("FAILED 05_claims_check [defaults]: cell"))
    assert "cell 13 (the " in line and "first line: `raise KeyError" in line
    assert "KeyError" in line and "no such claim" in line
    store = BuildStore(small.reports)
    assert (store.failed_dir / "05_claims_check--defaults.ipynb").exists()
    assert (small.reports / "report" / "05_claims_check--defaults.html").read_bytes() == good
    assert "The last run failed" in (small.reports / "index.html").read_text(encoding="utf-8")
    assert not list(small.root.rglob("*.tmp")) and not list(store.scratch.rglob("*"))


def test_ctrl_c_stops_kernels_and_leaves_nothing_half_written(small):
    proc = subprocess.Popen([sys.executable, "-m", "alliance", "render", "--force", "--params",
                             str(small.params), "--reports", str(small.reports),
                             "--notebooks", str(small.notebooks)], cwd=ROOT,
                            env={**os.environ, **small.env}, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()            # "rendering 2 of 2 ..." : workers are starting
    assert line.startswith("rendering"), line
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    rest = proc.communicate(timeout=120)[1]
    assert proc.returncode == 130, rest
    assert "interrupt" in rest
    store = BuildStore(small.reports)
    assert not list(small.root.rglob("*.tmp")) and not list(store.scratch.rglob("*"))
    for html in (small.reports / "report").glob("*.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_two_renders_at_once_do_not_corrupt_the_reports(small):
    # one lesson's pages: the lock is taken once per run, before the pages and the print phase
    procs = [subprocess.Popen([sys.executable, "-m", "alliance", "render", "--force", "--no-handouts",
                               "--only", "05_claims_check", "--params", str(small.params),
                               "--reports", str(small.reports), "--notebooks", str(small.notebooks)], cwd=ROOT,
                              env={**os.environ, **small.env}, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert any("waiting for it to finish" in r[1] for r in results)
    for html in small.reports.rglob("*.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not list(small.root.rglob("*.tmp"))


def test_an_index_thumbnail_has_the_alt_text_of_the_chart_it_shows(executed):
    import html
    import re
    index = (executed.reports / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<a href="report/([^"]+)\.html"><img src="thumbs/[^"]+" alt="([^"]*)"', index)
    assert cards
    for slug, alt in cards:
        page = executed.path("report", slug).read_text(encoding="utf-8")
        first = re.search(r'class="alliance-chart".*?<img [^>]*\balt="([^"]*)"', page, re.S)
        assert first and html.unescape(alt) == html.unescape(first[1]), slug
