"""`python -m alliance`: the commands, their exit codes and messages."""
from __future__ import annotations

import shutil
import subprocess
import sys

from tests.support import BROKEN, VALID


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "alliance", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_help_lists_the_commands():
    out = run("--help")
    assert out.returncode == 0
    assert "validate" in out.stdout


def test_validate_passes_on_the_project_data():
    out = run("validate")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.splitlines()[-1].startswith("ok: ")


def test_validate_reports_every_problem_and_exits_1_without_a_traceback(tmp_path):
    shutil.copytree(VALID, tmp_path / "data")
    for fault in ("bad_date", "duplicate_id", "utf8_bom"):
        for f in (BROKEN / fault).iterdir():
            shutil.copy(f, tmp_path / "data" / f.name)
    out = run("validate", "--data-dir", "data", cwd=tmp_path)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    lines = out.stdout.splitlines()
    assert "data/events.csv:2: date_end: '2024-13-01' is not a date (YYYY-MM-DD)" in lines
    assert any(line.startswith("data/estimates.csv:3: estimate_id:") for line in lines)
    assert any(line.startswith("data/sources.csv:1: header:") for line in lines)
    assert "errors in data (given by --data-dir)" in out.stderr


def test_every_broken_fixture_gives_a_message_not_a_traceback(tmp_path, capsys):
    """The command's own code, in this process (the tests above run it as a user would, exit
    status included; here one import serves every broken fixture): an exception escaping it
    would fail this test."""
    from alliance import cli
    for fault in sorted(BROKEN.iterdir()):
        target = tmp_path / fault.name
        shutil.copytree(VALID, target)
        for f in fault.iterdir():
            shutil.copy(f, target / f.name)
        code = cli.main(["validate", "--data-dir", str(target)])
        out = capsys.readouterr()
        assert code == 1, fault.name
        assert "Traceback" not in out.out + out.err, fault.name
        assert out.out.strip(), fault.name


def test_a_data_dir_that_is_not_a_folder_is_refused(tmp_path):
    out = run("validate", "--data-dir", str(tmp_path / "nowhere"))
    assert out.returncode == 2
    assert "nowhere is not a folder" in out.stderr


def test_claimreview_export(tmp_path):
    out = run("claimreview", "-o", str(tmp_path / "reviews.json"))
    assert out.returncode == 0, out.stderr
    import json
    reviews = json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))
    assert len(reviews) >= 30 and all(r["@type"] == "ClaimReview" for r in reviews)
    bad = run("claimreview", "--article", "src_nowhere")
    assert bad.returncode == 2
    assert "claimreview: --article: 'src_nowhere' is not a source id" in bad.stderr
