"""What produced a report: a hash of the normalised notebook, its parameters, the data files it
reads, the library source and the installed package versions. Cheap (no pandas, no papermill),
so a re-run with nothing changed costs a fraction of a second.

The notebook is normalised as jupyter-cache does: only what changes the output counts (each
cell's type, source and tags, and the notebook's kernel and language), not cell ids,
execution counts, outputs, kernelspec display names or nbformat_minor. Re-saving a notebook in
JupyterLab does not rebuild its reports; editing a cell does.
"""
from __future__ import annotations

import hashlib
import json
import os
import site
import sys
import sysconfig
from functools import lru_cache
from pathlib import Path

from .. import catalogue, paths
from ..data.schema import TABLES
from .jobs import Job

LIB_DIR = Path(__file__).resolve().parents[1]


def _hash_files(files) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(str(f.name).encode() + b"\0")
        try:
            if not f.is_file():  # a folder or a FIFO: never read (validation names it)
                raise OSError
            h.update(f.read_bytes())
        except OSError:
            h.update(b"(missing)")
    return h.hexdigest()


def normalised_notebook(raw: bytes) -> dict:
    """The parts of a notebook that change what executing it produces."""
    nb = json.loads(raw)
    meta = nb.get("metadata", {})
    return {
        "kernel": meta.get("kernelspec", {}).get("name"),
        "language": meta.get("language_info", {}).get("name") or meta.get("kernelspec", {}).get("language"),
        "cells": [
            {"type": c.get("cell_type"),
             "source": "".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", ""),
             "tags": sorted(c.get("metadata", {}).get("tags", []))}
            for c in nb.get("cells", [])
        ],
    }


def notebook_hash(path: Path) -> str:
    try:
        norm = normalised_notebook(path.read_bytes())
    except (OSError, ValueError):
        return "(unreadable)"  # the run itself reports the broken file
    return hashlib.sha256(json.dumps(norm, sort_keys=True).encode()).hexdigest()


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
    """The data files a lesson reads: its declared tables (all if undeclared) and files."""
    lesson = catalogue.LESSONS[notebook]
    tables = lesson.tables or tuple(TABLES)
    return [data_dir / TABLES[t].file for t in tables] + [data_dir / f for f in lesson.files]


def of(job: Job, notebook_path: Path, data_dir: Path = paths.DATA_DIR) -> str:
    parts = {
        "notebook": notebook_hash(notebook_path),
        "parameters": json.dumps(job.values, sort_keys=True),
        "data": _hash_files(data_files(job.notebook, data_dir)),
        "lib": lib_hash(),
        "packages": packages_hash(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]
