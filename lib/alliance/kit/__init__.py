"""The lesson kit: what every lesson notebook calls. May import the dataset layer, the
catalogue and params; never the renderer.

    p = kit.start("01_timeline", start=start, ...)   # check parameters, reset the source log
    kit.table(frame)                                  # a Table result: sources from its rows
    kit.note("…")                                     # a visible note
    kit.sources(sources)                              # the generated Sources section

Charts come from the lesson modules (`alliance.lessons.*`) as `kit.Chart` results.
"""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from .. import catalogue, params
from ..errors import NoSourcesError, ParameterError
from . import citations, style
from .results import Chart, Note, Result, Table
from .tables import show_table

__all__ = ["start", "table", "note", "nothing_to_show", "sources", "Chart", "Note", "Result",
           "Table", "source_ids_of", "carry", "finding"]

# columns that hold the sources of a row, in the order a table's ids are gathered
SOURCE_COLUMNS = ("source_id", "source_ids", "evidence_source_ids")


def start(notebook: str, **values) -> SimpleNamespace:
    """The cell after `parameters`: checks the values and prepares the notebook."""
    from .. import data
    lesson = catalogue.lesson(notebook)
    checked = lesson.validate(values)
    try:
        params.check_refs(lesson.params, checked, data.known_ids())
    except ParameterError as err:
        raise err.within(notebook=notebook) from None
    citations.log.clear()
    from . import tables
    tables.new_page()  # table ids count from here: a lesson's page is the same in any kernel
    style.use_style()
    return SimpleNamespace(notebook=notebook, **checked)


def carry(out: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Give a derived frame (counts, a pivot, a comparison) the sources of the rows it was
    computed from, so that showing it needs no restating of those rows."""
    try:
        out.attrs["source_ids"] = source_ids_of(rows) if not rows.empty else []
    except NoSourcesError:
        pass  # rows without sources give a frame without sources: showing it will refuse
    for key in ("empty_note", "selected_rows"):
        if key in rows.attrs:
            out.attrs[key] = rows.attrs[key]
    return out


def source_ids_of(frame: pd.DataFrame) -> list[str]:
    """Every source id behind a frame: from its source columns, else from what carry() gave it."""
    columns = [c for c in SOURCE_COLUMNS if c in frame.columns]
    if columns:
        return style.source_ids(frame, columns)
    if "source_ids" in frame.attrs:
        return list(frame.attrs["source_ids"])
    raise NoSourcesError("the table has no source column and carries no sources",
                         allowed="a source_id column, or a frame made with kit.carry(out, rows)")


def table(frame: pd.DataFrame, caption: str = "", **format_options) -> Result:
    """Show a table with the sources of its rows; an empty selection shows its note."""
    if frame.empty:
        return nothing_to_show(frame)
    return show_table(frame, source_ids_of(frame), caption=caption, **format_options)


def nothing_to_show(rows: pd.DataFrame, default: str = "Nothing to show for this selection.") -> Note:
    """What to say instead of an empty chart or table. A selection that is itself empty
    carries its own note (set where it was selected, naming the parameters); a narrower
    subset of a non-empty selection inherits that note in pandas' attrs but gets `default`."""
    if rows.attrs.get("selected_rows", 1) == 0 and "empty_note" in rows.attrs:
        return Note(rows.attrs["empty_note"])
    return Note(default)


def note(text: str, kind: str = "note") -> Note:
    """A visible note in the notebook and the report (e.g. 'no events between ...')."""
    return Note(text, kind)


def finding(text: str) -> Note:
    """A computed sentence about what the page shows (the index card shows a lesson's first)."""
    return Note(text, "finding")


def sources(sources_frame: pd.DataFrame):
    """The generated Sources section: every source behind the figures and tables shown."""
    return citations.show_sources(sources_frame)
