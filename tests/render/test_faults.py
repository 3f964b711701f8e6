"""The renderer under faults (issue 14): no run deletes what it did not rebuild, every kernel
is supervised, signals leave nothing behind, a full disk is a message. Renders run in copies
of the data and notebooks, with two sets of 05_claims_check cut to a stand-in (see
`stand_in`): the faults are the renderer's, and the whole lessons are rendered by the
session's render (tests/notebooks/test_executed.py)."""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from alliance.render.kernels import _ordinal
from alliance.render.store import BuildStore
from tests.support import ROOT

PARAMS = "05_claims_check:\n  defaults: {}\n  again: {}\n"
DEFAULTS, AGAIN = "05_claims_check--defaults", "05_claims_check--again"


def stand_in(real: Path) -> nbformat.NotebookNode:
    """The lesson cut to what every renderer behaviour needs: its heading, parameters cell and
    check cell, data read and one table shown, a solution (so the audiences differ and the
    handouts print) and the Sources section. A third of the lesson's render time, which the
    fault tests pay some twenty times."""
    from nbformat.v4 import new_code_cell as code
    from nbformat.v4 import new_markdown_cell as md
    lesson = nbformat.read(real, as_version=4)
    at = next(i for i, c in enumerate(lesson.cells) if "parameters" in c.metadata.get("tags", []))
    solution = {"tags": ["solution"]}
    nb = nbformat.v4.new_notebook(metadata=lesson.metadata)
    nb.cells = [lesson.cells[0], md("## Parameters"), lesson.cells[at], lesson.cells[at + 1],
                md("## Imports"), code("from alliance import data\nfrom alliance.lessons import claims"),
                code("sources = data.sources()\n"
                     "selected = claims.select(data.claims(), p.article, p.topics, p.verdicts)\n"
                     "kit.table(claims.verdict_table(selected))"),
                md("**Solution to exercise 1**", metadata=solution),
                code('selected.groupby("topic", observed=True)["rating_value"].mean()', metadata=solution),
                md("## Sources"), code("kit.sources(sources)")]
    # a long pause at the end, only when asked, so a signal arrives mid-execution (and a
    # worker that outlived its killed parent would be seen still running)
    nb.cells.append(code('import os, time\nif os.path.exists("pause-here"):\n'
                         '    open("paused", "w").close()\n    time.sleep(120)'))
    return nb


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("faults")
    shutil.copytree(ROOT / "data", base / "data")
    shutil.copytree(ROOT / "notebooks", base / "notebooks")
    (base / "p.yml").write_text(PARAMS, encoding="utf-8")
    path = base / "notebooks" / "05_claims_check.ipynb"
    nbformat.write(stand_in(path), path)
    b = Build(base)
    out = b.render(handouts=True)
    assert out.returncode == 0, out.stderr
    return base


@pytest.fixture
def b(built, tmp_path):
    """A private copy of the module's build: data, notebooks, params, reports, bookkeeping."""
    for name in os.listdir(built):
        src = built / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, tmp_path / name)
    return Build(tmp_path)


class Build:
    def __init__(self, root: Path):
        self.root, self.params, self.notebooks = root, root / "p.yml", root / "notebooks"
        self.reports = root / "reports"
        self.store = BuildStore(self.reports)
        self.tag = uuid.uuid4().hex  # marks every process of this build's renders
        self.env = {**os.environ, "ALLIANCE_DATA_DIR": str(root / "data"), "ALLIANCE_FAULT_TAG": self.tag}

    def command(self, *args, params=None, handouts=False):
        """A render of this build; the print phase only where a test is about it (the
        module's build has every handout, and a run without the phase leaves them as they are)."""
        return [sys.executable, "-m", "alliance", "render", "--jobs", "1", "--params",
                str(params or self.params), "--reports", str(self.reports), "--notebooks",
                str(self.notebooks), *args, *(() if handouts else ("--no-handouts",))]

    def render(self, *args, params=None, timeout=300, handouts=False):
        return subprocess.run(self.command(*args, params=params, handouts=handouts),
                              capture_output=True, text=True, cwd=ROOT, env=self.env, timeout=timeout)

    def start(self, *args, handouts=False):
        return subprocess.Popen(self.command(*args, handouts=handouts), cwd=ROOT, env=self.env,
                                stderr=subprocess.PIPE, text=True)

    def snapshot(self) -> dict[str, bytes]:
        """Every published and private file and every job state, byte for byte (not the search
        index: Pagefind rebuilds it from the pages, under content-hashed names)."""
        out = {}
        for root in (self.reports, self.store.private, self.store.state_dir):
            for p in sorted(root.rglob("*")) if root.exists() else ():
                if p.is_file() and "pagefind" not in p.relative_to(root).parts:
                    out[str(p.relative_to(self.root))] = p.read_bytes()
        return out

    def outputs(self, slug: str) -> list[Path]:
        return [p for root in (self.reports, self.store.private) for p in root.rglob(f"{slug}.*")]

    def processes(self) -> list[str]:
        """Processes (workers, kernels) still running from this build's renders."""
        found = []
        needle = f"ALLIANCE_FAULT_TAG={self.tag}".encode()
        for pid in os.listdir("/proc"):
            if not pid.isdigit() or int(pid) == os.getpid():
                continue
            try:
                if needle in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0"):
                    found.append(f"{pid}: " + Path(f"/proc/{pid}/cmdline").read_bytes()
                                 .replace(b"\0", b" ").decode(errors="replace")[:120])
            except OSError:
                pass
        return found

    def no_processes_left(self, within: float = 30.0) -> list[str]:
        deadline = time.monotonic() + within
        while (left := self.processes()) and time.monotonic() < deadline:
            time.sleep(0.2)
        return left

    def debris(self) -> list[str]:
        """Files no finished or stopped run may leave: scratch contents and .tmp files."""
        left = [str(p) for p in self.store.scratch.rglob("*") if p.is_file()] if self.store.scratch.exists() else []
        return left + [str(p) for p in self.root.rglob("*.tmp")] + [str(p) for p in self.root.rglob(".*.tmp")]

    def edit_notebook(self, position: int, source: str) -> None:
        path = self.notebooks / "05_claims_check.ipynb"
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(position, nbformat.v4.new_code_cell(source))
        nbformat.write(nb, path)


def lessons(snapshot: dict[str, bytes]) -> dict[str, bytes]:
    """The lesson files of a snapshot (the indexes and states say when a run failed)."""
    return {k: v for k, v in snapshot.items() if "index.html" not in k and "state" not in k}


def code_cell_count(nb_path: Path, upto: int) -> int:
    nb = nbformat.read(nb_path, as_version=4)
    return sum(c.cell_type == "code" for c in nb.cells[:upto])


# A run never deletes what it did not replace ----------------------------------------------------

BOMB = "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 9) if p else ', '.join(['x'] * 9)}]\n"
               for p, c in zip(["", *"abcdefgh"], "abcdefghi"))


@pytest.mark.parametrize("content, code, words", [
    (b"", 2, "p2.yml lists no parameter sets; nothing to render (and nothing is removed)"),
    (b"# every set commented out\n#05_claims_check:\n#  defaults: {}\n", 2,
     "p2.yml lists no parameter sets; nothing to render (and nothing is removed)"),
    ("05_claims_check:\n  défaults: {}\n".encode("latin-1"), 2,
     "p2.yml:2:4: byte 0xe9 is not valid UTF-8; save the file as UTF-8"),
    (b"05_claims_check:\n  defaults: {}\n  defaults: {article: src_x}\n", 2,
     "p2.yml:3:3: not valid YAML: 'defaults' appears twice in this mapping (first on line 2)"),
    (BOMB.encode(), 2, "p2.yml:2:8: not valid YAML: aliases (*name) are not allowed"),
    (b"05_claims_check:\n  defaults: {}\n", 0, "1 report(s) belong to sets not in this parameter "
     f"file and are kept: {AGAIN}; `python -m alliance render --prune` removes them".encode()),
], ids=["empty", "comments-only", "not-utf8", "duplicate-set", "alias-bomb", "one-set-of-two"])
def test_a_parameter_file_that_lists_less_deletes_nothing(b, content, code, words):
    before = b.snapshot()
    params = b.root / "p2.yml"
    params.write_bytes(content)
    out = b.render(params=params)
    assert out.returncode == code, out.stderr
    assert (words.decode() if isinstance(words, bytes) else words) in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr) < 2000  # the bomb: a short message
    assert b.snapshot() == before


def test_only_renders_one_set_and_deletes_nothing_else(b):
    (b.notebooks / "05_claims_check.ipynb").touch()
    before = b.snapshot()
    out = b.render("--force", "--only", DEFAULTS, handouts=True)  # the print phase too
    assert out.returncode == 0, out.stderr
    after = b.snapshot()
    assert set(after) == set(before)
    assert {k for k in after if after[k] != before[k] and AGAIN in k} == set()


def test_a_notebook_that_is_not_json_is_named_and_keeps_the_reports(b):
    before = b.snapshot()
    (b.notebooks / "05_claims_check.ipynb").write_text('{"cells": [', encoding="utf-8")
    out = b.render()
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert f"FAILED 05_claims_check [defaults]: {b.notebooks / '05_claims_check.ipynb'} is not a readable notebook" in out.stderr
    assert lessons(b.snapshot()) == lessons(before)  # the index says the last run failed
    assert not b.debris()


def test_a_table_that_is_a_folder_stops_the_render_before_any_kernel(b):
    before = b.snapshot()
    events = b.root / "data" / "events.csv"
    events.unlink()
    events.mkdir()
    out = b.render("--force")
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert f"{events}:1: file: is a folder, not a file" in out.stderr
    assert "rendering" not in out.stderr  # no kernel started
    assert b.snapshot() == before


# Every kernel is supervised ------------------------------------------------------------------

def test_a_dead_kernel_fails_its_job_and_the_next_job_gets_a_fresh_kernel(b):
    before = b.snapshot()
    # the kernel dies in the first job only (the marker file survives the kernel)
    b.edit_notebook(5, 'import os\nif not os.path.exists("died-once"):\n'
                       '    open("died-once", "w").close()\n    os._exit(1)')
    k = _ordinal(code_cell_count(b.notebooks / "05_claims_check.ipynb", 6))
    out = b.render(timeout=240)  # the old renderer hung here forever
    assert out.returncode == 1, out.stderr
    assert (f"FAILED 05_claims_check [defaults]: kernel died while running cell 6 (the {k} code "
            "cell, first line: `import os`)") in out.stderr, out.stderr
    assert "ok     05_claims_check [again]" in out.stderr
    after = b.snapshot()
    assert all(after[k] == v for k, v in before.items() if DEFAULTS in k and "state" not in k)
    assert b.no_processes_left() == [] and not b.debris()


def test_a_lesson_that_reads_an_undeclared_table_fails_and_keeps_its_last_report(b):
    before = b.snapshot()
    b.edit_notebook(7, "data.trade()")  # trade.csv is not among 05_claims_check's tables
    out = b.render("--only", DEFAULTS)
    assert out.returncode == 1, out.stderr
    assert ("FAILED 05_claims_check [defaults]: it read trade.csv, which the catalogue does not "
            "declare for 05_claims_check (lib/alliance/catalogue.py): a change there would not "
            "rebuild this report") in out.stderr, out.stderr
    assert lessons(b.snapshot()) == lessons(before) and not b.debris()


def test_a_never_ending_cell_is_stopped_by_the_cell_timeout(b):
    b.edit_notebook(5, "while True:\n    pass")
    out = b.render("--only", DEFAULTS, "--cell-timeout", "2", timeout=240)
    assert out.returncode == 1, out.stderr
    assert ("FAILED 05_claims_check [defaults]: cell 6 (the "
            in out.stderr and "first line: `while True:`) did not finish within 2 s (--cell-timeout)"
            in out.stderr), out.stderr
    assert b.no_processes_left() == [] and not b.debris()


def test_a_failed_warm_up_shuts_its_kernel_down(b):
    # the kernels start in the notebooks folder: a pandas.py there breaks `import pandas`
    (b.notebooks / "pandas.py").write_text('raise ImportError("warm-up sabotaged")\n', encoding="utf-8")
    before = b.snapshot()
    out = b.render("--force", timeout=240)
    assert out.returncode == 1, out.stderr
    for set_name in ("defaults", "again"):
        assert (f"FAILED 05_claims_check [{set_name}]: kernel set-up failed: ImportError: warm-up "
                "sabotaged") in out.stderr, out.stderr
    assert b.no_processes_left() == []   # two warm-ups, two kernels, none left running
    assert lessons(b.snapshot()) == lessons(before)


def test_the_failed_notebook_is_cleared_when_the_notebook_succeeds(b):
    path = b.notebooks / "05_claims_check.ipynb"
    good = path.read_bytes()
    b.edit_notebook(5, 'raise KeyError("broken for a moment")')
    out = b.render("--only", DEFAULTS)
    assert out.returncode == 1 and "KeyError" in out.stderr, out.stderr
    partial = b.store.failed_dir / f"{DEFAULTS}.ipynb"
    assert partial.exists()
    path.write_bytes(good)
    out = b.render("--only", DEFAULTS)
    assert out.returncode == 0, out.stderr
    assert not partial.exists() and "The last run failed" not in (b.reports / "index.html").read_text(encoding="utf-8")


# A full disk ----------------------------------------------------------------------------------

@contextlib.contextmanager
def tiny_filesystem(where: Path, size: str = "200k"):
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); the in-process test covers it")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_disk_names_the_file_and_leaves_nothing(b):
    with tiny_filesystem(b.root / "tiny") as tiny:
        out = subprocess.run([sys.executable, "-m", "alliance", "render", "--jobs", "1", "--params",
                              str(b.params), "--only", DEFAULTS, "--reports", str(tiny / "reports"),
                              "--notebooks", str(b.notebooks)], capture_output=True, text=True,
                             cwd=ROOT, env=b.env, timeout=240)
        assert out.returncode == 1, out.stderr
        assert "Traceback" not in out.stderr and "(0.0 s)" not in out.stderr, out.stderr
        # which file fills the disk first depends on page sizes; the message names it
        assert re.search(rf"cannot write {re.escape(str(tiny))}/\.reports\.build/scratch/{DEFAULTS}/"
                         r"[\w.]+: No space left on device; free some space and run again",
                         out.stderr), out.stderr
        store = BuildStore(tiny / "reports")
        assert not [p for p in store.scratch.rglob("*") if p.is_file()] if store.scratch.exists() else True
        assert not list(tiny.rglob("*.tmp")) and not list(tiny.rglob(".*.tmp"))
        assert not list((tiny / "reports").rglob("*.html")) or all(
            p.read_text(encoding="utf-8").rstrip().endswith("</html>") for p in (tiny / "reports").rglob("*.html"))
    assert b.no_processes_left() == []


def test_a_full_disk_in_the_parent_is_a_message(tmp_path, monkeypatch):
    """In-process: the state file cannot be written (ENOSPC simulated), the run says which."""
    import errno
    import io

    from alliance.render import store as store_mod
    real = store_mod.BuildStore._write_new

    def full(path, data):
        if path.name.endswith(".json"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)
    monkeypatch.setattr(store_mod.BuildStore, "_write_new", staticmethod(full))
    s = store_mod.BuildStore(tmp_path / "reports")
    with pytest.raises(store_mod.RenderError) as err:
        s.write_state("x", {"a": 1})
    assert str(err.value).endswith("reports.build/state/x.json: No space left on device; free some "
                                   "space and run again")
    assert not [p for p in s.scratch.rglob("*") if p.is_file()]
    del io


# Signals leave nothing behind -------------------------------------------------------------------

def _wait_for(b: Build, proc, moment: str) -> None:
    scratch, paused = b.store.scratch / AGAIN, b.notebooks / "paused"
    paused.unlink(missing_ok=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the render ended before the {moment} moment: {proc.stderr.read()}")
        if moment == "warm-up":
            if any("ipykernel" in p for p in b.processes()) and not paused.exists():
                return
        elif moment == "execution":
            if paused.exists():  # the lesson's last cell is running (see `built`)
                return
        elif moment == "export":
            if list(scratch.glob("*.html")):
                return
        elif moment == "handouts":  # the pages are in place; the PDFs are being typeset
            if (b.store.scratch / "handouts").is_dir():
                return
        time.sleep(0.01)
    pytest.fail(f"no {moment} moment within 240 s")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
def test_a_signal_at_any_moment_leaves_nothing_and_the_next_run_rebuilds_what_is_missing(b, sig):
    # the 'again' set is missing: each run below has exactly that one report to build
    for p in b.outputs(AGAIN):
        p.unlink()
    b.store.state_path(AGAIN).unlink()
    kept = {k: v for k, v in b.snapshot().items() if DEFAULTS in k}
    pause = b.notebooks / "pause-here"  # read by the kernel, not by the fingerprint
    from alliance.render import handout
    # the print phase too, where Chromium can print (available() names what is missing, else "")
    moments = ("warm-up", "execution", "export") + (("handouts",) if not handout.available() else ())
    for moment in moments:
        if moment == "execution":
            pause.touch()
        proc = b.start(handouts=True)
        _wait_for(b, proc, moment)
        proc.send_signal(sig)
        proc.wait(timeout=120)
        # the workers watch their parent: even after SIGKILL no worker or kernel stays (and
        # none sits out the 120 s pause)
        assert b.no_processes_left(within=20) == [], f"after {sig.name} during {moment}"
        err = proc.communicate(timeout=30)[1]  # a worker alive would hold the pipe open
        assert proc.returncode == {signal.SIGTERM: 143, signal.SIGINT: 130, signal.SIGKILL: -9}[sig], err
        assert "Traceback" not in err, err
        pause.unlink(missing_ok=True)
        if sig != signal.SIGKILL:  # a killed run cannot clean; the next one does
            assert not b.debris(), f"after {sig.name} during {moment}"
        assert not list(b.root.rglob("*.tmp")) and not list(b.root.rglob(".*.tmp"))
        assert not b.outputs(AGAIN) or b.store.read_state(AGAIN), "a report without its state"
        for p in b.outputs(AGAIN):  # anything published is whole
            assert p.stat().st_size > 0
    out = b.render(timeout=300, handouts=True)
    assert out.returncode == 0, out.stderr
    assert ("rendering 1 of 2 reports" in out.stderr or "all 2 reports up to date" in out.stderr
            or "typesetting" in out.stderr), out.stderr
    assert not b.debris() and b.no_processes_left() == []
    after = b.snapshot()
    assert {k: v for k, v in after.items() if DEFAULTS in k} == kept  # not rebuilt
    assert len(b.outputs(AGAIN)) == len(b.outputs(DEFAULTS)) and b.store.read_state(AGAIN)
    for p in b.outputs(AGAIN):
        if p.suffix == ".html":
            assert p.read_text(encoding="utf-8").rstrip().endswith("</html>")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_a_signal_while_waiting_for_another_render_changes_nothing(b, sig):
    import fcntl
    before = b.snapshot()
    b.store.build.mkdir(parents=True, exist_ok=True)
    with open(b.store.build / "lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # "another render" holds the folder
        proc = b.start("--force")
        line = proc.stderr.readline()
        assert "another render is writing to this folder" in line, line
        proc.send_signal(sig)
        err = proc.communicate(timeout=60)[1]
    assert proc.returncode == (143 if sig == signal.SIGTERM else 130), err
    assert "stopped before any kernel started" in err and "Traceback" not in err, err
    assert b.snapshot() == before and not b.debris() and b.no_processes_left() == []
