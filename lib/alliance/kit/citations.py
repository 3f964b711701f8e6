"""The sources a notebook shows, gathered as it runs, and its generated Sources section."""
from __future__ import annotations

import html
import re
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


# Spellings of the same outlet (in syndicated_from or publisher), and the name a reader
# expects: a source line counts an outlet once, whichever edition or spelling was read.
OUTLET_NAMES = {"Associated Press": "AP", "Yonhap News Agency": "Yonhap",
                "Agence France-Presse": "AFP", "Reuters News": "Reuters",
                "Sputnik International": "Sputnik", "Sputnik India": "Sputnik",
                "Wikipedia (English)": "Wikipedia", "Wikipedia (Simple English)": "Wikipedia"}
# A publisher that is a bare host of this kind is a mirror, a proxy, a staging or test copy,
# or an address: never shown as the name of a source.
_DOUBTFUL_HOST = re.compile(
    r"^(\d{1,3}(\.\d{1,3}){3}(:\d+)?|.*\b(staging|stage|test|dev|proxy|mirror|origin|cache|"
    r"amp-cdn|wiki(?!pedia)|abcdef|clateway|translate\.goog)\b.*)$", re.IGNORECASE)


def original_outlet(row) -> str:
    """The outlet whose report a source is (its syndicated_from), in one spelling."""
    name = _text(row.get("syndicated_from")).strip()
    return OUTLET_NAMES.get(name, name)


def is_doubtful_host(publisher: str) -> bool:
    return bool(publisher) and " " not in publisher and bool(_DOUBTFUL_HOST.match(publisher))


def reader_name(row) -> str:
    """Who a reader should see as the source: the original outlet for a copy, else the
    publisher, never a mirror's, proxy's or staging host's name."""
    original = original_outlet(row)
    if original:
        return original
    publisher = _publisher(row)
    if publisher and not is_doubtful_host(publisher):
        return publisher
    return "an unattributed web copy"


def _publisher(row) -> str:
    name = _text(row.get("publisher")).strip()
    return OUTLET_NAMES.get(name, name)


def read_at(row) -> str:
    """Where we read it, when that differs from the name shown ('' otherwise)."""
    publisher = _publisher(row)
    name = reader_name(row)
    if not publisher or publisher == name:
        return ""
    return "a copy" if is_doubtful_host(publisher) else publisher


def attribution(row) -> str:
    """'Yonhap, read at KBS World' / 'Reuters' / 'TASS, read at a copy'."""
    where = read_at(row)
    return reader_name(row) + (f", read at {where}" if where else "")


def source_entry(row) -> str:
    """One source as an HTML list item: title (linked to the copy we read), who published it
    (the original outlet first), date, and the reason when there is no URL."""
    title = html.escape(_text(row.get("title")))
    url = _text(row.get("url"))
    head = f'<a href="{html.escape(url, quote=True)}">{title}</a>' if url else title
    bits = [attribution(row)]
    if _text(row.get("date_published")):
        bits.append(_text(row.get("date_published")))
    out = head + " — " + html.escape(", ".join(bits))
    if not url:
        out += f" <em>{html.escape(no_url(row.get('notes')))}</em>"
    return f'<li id="{html.escape(_text(row.get("source_id")), quote=True)}">{out}</li>'


def sources_html(sources, ids: Iterable[str] | None = None) -> str:
    """An ordered list of the given sources (default: everything the notebook has shown)."""
    ids = list(log.ids if ids is None else ids)
    if not ids:
        return "<p>No sourced figures or tables were shown.</p>"
    items = [source_entry(row) for row in _rows(sources, ids)]
    return "<ol class='alliance-sources'>\n" + "\n".join(items) + "\n</ol>"


def show_sources(sources, ids: Iterable[str] | None = None):
    """The Sources section in a notebook (a kit result: displays once, as HTML)."""
    from .results import Table
    ids = list(log.ids if ids is None else ids)
    return Table(sources[sources["source_id"].isin(ids)], (), sources_html(sources, ids),
                 "Sources")


def _rows(sources, ids) -> list[dict]:
    """The sources rows of these ids, in their order (repeats kept, unknown ids dropped), as
    dicts: one lookup for all (row by row, pandas took a second per lesson)."""
    by_id = {r["source_id"]: r for r in sources.to_dict("records")}
    return [by_id[i] for i in ids if i in by_id]


def outlet_counts(ids: list[str], sources) -> list[tuple[str, int]]:
    """The outlets behind these sources (original outlets first: the name a reader expects),
    most documents first."""
    names = [reader_name(row) for row in _rows(sources, ids)]
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def source_line(ids: list[str], sources, who: list[str] = (), limit: int = 240) -> str:
    """'Figures by NIS, HUR. Source: Yonhap (3); Reuters; … (N documents, listed under Sources).'"""
    parts = [f"{o} ({n})" if n > 1 else o for o, n in outlet_counts(ids, sources)]
    shown, length = [], 0
    for part in parts:
        if length + len(part) > limit and shown:
            break
        shown.append(part)
        length += len(part) + 2
    rest = len(parts) - len(shown)
    text = ""
    if who:
        text = "Figures by " + ", ".join(who) + ". "
    text += "Source: " + "; ".join(shown) + (f"; and {rest} more outlets" if rest else "")
    n = len(ids)
    return text + f" ({n} document{'s' if n != 1 else ''}, listed under Sources)."


def no_url(notes) -> str:
    """'No URL: <why>', from a source's notes (which may already start so)."""
    why = _text(notes)
    return why if why.lower().startswith("no url") else f"No URL: {why}"
