"""Project paths, computed from this file so nothing depends on the working directory."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("ALLIANCE_DATA_DIR", PROJECT_ROOT / "data"))
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"


def display_path(path: Path) -> str:
    """A path as a reader should see it in a message: relative to the cwd when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
