"""Tables as a reader sees them: no index, every cell escaped, full text, and a source line
built from the rows shown."""
from __future__ import annotations

import html

import pandas as pd

from .results import Table


def show_table(frame: pd.DataFrame, source_ids, caption: str = "") -> Table:
    body = frame.to_html(index=False, escape=True, na_rep="—", border=0,
                         classes="alliance-table")
    n = len(source_ids)
    note = f'<p class="alliance-source">Sources: {n} document{"s" if n != 1 else ""}, listed under Sources.</p>'
    cap = f"<p class='alliance-caption'>{html.escape(caption)}</p>" if caption else ""
    return Table(frame, source_ids, cap + body + note, caption)
