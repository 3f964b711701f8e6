"""Load the curated tables: one call per table, typed, checked and cached per process.

    >>> from alliance import data
    >>> events = data.load("events")      # or data.events()
    >>> data.TABLE_NAMES
    ('sources', 'entities', 'places', 'events', ...)

Dates are datetime64 (`date_start`, `date_end`), counts nullable integers (Int64),
vocabularies categoricals, id lists Python lists. The whole dataset is validated on first use
and again only when a file changes; any problem raises DataError listing every problem found, so an
analysis never runs on data that breaks the rules. Frames are copies: changing one does
not change what the next call returns.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from .checks import cross_table_problems
from .problems import DataError, Problem
from .reading import ParsedTable, parse_table
from .schema import TABLE_NAMES, TABLES

__all__ = ["load", "load_all", "validate", "DataError", "TABLE_NAMES", "data_version"] + list(TABLE_NAMES)


# Tables loaded in this process, by name: tests compare it with what each notebook declares
# (the report runner re-runs a notebook when a declared table changes).
accessed: set[str] = set()


def _dir(data_dir: str | Path | None) -> Path:
    return Path(data_dir) if data_dir is not None else paths.DATA_DIR


def _stamp(data_dir: Path) -> tuple:
    """Size and modification time of every table file: part of the cache key, so a CSV
    edited during a session is read again on the next call."""
    out = []
    for name in TABLE_NAMES:
        try:
            st = (data_dir / TABLES[name].file).stat()
            out.append((st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            out.append(None)
    return tuple(out)


def _parsed(data_dir: Path) -> tuple[dict[str, ParsedTable], tuple[Problem, ...]]:
    data_dir = data_dir.resolve()
    return _parsed_cached(data_dir, _stamp(data_dir))


@lru_cache(maxsize=8)
def _parsed_cached(data_dir: Path, stamp: tuple) -> tuple[dict[str, ParsedTable], tuple[Problem, ...]]:
    tables = {name: parse_table(TABLES[name], data_dir) for name in TABLE_NAMES}
    problems = [p for t in tables.values() for p in t.problems] + cross_table_problems(tables)
    return tables, tuple(sorted(set(problems)))


def validate(data_dir: str | Path | None = None) -> list[Problem]:
    """Every problem in the dataset, one per bad cell/row, sorted by file and line."""
    return list(_parsed(_dir(data_dir))[1])


def load(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One table as a typed DataFrame. Raises DataError if anything in the dataset is wrong."""
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r}; the tables are: {', '.join(TABLE_NAMES)}")
    tables, problems = _parsed(_dir(data_dir))
    if problems:
        raise DataError(list(problems))
    accessed.add(name)
    return tables[name].frame.copy()


def load_all(data_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    return {name: load(name, data_dir) for name in TABLE_NAMES}


def data_version(data_dir: str | Path | None = None) -> str:
    """A short content hash of the data files: changes whenever any table changes."""
    import hashlib
    h = hashlib.sha256()
    for name in TABLE_NAMES:
        path = _dir(data_dir) / TABLES[name].file
        h.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
    return h.hexdigest()[:12]


def clear_cache() -> None:
    """Forget loaded tables (after editing the CSVs in a running session)."""
    _parsed_cached.cache_clear()


def _loader(name: str):
    def f(data_dir: str | Path | None = None) -> pd.DataFrame:
        return load(name, data_dir)
    f.__name__ = name
    f.__doc__ = f"The {name} table: {TABLES[name].description}"
    return f


for _name in TABLE_NAMES:
    globals()[_name] = _loader(_name)
