"""The dataset layer: the tables' declarations (schema/), reading and cell checks (reading.py),
cross-table rules (rules.py), EDTF dates (edtf.py), problems (problems.py), validation stamps
(stamp.py) and the loaders (loading.py). May import pandas and pandera, the project's errors
and paths; never the lesson kit, the lessons or the renderer.

    >>> from alliance import data
    >>> events = data.load("events")      # or data.events()
    >>> data.TABLE_NAMES
    ('sources', 'entities', 'places', 'events', ...)

Dates are datetime64 (`date_start`, `date_end`), counts nullable integers (Int64),
vocabularies categoricals, id lists Python lists. The whole dataset is validated on first use
(and again only when a file or the rules change); any error raises DataError listing every
problem found, so an analysis never runs on data that breaks the rules. Frames are copies.

Importing this package is cheap: pandas is loaded on the first call that needs it, so the
renderer's quick checks (which read only the schema) stay fast.
"""
from __future__ import annotations

from .. import paths  # noqa: F401 (data.paths, for messages)
from ..errors import DataError  # noqa: F401
from .schema import TABLE_NAMES, TABLES  # noqa: F401

_LOADING = ("load", "load_all", "validate", "errors", "check_files", "data_version", "clear_cache", "known_ids",
            "data_file", "accessed", "accessed_files")
__all__ = ["DataError", "TABLE_NAMES", "TABLES", *_LOADING, *TABLE_NAMES]


def __getattr__(name: str):
    if name in _LOADING or name in TABLE_NAMES:
        from . import loading
        return getattr(loading, name)
    raise AttributeError(f"module 'alliance.data' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
