"""What a lesson shows: a chart, a table, or the note shown instead. Each result knows the
source ids behind it, logs them in the notebook's source log when it is made, and displays
exactly once in Jupyter (no trailing `;` needed: a chart's figure is never left open for the
inline backend to show a second time).

    kit.Chart(fig, source_ids, alt="…")    made by the lesson modules' draw_… functions
    kit.Table(frame, source_ids, …)         made by kit.table(frame)
    kit.Note("No events in …")              made where a selection is empty
"""
from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from typing import Any

from . import citations


class Result:
    """Base: source ids, an HTML form, a plain-text form."""

    def _log(self) -> None:
        citations.log.add(self.source_ids)

    def _repr_html_(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.text()}>"

    def text(self) -> str:
        return ""


@dataclass(repr=False)
class Note(Result):
    """A visible note in place of an empty chart or table (or a computed one-line finding)."""
    message: str
    kind: str = "note"     # note: nothing to show; finding: a computed sentence
    source_ids: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        return f'<div class="alliance-{self.kind}">{html.escape(self.message)}</div>'

    def text(self) -> str:
        return self.message

    def _repr_markdown_(self) -> None:  # Jupyter prefers HTML; markdown left to HTML
        return None


@dataclass(repr=False)
class Chart(Result):
    """A finished figure with its sources, its alt text and the rows behind it."""
    figure: Any
    source_ids: tuple[str, ...]
    alt: str = ""
    footer: str = ""                   # the source line, also shown as HTML text
    data: Any = None                   # the rows drawn (a DataFrame), for "data behind"
    name: str = "chart"
    _png: bytes | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.source_ids = tuple(self.source_ids)
        self._log()

    def png(self) -> bytes:
        if self._png is None:
            buf = io.BytesIO()
            self.figure.savefig(buf, format="png")
            self._png = buf.getvalue()
        return self._png

    def _repr_mimebundle_(self, include=None, exclude=None):
        canvas = getattr(self.figure, "canvas", None)
        if _interactive(canvas):  # e.g. %matplotlib widget: show the live figure
            return canvas._repr_mimebundle_(include=include, exclude=exclude)
        return {"text/html": self._repr_html_(), "text/plain": self.alt or "chart"}, \
            {"alliance": {"sources": list(self.source_ids), "chart": self.name}}

    def _repr_html_(self) -> str:
        """The image with its alt text, and its source line as text a reader can select."""
        png = base64.b64encode(self.png()).decode("ascii")
        w, h = (round(x * self.figure.dpi) for x in self.figure.get_size_inches())
        return (f'<figure class="alliance-chart" data-chart="{html.escape(self.name, quote=True)}">'
                f'<img src="data:image/png;base64,{png}" width="{w}" height="{h}" '
                f'alt="{html.escape(self.alt, quote=True)}">'
                f'<figcaption class="alliance-source">{html.escape(self.footer)} '
                f'{self._data_link()}</figcaption></figure>')

    def _data_link(self) -> str:
        if self.data is None or not hasattr(self.data, "to_csv"):
            return ""
        from .tables import csv_link
        return csv_link(self.data, self.name, "chart")

    def text(self) -> str:
        return self.alt


def _interactive(canvas) -> bool:
    return canvas is not None and hasattr(canvas, "_repr_mimebundle_") and \
        type(canvas).__module__.startswith("ipympl")


@dataclass(repr=False)
class Table(Result):
    """A table fit to show: the frame, its sources, a caption and the HTML to display."""
    frame: Any
    source_ids: tuple[str, ...]
    html: str
    caption: str = ""

    def __post_init__(self) -> None:
        self.source_ids = tuple(self.source_ids)
        self._log()

    def _repr_html_(self) -> str:
        return self.html

    def text(self) -> str:
        return f"{len(self.frame)} rows: {', '.join(map(str, self.frame.columns))}"
