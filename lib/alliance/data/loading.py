"""Loading: one call per table, typed, checked and cached per process.

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

from .. import paths
from .rules import cross_table_problems
from ..errors import DataError
from .problems import Problem
from . import stamp as _stamp_mod
from .reading import ParsedTable, parse_table
from .schema import TABLE_NAMES, TABLES

__all__ = ["load", "load_all", "validate", "check_files", "DataError", "TABLE_NAMES", "data_version", "known_ids"] + list(TABLE_NAMES)


# Tables loaded and other data files read in this process: tests compare them with what each
# lesson declares in the catalogue (the renderer re-runs a lesson when a declared file changes).
accessed: set[str] = set()
accessed_files: set[str] = set()


def data_file(relative: str, data_dir: str | Path | None = None) -> Path:
    """A non-table file under the data folder (a basemap), recorded as read."""
    accessed_files.add(relative)
    return _dir(data_dir) / relative


def known_ids(data_dir: str | Path | None = None) -> dict[str, set[str]]:
    """The ids parameters may refer to, by table (checked before a lesson or a render runs)."""
    return {"entities": set(load("entities", data_dir)["entity_id"]),
            "sources": set(load("sources", data_dir)["source_id"])}


def _dir(data_dir: str | Path | None) -> Path:
    # paths.data_dir() fails fast, naming ALLIANCE_DATA_DIR, when there is no data folder
    return Path(data_dir) if data_dir is not None else paths.data_dir()


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


def _parsed(data_dir: Path, full: bool = True) -> tuple[dict[str, ParsedTable], tuple[Problem, ...]]:
    data_dir = data_dir.resolve()
    key = _stamp(data_dir)
    if full:
        _FULL_DONE.add((data_dir, key))
    elif (data_dir, key) in _FULL_DONE:  # a full check already in memory serves a load too
        full = True
    return _parsed_cached(data_dir, key, full)


_FULL_DONE: set = set()


@lru_cache(maxsize=8)
def _parsed_cached(data_dir: Path, stamp: tuple, full: bool = True) -> tuple[dict[str, ParsedTable], tuple[Problem, ...]]:
    files = [data_dir / TABLES[name].file for name in TABLE_NAMES]
    k = _stamp_mod.key(files)
    if not full and _stamp_mod.is_valid(k):
        # this exact data passed every check with this exact code: type it, skip the checks
        tables = {name: parse_table(TABLES[name], data_dir, check=False) for name in TABLE_NAMES}
        return tables, ()
    tables = {name: parse_table(TABLES[name], data_dir) for name in TABLE_NAMES}
    problems = [p for t in tables.values() for p in t.problems]
    incomplete = [t for t in tables.values() if t.incomplete]
    # rows are missing from an incomplete file: rules across tables would report every
    # reference to them as dangling and bury the cause; they run once every file reads whole
    if not incomplete:
        problems += cross_table_problems(tables)
    problems = tuple(sorted(set(problems)))
    if not any(p.severity == "error" for p in problems):
        _stamp_mod.mark_valid(k)
    return tables, problems


def validate(data_dir: str | Path | None = None) -> list[Problem]:
    """Every problem in the dataset, one per bad cell/row, sorted by file and line (always a
    full check, stamp or not)."""
    return list(_parsed(_dir(data_dir))[1])


def errors(data_dir: str | Path | None = None) -> list[Problem]:
    """The dataset's errors (not its warnings): none when these exact bytes passed a full
    check with this exact code (the validation stamp a load trusts), else a full check's."""
    return [p for p in _parsed(_dir(data_dir), full=False)[1] if p.severity == "error"]


def check_files(relatives, data_dir: str | Path | None = None) -> list[Problem]:
    """The non-table files lessons read (basemaps: catalogue Lesson.files), each checked."""
    from .reading import check_data_file
    return sorted(p for rel in sorted(set(relatives)) for p in check_data_file(_dir(data_dir) / rel))


def load(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One table as a typed DataFrame. Raises DataError if anything in the dataset is wrong."""
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r}; the tables are: {', '.join(TABLE_NAMES)}")
    tables, problems = _parsed(_dir(data_dir), full=False)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    accessed.add(name)
    return tables[name].frame.copy()


def load_all(data_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    return {name: load(name, data_dir) for name in TABLE_NAMES}


def data_version(data_dir: str | Path | None = None) -> str:
    """A short content hash of the data files: changes whenever any table changes."""
    from .package import data_version as version_of  # one definition, also in datapackage.json
    return version_of(_dir(data_dir))


def clear_cache() -> None:
    """Forget loaded tables (after editing the CSVs in a running session)."""
    _parsed_cached.cache_clear()
    _FULL_DONE.clear()


def _loader(name: str):
    def f(data_dir: str | Path | None = None) -> pd.DataFrame:
        return load(name, data_dir)
    f.__name__ = name
    f.__doc__ = f"The {name} table: {TABLES[name].description}"
    return f


for _name in TABLE_NAMES:
    globals()[_name] = _loader(_name)
