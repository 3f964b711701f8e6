"""What produced a report: a hash of the notebook, its parameters, the data files it reads,
the library source and the installed package versions. Cheap to compute (no pandas, no
papermill), so a re-run with nothing changed costs a fraction of a second."""
from __future__ import annotations

import hashlib
import json
import os
import site
import sys
import sysconfig
from functools import lru_cache
from pathlib import Path

from . import params, paths
from .paramsets import Job
from .schema import TABLES

LIB_DIR = Path(__file__).resolve().parent


def _hash_files(files) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(str(f.name).encode() + b"\0")
        h.update(f.read_bytes() if f.exists() else b"(missing)")
    return h.hexdigest()


@lru_cache(maxsize=1)
def lib_hash() -> str:
    return _hash_files(p for p in LIB_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@lru_cache(maxsize=1)
def packages_hash() -> str:
    """Every installed distribution and its version (the dist-info names carry both)."""
    dirs = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
    names = sorted(n for d in dirs if Path(d).is_dir() for n in os.listdir(d)
                   if n.endswith((".dist-info", ".egg-info")))
    return hashlib.sha256((sys.version + "\n" + "\n".join(names)).encode()).hexdigest()


def data_files(notebook: str, data_dir: Path) -> list[Path]:
    """The data files a notebook reads: its declared tables (all tables if undeclared)."""
    spec = params.NOTEBOOKS[notebook]
    tables = spec.tables or tuple(TABLES)
    return [data_dir / TABLES[t].file for t in tables] + [data_dir / f for f in spec.extra_files]


def of(job: Job, notebook_path: Path, data_dir: Path = paths.DATA_DIR) -> str:
    parts = {
        "notebook": _hash_files([notebook_path]),
        "parameters": json.dumps(job.values, sort_keys=True),
        "data": _hash_files(data_files(job.notebook, data_dir)),
        "lib": lib_hash(),
        "packages": packages_hash(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]
