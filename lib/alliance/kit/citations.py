"""The sources a notebook shows, gathered as it runs, and its generated Sources section."""
from __future__ import annotations

import html
from collections.abc import Iterable


class SourceLog:
    """Source ids in the order the notebook first showed them (figures and tables)."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def add(self, ids: Iterable[str]) -> None:
        for i in ids:
            if i not in self.ids:
                self.ids.append(i)

    def clear(self) -> None:
        self.ids.clear()


log = SourceLog()


def _text(value) -> str:
    return "" if value is None or value != value else str(value)  # NaN/NA -> ""


def source_entry(row) -> str:
    """One source as an HTML list item: title, outlet, date, link, syndication, notes."""
    title = html.escape(_text(row.get("title")))
    url = _text(row.get("url"))
    head = f'<a href="{html.escape(url, quote=True)}">{title}</a>' if url else title
    bits = [b for b in (_text(row.get("publisher")), _text(row.get("date_published"))) if b]
    out = head + (" — " + html.escape(", ".join(bits)) if bits else "")
    if _text(row.get("syndicated_from")):
        out += f" (copy of a {html.escape(_text(row['syndicated_from']))} report)"
    if not url:
        out += f" <em>No URL: {html.escape(_text(row.get('notes')))}</em>"
    return f'<li id="{html.escape(_text(row.get("source_id")), quote=True)}">{out}</li>'


def sources_html(sources, ids: Iterable[str] | None = None) -> str:
    """An ordered list of the given sources (default: everything the notebook has shown)."""
    ids = list(log.ids if ids is None else ids)
    if not ids:
        return "<p>No sourced figures or tables were shown.</p>"
    table = sources.set_index("source_id", drop=False)
    items = [source_entry(table.loc[i].to_dict()) for i in ids if i in table.index]
    return "<ol class='alliance-sources'>\n" + "\n".join(items) + "\n</ol>"


def show_sources(sources, ids: Iterable[str] | None = None):
    """Display the Sources section in a notebook."""
    from IPython.display import HTML
    return HTML(sources_html(sources, ids))
