"""Project paths, computed from this file and the working tree, never from guesses.

The data folder is, in order: `ALLIANCE_DATA_DIR` if set; the `data/` folder of the checkout
you are working in (the current directory or a parent holding `data/sources.csv` and
`notebooks/`), so a copied checkout validates and renders its own data; the checkout this
package was installed from. `data_source()` says which one was chosen.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
INSTALLED_ROOT = PACKAGE_DIR.parents[1]   # the checkout, for an editable install


class NoDataDir(RuntimeError):
    pass


def _is_checkout(root: Path) -> bool:
    return (root / "data" / "sources.csv").is_file() and (root / "notebooks").is_dir()


def _working_checkout() -> Path | None:
    here = Path.cwd().resolve()
    for root in (here, *here.parents):
        if _is_checkout(root):
            return root
    return None


def data_source() -> tuple[Path | None, str]:
    """(the data folder, how it was chosen)."""
    env = os.environ.get("ALLIANCE_DATA_DIR")
    if env:
        return Path(env), "from ALLIANCE_DATA_DIR"
    work = _working_checkout()
    if work is not None:
        return work / "data", "the working tree's data/"
    if _is_checkout(INSTALLED_ROOT):
        return INSTALLED_ROOT / "data", "the installed checkout's data/"
    return None, ""


def data_dir() -> Path:
    """The data folder; fails fast, naming ALLIANCE_DATA_DIR, when there is none."""
    path, how = data_source()
    if path is None:
        raise NoDataDir("no data folder found: this installation has no checkout of "
                        "alliance-notebooks around it. Set ALLIANCE_DATA_DIR to the folder "
                        "holding sources.csv, events.csv, ... (the data/ of a checkout), or run "
                        "from inside a checkout.")
    if not path.is_dir():
        raise NoDataDir(f"ALLIANCE_DATA_DIR={path} is not a folder; point it at the folder "
                        "holding sources.csv, events.csv, ...")
    return path


# The checkout in use: the one you work in, else the one installed from. Notebooks and
# reports come from it, like the data.
PROJECT_ROOT = _working_checkout() or INSTALLED_ROOT
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
# For code that reads a path once; a missing folder is reported where it is first read.
DATA_DIR = data_source()[0] or PROJECT_ROOT / "data"


def display_path(path: Path) -> str:
    """A path as a reader should see it in a message: relative to the cwd when inside it."""
    path = Path(path)
    try:  # resolve the folder, not the file: a symlink is shown by its own name
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
