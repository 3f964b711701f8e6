"""The validator under faults (issue 14): one root message per broken file, files named by
what they are without reading them, the basemaps checked, the folder actually read named,
and a dataset 100 times today's validated with the expected problems."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alliance import data
from tests.support import ROOT, Dataset


def validate(*args, cwd=ROOT, env=None, data_dir=None, timeout=120):
    """`python -m alliance validate` as a user runs it."""
    cmd = [sys.executable, "-m", "alliance", "validate", *args]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    base = {k: v for k, v in os.environ.items() if k != "ALLIANCE_DATA_DIR"}
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=timeout,
                          env={**base, **(env or {})})


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


# A parse error stops cascades ------------------------------------------------------------

def test_an_unclosed_quote_gives_one_message_naming_the_line_where_it_opened(dataset):
    path = dataset.path / "events.csv"
    lines = lines_of(path)
    assert dataset.problems() == []
    # line 2's title gets a quote that never closes; the reader chokes on line 3's quotes
    lines[1] = lines[1].replace(",NIS sees no", ',"NIS sees no', 1)
    assert lines[2].count('"') >= 2
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = dataset.problems()
    assert len(problems) == 1, problems   # not one per later row, nor a dangling reference each
    char = lines[1].index('"') + 1
    assert problems[0].startswith(f"{path}:2: row: a quote opened at character {char} is never "
                                  "closed properly (',' expected after '\"' on line 3)"), problems
    assert "the checks across tables run once every file reads whole" in problems[0]


def test_a_quote_that_swallows_lines_is_named_where_it_opened(dataset):
    path = dataset.path / "events.csv"
    lines = lines_of(path)
    # a quote opens line 2's title and a quote in line 3 closes it: lines 2-3 become one row
    lines[1] = lines[1].replace(",NIS sees no", ',"NIS sees no', 1)
    lines[2] = lines[2].replace('"Per the NIS as reported by KBS, the troops', "Per the NIS the troops")
    lines[2] = lines[2].replace('placed in Kursk."', 'placed in Kursk."')
    assert lines[2].count('"') == 1
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = dataset.problems()
    assert len(problems) == 1, problems
    char = lines[1].index('"') + 1
    assert problems[0].startswith(f"{path}:2: row: a quote opened at character {char} is not "
                                  "closed on its line: lines 2-3 were read as one row"), problems


@pytest.mark.parametrize("sep, name", [("\t", "tab"), (";", "semicolon")])
def test_a_tab_or_semicolon_separated_file_is_named_once(dataset, sep, name):
    import csv
    path = dataset.path / "events.csv"
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=sep, lineterminator="\n").writerows(rows)
    problems = dataset.problems()
    assert problems == [f"{path}:1: file: this file is {name}-separated; the tables are "
                        "comma-separated: save it as CSV with commas (cells holding a comma in "
                        "double quotes); the checks across tables run once every file reads whole"]


# Files that are not regular files are named, never read ---------------------------------------

SECRET = "top-secret-first-line-of-the-target"


def test_a_symlinked_table_is_refused_without_echoing_its_target(dataset, tmp_path):
    target = tmp_path / "elsewhere.csv"
    target.write_text(f"{SECRET},x\n1,2\n", encoding="utf-8")
    path = dataset.path / "events.csv"
    path.unlink()
    path.symlink_to(target)
    problems = dataset.problems()
    assert len(problems) == 1 and SECRET not in problems[0], problems
    assert problems[0].startswith(f"{path}:1: file: is a symbolic link (to {target}); data files "
                                  "must be regular files")


def test_a_folder_where_a_table_should_be(dataset):
    path = dataset.path / "events.csv"
    path.unlink()
    path.mkdir()
    out = validate(data_dir=dataset.path)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert f"{path}:1: file: is a folder, not a file; expected a CSV with the header: event_id," in out.stdout
    assert out.stdout.count("\n") == 1, out.stdout


def test_a_fifo_is_named_and_never_opened(dataset):
    path = dataset.path / "events.csv"
    path.unlink()
    os.mkfifo(path)
    out = validate(data_dir=dataset.path, timeout=60)  # opening the FIFO would block forever
    assert out.returncode == 1, out.stderr
    assert f"{path}:1: file: is not a regular file (a pipe, socket or device)" in out.stdout


def test_an_unreadable_table_is_named(dataset, monkeypatch):
    path = dataset.path / "events.csv"
    real = Path.read_bytes

    def read_bytes(self):  # root reads anything, so the refusal is simulated
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    problems = dataset.problems()
    assert problems == [f"{path}:1: file: cannot be read (permission denied); make it readable; "
                        "expected a CSV with the header: " + ",".join(data.TABLES["events"].column_names)
                        + "; the checks across tables run once every file reads whole"]


# Every basemap a lesson reads is checked ----------------------------------------------------

@pytest.fixture
def real_copy(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def test_the_catalogue_names_the_basemaps_and_they_pass():
    from alliance import catalogue
    files = {f for lesson in catalogue.LESSONS.values() for f in lesson.files}
    assert files and all(f.endswith(".geojson") for f in files)
    assert data.check_files(files, ROOT / "data") == []


@pytest.mark.parametrize("damage, words", [
    (lambda p: p.unlink(), "1: file: file is missing; expected a GeoJSON FeatureCollection"),
    (lambda p: (p.unlink(), p.mkdir()), "1: file: is a folder, not a file"),
    (lambda p: p.write_text('{"type": "FeatureCollection",\n "features": [', encoding="utf-8"),
     "2: character 15: is not valid JSON (Expecting value)"),
    (lambda p: p.write_text('{"type": "FeatureCollection"}', encoding="utf-8"),
     "1: features: has no list of features"),
])
def test_validate_checks_every_basemap(real_copy, damage, words):
    path = real_copy / "geo" / "kursk-10m.geojson"
    damage(path)
    out = validate(data_dir=real_copy)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert f"{path}:{words}" in out.stdout, out.stdout


# The folder read is the one named ----------------------------------------------------------

def test_a_copied_checkout_validates_its_own_data_and_says_so(tmp_path):
    copy = tmp_path / "checkout"
    shutil.copytree(ROOT / "data", copy / "data")
    shutil.copytree(ROOT / "notebooks", copy / "notebooks")
    Dataset(copy / "data").edit("events", 0, status="NA")
    out = validate(cwd=copy)
    assert out.returncode == 1, out.stdout + out.stderr
    assert out.stdout.startswith("data/events.csv:2: status: 'NA' is not allowed"), out.stdout
    assert out.stderr.strip().endswith("in data (the working tree's data/)"), out.stderr
    # from elsewhere, ALLIANCE_DATA_DIR picks the copy, and the message says so
    out = validate(cwd=tmp_path, env={"ALLIANCE_DATA_DIR": str(copy / "data")})
    assert out.returncode == 1 and "checkout/data/events.csv:2: status:" in out.stdout
    assert out.stderr.strip().endswith("(from ALLIANCE_DATA_DIR)"), out.stderr
    # and the original is untouched and valid
    assert validate(cwd=ROOT).returncode == 0


# Dates a source could not have reported ------------------------------------------------------

def test_an_event_after_today_and_after_its_source_was_read_is_refused(dataset):
    dataset.edit("events", 0, date="2099-01-01", date_start="2099-01-01", date_end="2099-01-01")
    out = validate(data_dir=dataset.path)
    assert out.returncode == 1, out.stdout
    line = next(x for x in out.stdout.splitlines() if x.startswith(f"{dataset.path / 'events.csv'}:2: date_start:"))
    assert "'2099-01-01' is after today (" in line
    assert "and after the date_accessed '2026-11-26' of its source sources.csv:2" in line


# Size -------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_dataset_100_times_todays_validates_with_the_expected_problems(tmp_path):
    """Time and memory are measured by bench/validate_large.py (no timing assert here)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import validate_large
    finally:
        sys.path.remove(str(ROOT / "bench"))
    small = validate_large.generate(ROOT / "data", tmp_path / "x1", 1)
    large = validate_large.generate(ROOT / "data", tmp_path / "x100", 100)
    base = validate(data_dir=small, env={"ALLIANCE_NO_STAMP": "1"})
    assert base.returncode == 0, base.stdout
    out = validate(data_dir=large, env={"ALLIANCE_NO_STAMP": "1"}, timeout=600)
    assert out.returncode == 0, out.stdout[-2000:]
    problems = [x for x in out.stdout.splitlines() if not x.startswith("ok:")]
    expected = [x for x in base.stdout.splitlines() if not x.startswith("ok:")]
    assert len(problems) == 100 * len(expected)
    assert "34,800 events" in out.stdout or f"{100 * _rows(small / 'events.csv')} events" in out.stdout


def _rows(path: Path) -> int:
    return len(lines_of(path)) - 2  # header and the final newline
