"""The project works with the tools its users already have: matplotlib backends they choose,
JupyterLab through `make lab`, ruff and nbstripout on the committed files."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

LIB = ROOT / "lib"
MODULES = sorted(
    ".".join(p.relative_to(LIB).with_suffix("").parts).removesuffix(".__init__")
    for p in (LIB / "alliance").rglob("*.py") if p.name != "__main__.py")

# Imports every module of the package in turn and reports the backend after each.
PROBE = """
import importlib, json, sys
import matplotlib
if sys.argv[1] == "ipympl":
    import ipympl  # noqa: F401  (what `%matplotlib widget` loads)
    matplotlib.use("module://ipympl.backend_nbagg")
before = matplotlib.get_backend()
after = {}
for name in sys.argv[2:]:
    importlib.import_module(name)
    after[name] = matplotlib.get_backend()
print(json.dumps({"before": before, "after": after}))
"""


def backends_after_imports(mode: str, env: dict) -> dict:
    run = subprocess.run([sys.executable, "-c", PROBE, mode, *MODULES], capture_output=True,
                         text=True, env={**os.environ, **env}, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.splitlines()[-1])


def test_every_module_of_the_package_is_probed():
    assert "alliance.kit.style" in MODULES and "alliance.lessons.claims" in MODULES
    assert "alliance.render.kernels" in MODULES and len(MODULES) > 30


@pytest.mark.parametrize("mode, env, backend", [
    ("env", {"MPLBACKEND": "svg"}, "svg"),
    ("ipympl", {}, "module://ipympl.backend_nbagg"),
], ids=["MPLBACKEND=svg", "%matplotlib widget"])
def test_importing_the_library_never_changes_the_matplotlib_backend(mode, env, backend):
    seen = backends_after_imports(mode, env)
    assert seen["before"].lower() == backend
    changed = {m: b for m, b in seen["after"].items() if b.lower() != backend}
    assert not changed


# make lab ---------------------------------------------------------------------------------

def make_n(target: str, as_user: bool = False) -> str:
    cmd = ["make", "-n", "-C", str(ROOT), target]
    if as_user:
        if os.geteuid() != 0 or not shutil.which("setpriv"):
            pytest.skip("needs root and setpriv to run make as an ordinary user")
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return next(line for line in run.stdout.splitlines() if "jupyter lab" in line
                or "datasette serve" in line)


def test_make_lab_listens_on_loopback_only_and_runs_as_root():
    line = make_n("lab")
    assert "--ip=127.0.0.1" in line and "--no-browser" in line
    assert "--notebook-dir=notebooks" in line
    assert ("--allow-root" in line) == (os.geteuid() == 0)


def test_make_lab_as_an_ordinary_user_does_not_pass_allow_root():
    line = make_n("lab", as_user=True)
    assert "--ip=127.0.0.1" in line and "--allow-root" not in line


def test_make_explore_serves_on_loopback_only():
    line = make_n("explore")
    assert "--host 127.0.0.1" in line and "--metadata metadata.json" in line


def test_make_test_lints_with_ruff_before_pytest():
    run = subprocess.run(["make", "-n", "-C", str(ROOT), "test"], capture_output=True,
                         text=True, timeout=60)
    lines = run.stdout.splitlines()
    ruff = next(i for i, line in enumerate(lines) if "ruff check lib tests bench notebooks" in line)
    pytest_ = next(i for i, line in enumerate(lines) if "-m pytest" in line)
    assert ruff < pytest_


# Developer tools ---------------------------------------------------------------------------

def tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else (shutil.which(name) or pytest.fail(
        f"{name} is not installed: it is in the test extra (pip install -e '.[test]')"))


def test_ruff_check_is_clean():
    run = subprocess.run([tool("ruff"), "check", "lib", "tests", "bench", "notebooks"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:]


def test_committed_notebooks_pass_nbstripout_verify_keeping_cell_ids():
    notebooks = sorted(str(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    run = subprocess.run([tool("nbstripout"), "--verify", "--keep-id", *notebooks],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_nbstripout_verify_fails_on_a_notebook_with_outputs(tmp_path):
    import nbformat
    nb = nbformat.read(ROOT / "notebooks" / "_template.ipynb", as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", text="left behind\n")]
    code.execution_count = 3
    path = tmp_path / "dirty.ipynb"
    nbformat.write(nb, path)
    run = subprocess.run([tool("nbstripout"), "--verify", "--keep-id", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0


def test_pre_commit_config_runs_ruff_and_nbstripout_keeping_ids():
    import yaml
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert "ruff" in hooks and "ruff-format" not in hooks
    assert "--keep-id" in hooks["nbstripout"]["args"]


def test_readme_gives_the_one_command_per_tool():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("make lab", "papermill notebooks/", "papermill --help-notebook",
                    "conda env create -f environment.yml", "frictionless validate data/datapackage.json",
                    "make explore", "python -m alliance export sqlite", "pre-commit install",
                    "ALLIANCE_DATA_DIR"):
        assert command in readme, command
