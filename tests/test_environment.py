"""environment.yml (conda, Binder) and pyproject.toml (pip) name the same dependencies, each
under the name its own index knows it by."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# PyPI name (normalised) -> conda-forge package, where they differ. Checked against each
# package's conda-forge page: conda-forge's `playwright` is not the Python binding
# (`playwright-python` is); `matplotlib-base` is matplotlib without a GUI toolkit, what headless
# and Binder environments take; the Jupyter packages keep their underscore on conda-forge.
CONDA_NAME = {
    "matplotlib": "matplotlib-base",
    "playwright": "playwright-python",
    "jupyter-client": "jupyter_client",
    "jupyter-core": "jupyter_core",
    "great-tables": "great_tables",
    "adjusttext": "adjusttext",
}
# Not on conda-forge: installed from PyPI through environment.yml's pip: section.
PIP_ONLY = {"pagefind", "axe-playwright-python"}
# Names that exist on conda-forge but are not the package we mean.
WRONG_ON_CONDA_FORGE = {"playwright", "matplotlib"}


def pypi_name(name: str) -> str:
    """PEP 503 normalisation: case, '_' and '.' do not matter on PyPI."""
    return re.sub(r"[-_.]+", "-", name).lower()


def conda_name(pypi: str) -> str:
    return CONDA_NAME.get(pypi_name(pypi), pypi_name(pypi))


def _split(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", req)
    return m[1], m[2].split("#")[0].replace(" ", "")


def pip_requirements() -> dict[str, str]:
    """{PyPI name: version spec} over the core dependencies and every extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    return {pypi_name(name): spec for name, spec in map(_split, reqs)}


def conda_requirements() -> tuple[dict[str, str], list]:
    """({conda-forge name as written: spec}, pip section)."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip += dep.get("pip", [])
        else:
            name, spec = _split(dep)
            if name not in ("python", "pip"):
                conda[name] = spec
    return conda, pip


def test_environment_yml_and_pyproject_name_the_same_dependencies():
    """Every pip requirement appears in environment.yml under its conda-forge name, with the
    same version floor, and environment.yml lists nothing else."""
    conda, pip = conda_requirements()
    wanted = pip_requirements()
    expected = {conda_name(name): spec for name, spec in wanted.items() if name not in PIP_ONLY}
    assert conda == expected
    from_pypi = {pypi_name(re.split(r"[\[<>=]", r, maxsplit=1)[0]) for r in pip if not r.startswith("-e")}
    assert from_pypi == PIP_ONLY & set(wanted)


def test_environment_yml_uses_conda_forge_names_not_pypi_names():
    conda, _ = conda_requirements()
    assert not WRONG_ON_CONDA_FORGE & set(conda)
    for pypi, forge in CONDA_NAME.items():
        assert pypi in pip_requirements(), f"{pypi} is mapped but not a dependency any more"
        assert forge in conda


def test_the_name_map_is_applied_not_only_compared():
    """The drift check must catch a PyPI name written into environment.yml."""
    assert conda_name("playwright") == "playwright-python"
    assert conda_name("Jupyter_Client") == "jupyter_client"
    assert conda_name("pandas") == "pandas"


def test_environment_yml_installs_the_project_itself():
    _, pip = conda_requirements()
    assert "-e ." in pip


def test_environment_yml_uses_conda_forge():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"][0] == "conda-forge"


def test_python_floor_agrees():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert f"python{project['requires-python']}" in env["dependencies"]
