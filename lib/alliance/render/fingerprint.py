"""What produced a report: a hash of the normalised notebook, its parameters, the data files it
reads, the library source and the installed package versions. Cheap (no pandas, no papermill),
so a re-run with nothing changed costs a fraction of a second.

The notebook is normalised as jupyter-cache does: only what changes the output counts (each
cell's type, source and tags, and the notebook's kernel and language), not cell ids,
execution counts, outputs, kernelspec display names or nbformat_minor. Re-saving a notebook in
JupyterLab does not rebuild its reports; editing a cell does.

Files are re-read only when they may have changed (`HashCache`, kept in the build's
bookkeeping folder): as git's index does, a file whose size, mtime, ctime and inode all match
the record keeps its recorded hash, and a file changed in the same moment as it was recorded
is always re-read.
"""
from __future__ import annotations

import hashlib
import json
import os
import site
import stat
import sys
import sysconfig
import time
from functools import lru_cache
from pathlib import Path

from .. import paths
from .jobs import Job

LIB_DIR = Path(__file__).resolve().parents[1]
# A file modified this close (in ns) to the moment its hash was recorded may change again
# within the same timestamp tick, keeping its mtime; such records are never trusted (git calls
# them "racy"). Linux stamps files from a coarse clock (a tick of 1-10 ms): 50 ms covers it.
# A file whose mtime is a whole second lives on a coarse filesystem (FAT: 2 s, ext3: 1 s).
RACY_NS = 50_000_000
RACY_COARSE_NS = 2_000_000_000
VERSION = 1  # bump when what is recorded changes


class HashCache:
    """sha256 digests of files, keyed by path, re-computed only when the file's stat changed.

    `path=None` keeps nothing between runs (every file is read). The record is written by
    `save()`, atomically, only if something new was computed.
    """

    def __init__(self, path: Path | None = None):
        self.path = path
        self.entries: dict[str, list] = {}
        self.dirty = False
        if path is not None:
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
                if doc.get("version") == VERSION:
                    self.entries = doc["files"]
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                pass  # no record or an unreadable one: everything is hashed afresh

    def digest(self, f: Path, kind: str = "bytes", compute=None) -> str:
        """The digest of file `f` (`compute(raw_bytes)`, sha256 by default); "(missing)" for
        anything that is not a readable regular file (a folder or a FIFO is never read)."""
        try:
            st = os.stat(f)
        except OSError:
            return "(missing)"
        if not stat.S_ISREG(st.st_mode):
            return "(missing)"
        key = f"{kind}:{os.path.abspath(f)}"
        sig = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        entry = self.entries.get(key)
        racy = RACY_COARSE_NS if st.st_mtime_ns % 1_000_000_000 == 0 else RACY_NS
        if entry is not None and entry[0] == sig and st.st_mtime_ns < entry[1] - racy:
            return entry[2]
        recorded = time.time_ns()
        try:
            raw = Path(f).read_bytes()
        except OSError:
            return "(missing)"
        value = compute(raw) if compute else hashlib.sha256(raw).hexdigest()
        self.entries[key] = [sig, recorded, value]
        self.dirty = True
        return value

    def save(self, write) -> None:
        """Record what was computed, through `write(path, text)` (the store's atomic write)."""
        if self.path is not None and self.dirty:
            write(self.path, json.dumps({"version": VERSION, "files": self.entries}))
            self.dirty = False


def _hash_files(files, cache: HashCache) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(str(f.name).encode() + b"\0" + cache.digest(f).encode() + b"\0")
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


def _normalised_hash(raw: bytes) -> str:
    try:
        norm = normalised_notebook(raw)
    except ValueError:
        return "(unreadable)"  # the run itself reports the broken file
    return hashlib.sha256(json.dumps(norm, sort_keys=True).encode()).hexdigest()


def notebook_hash(path: Path, cache: HashCache | None = None) -> str:
    return (cache or HashCache()).digest(path, "notebook", _normalised_hash)


def lib_files() -> list[Path]:
    return sorted(p for p in LIB_DIR.rglob("*") if "__pycache__" not in p.parts and p.is_file())


def lib_hash(cache: HashCache | None = None) -> str:
    cache = cache or HashCache()
    h = hashlib.sha256()
    for p in lib_files():
        h.update(p.relative_to(LIB_DIR).as_posix().encode() + b"\0" + cache.digest(p).encode() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def packages_hash() -> str:
    """Every installed distribution and its version (the dist-info names carry both)."""
    dirs = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
    names = sorted(n for d in dirs if Path(d).is_dir() for n in os.listdir(d)
                   if n.endswith((".dist-info", ".egg-info")))
    return hashlib.sha256((sys.version + "\n" + "\n".join(names)).encode()).hexdigest()


def data_files(job: Job, data_dir: Path) -> list[Path]:
    """The data files the job's lesson reads (`Job.reads`, from the catalogue)."""
    return [data_dir / f for f in job.reads]


def of(job: Job, notebook_path: Path, data_dir: Path = paths.DATA_DIR,
       cache: HashCache | None = None, lib: str | None = None) -> str:
    """The fingerprint of one job. Pass one `cache` (and the `lib` hash) for many jobs."""
    cache = cache or HashCache()
    parts = {
        "notebook": notebook_hash(notebook_path, cache),
        "parameters": json.dumps(job.values, sort_keys=True),
        "data": _hash_files(data_files(job, data_dir), cache),
        "lib": lib or lib_hash(cache),
        "packages": packages_hash(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]
