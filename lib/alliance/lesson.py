"""What every lesson notebook calls: start (check parameters, reset the source log, apply
the house style), show tables with their sources, a note when a selection is empty, and the
generated Sources section at the end."""
from __future__ import annotations

import html
from types import SimpleNamespace

import pandas as pd

from . import cite, params, plots


def start(notebook: str, **values) -> SimpleNamespace:
    """The cell after `parameters`: checks the values and prepares the notebook."""
    p = params.check(notebook, **values)
    params.check_refs(notebook, vars(p), known_ids())
    cite.log.clear()
    plots.use_style()
    return p


def known_ids(data_dir=None) -> dict[str, set[str]]:
    """The ids parameters may refer to, by table."""
    from . import data
    return {"entities": set(data.entities(data_dir)["entity_id"]),
            "sources": set(data.sources(data_dir)["source_id"])}


def table(frame: pd.DataFrame, rows: pd.DataFrame | None = None, columns=("source_id",)):
    """Show a table and log the sources of the rows behind it (default: the table itself).
    An empty selection shows its note instead of an empty table."""
    rows = frame if rows is None else rows
    if rows.empty or frame.empty:
        return nothing_to_show(rows)
    cite.log.add(plots.source_ids(rows, columns))
    return frame


def nothing_to_show(rows: pd.DataFrame, default: str = "Nothing to show for this selection."):
    """What to say instead of an empty chart or table. A selection that is itself empty
    carries its own note (set where it was selected, naming the parameters); a narrower
    subset of a non-empty selection inherits that note in pandas' attrs but gets `default`."""
    if rows.attrs.get("selected_rows", 1) == 0 and "empty_note" in rows.attrs:
        return note(rows.attrs["empty_note"])
    return note(default)


def note(text: str):
    """A visible note in the notebook and the report (e.g. 'no events between ...')."""
    from IPython.display import HTML
    return HTML(f'<div class="alliance-note" style="border-left:4px solid #e6a700;'
                f'padding:0.4em 0.8em;background:#fff8e1">{html.escape(text)}</div>')


def sources(sources_frame: pd.DataFrame):
    """The generated Sources section: every source behind the figures and tables shown."""
    return cite.show_sources(sources_frame)
