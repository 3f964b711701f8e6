"""Validation stamps: a load of data that already passed every check skips re-checking.

A stamp is an empty file named by the hash of the data files' bytes and of the dataset code
(schema, reading, rules), kept in the user's cache folder. It is written only after a full
validation found no error; any change to a CSV or to the rules changes the hash, so stale or
unvalidated data is never served unchecked. Nothing is written into the data folder (it may
be read-only); a cache that cannot be written only costs the time of a full check.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

CODE_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "alliance-notebooks" / "validated"


@lru_cache(maxsize=1)
def code_hash() -> str:
    h = hashlib.sha256()
    for p in sorted(CODE_DIR.rglob("*.py")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def key(files: list[Path]) -> str:
    h = hashlib.sha256(code_hash().encode())
    for f in files:
        h.update(f.name.encode() + b"\0")
        try:
            if not f.is_file():  # a folder or a FIFO: never read (validation names it)
                raise OSError
            h.update(f.read_bytes())
        except OSError:
            h.update(b"(missing)")
    return h.hexdigest()[:32]


def is_valid(k: str) -> bool:
    if os.environ.get("ALLIANCE_NO_STAMP"):
        return False
    return (cache_dir() / k).is_file()


def mark_valid(k: str) -> None:
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        (cache_dir() / k).touch()
    except OSError:
        pass
