"""A non-editable install works outside the repository: the wheel carries the templates, the
package declares what it imports, and without a checkout it asks for ALLIANCE_DATA_DIR."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel, built from a copy of the files a source distribution holds (so the build
    writes nothing into the checkout)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "lib", src / "lib", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    out = tmp_path_factory.mktemp("wheels")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                          "-w", str(out), str(src)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    built, = out.glob("alliance_notebooks-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory):
    """A fresh virtual environment (no system site-packages) with the wheel and the
    dependencies it declares, resolved from the package index as for a user. uv (from the test
    extra) does pip's job here in seconds instead of a minute; pip is the fallback."""
    where = tmp_path_factory.mktemp("venv") / "env"
    python = where / "bin" / "python"
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv:
        steps = [[uv, "venv", "--quiet", "--python", sys.executable, str(where)],
                 [uv, "pip", "install", "--quiet", "--python", str(python), str(wheel)]]
    else:
        steps = [[sys.executable, "-m", "venv", str(where)],
                 [str(python), "-m", "pip", "install", "--quiet", str(wheel)]]
    for step in steps:
        run = subprocess.run(step, capture_output=True, text=True, timeout=1200)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return python


def outside(python, code, tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ALLIANCE_DATA_DIR")}
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={**clean, **env}, timeout=300)


def test_the_wheel_carries_the_templates_and_no_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("alliance/templates/index.html.j2",
                     "alliance/templates/nbconvert/alliance/index.html.j2",
                     "alliance/templates/nbconvert/alliance/conf.json"):
        assert template in names
    assert not [n for n in names if n.endswith(".csv")]   # the data stays in a checkout


def test_installed_outside_the_repository_it_loads_a_table_from_alliance_data_dir(venv, tmp_path):
    code = ("import alliance, sys; from alliance import data; from alliance.render import index; "
            "assert alliance.__file__.startswith(sys.prefix), alliance.__file__; "
            "assert (index.TEMPLATES / 'index.html.j2').is_file(); "
            "print(len(data.events()), data.events()['date_start'].dtype)")
    run = outside(venv, code, tmp_path, ALLIANCE_DATA_DIR=str(ROOT / "data"))
    assert run.returncode == 0, run.stderr[-3000:]
    import pandas as pd
    rows = len(pd.read_csv(ROOT / "data" / "events.csv"))
    assert run.stdout.split() == [str(rows), "datetime64[ns]"]


def test_installed_without_a_data_folder_it_fails_fast_naming_alliance_data_dir(venv, tmp_path):
    run = outside(venv, "from alliance import data; data.events()", tmp_path)
    assert run.returncode != 0
    assert "NoDataDir" in run.stderr and "Set ALLIANCE_DATA_DIR" in run.stderr
    cli = subprocess.run([str(venv), "-m", "alliance", "validate"], capture_output=True, text=True,
                         cwd=tmp_path, timeout=300,
                         env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ALLIANCE_DATA_DIR")})
    assert cli.returncode == 2 and "ALLIANCE_DATA_DIR" in cli.stderr and "Traceback" not in cli.stderr


def test_every_module_imports_in_the_fresh_environment(venv, tmp_path):
    code = ("import importlib, pkgutil, alliance\n"
            "for m in pkgutil.walk_packages(alliance.__path__, 'alliance.'):\n"
            "    if m.name not in ('alliance.__main__', 'alliance.data.database'):\n"
            "        importlib.import_module(m.name)\n"
            "print('ok')")
    run = outside(venv, code, tmp_path, ALLIANCE_DATA_DIR=str(ROOT / "data"))
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr[-3000:]


def imported_top_level_names() -> set[str]:
    """Every module name the library imports, at top level or inside a function."""
    import ast
    names = set()
    for path in (ROOT / "lib" / "alliance").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"alliance", "__future__"}


def test_every_imported_distribution_is_declared():
    import importlib.metadata as md
    import re
    import tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    declared = {re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.\-]+", r)[0]).lower() for r in reqs}
    dists = md.packages_distributions()
    undeclared = {}
    for name in imported_top_level_names():
        assert name in dists, f"{name} is imported but no installed distribution provides it"
        found = {re.sub(r"[-_.]+", "-", d).lower() for d in dists[name]}
        if not found & declared:
            undeclared[name] = sorted(found)
    assert not undeclared
