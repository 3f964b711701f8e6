"""Tables as a newspaper prints them, through great_tables: human column labels, no index,
numbers with thousands separators, dates at their precision ("Oct 2024", "19–20 Jun 2024"),
full text (never cut), ids shown as names, sources as linked names, missing values as "—",
a source line built from the rows shown, a CSV of those rows to download, and long tables
folded into a <details> element instead of scrolling forever."""
from __future__ import annotations

import base64
import calendar
import datetime as dt
import html
import re

import pandas as pd

from . import citations
from .results import Table

LONG = 12           # rows above which a table is folded (its first rows stay visible)
LABELS = {          # column -> label, where "the column name with spaces" is not enough
    "source_id": "Source", "source_ids": "Sources", "evidence_source_ids": "Evidence",
    "article_no": "Article", "reporter_iso3": "Reporter", "partner_iso3": "Partner",
    "voter_label": "Member", "claim_reviewed": "Claim", "rating_explanation": "Why",
    "event_type": "Type", "claim_id": "Claim id",
}
COUNTRIES = {"RUS": "Russia", "PRK": "North Korea", "CHN": "China", "KOR": "South Korea",
             "UKR": "Ukraine", "USA": "United States", "GBR": "United Kingdom", "JPN": "Japan"}
_MONTHS = [calendar.month_abbr[m] for m in range(13)]


def label(column: str) -> str:
    if column in LABELS:
        return LABELS[column]
    text = re.sub(r"_(id|iso3)$", "", column).replace("_", " ")
    return text[:1].upper() + text[1:]


def _day(d: dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month]} {d.year}"


def edtf_label(value: str) -> str:
    """An EDTF date as a reader reads it: '2024', 'Oct 2024', '19 Jun 2024', '19–20 Jun 2024',
    'Sep 2023 – Mar 2025', 'from Apr 2025'; '~' and '?' become 'about' and '(uncertain)'."""
    if not isinstance(value, str) or not value:
        return "—"
    from ..data import edtf
    text = value.strip()
    approx = "about " if "~" in text or "%" in text else ""
    doubt = " (uncertain)" if "?" in text or "%" in text else ""
    clean = text.replace("~", "").replace("?", "").replace("%", "")

    def one(part: str) -> str:
        bits = part.split("-")
        if len(bits) == 1:
            return bits[0]
        if len(bits) == 2:
            return f"{_MONTHS[int(bits[1])]} {bits[0]}"
        return _day(dt.date(int(bits[0]), int(bits[1]), int(bits[2])))
    try:
        if "/" not in clean:
            return approx + one(clean) + doubt
        left, right = clean.split("/", 1)
        if right in ("", ".."):
            return f"{approx}from {one(left)}{doubt}"
        if left in ("", ".."):
            return f"{approx}until {one(right)}{doubt}"
        a, b = left.split("-"), right.split("-")
        if len(a) == len(b) == 3 and a[:2] == b[:2]:                # 19–20 Jun 2024
            return f"{approx}{int(a[2])}–{int(b[2])} {_MONTHS[int(a[1])]} {a[0]}{doubt}"
        if len(a) == len(b) == 3 and a[0] == b[0]:                  # 28 Jun – 2 Jul 2024
            return f"{approx}{int(a[2])} {_MONTHS[int(a[1])]} – {_day(edtf.parse(right)[1])}{doubt}"
        return f"{approx}{one(left)} – {one(right)}{doubt}"
    except (ValueError, IndexError):
        return text


_ID_TABLES = {"ent": ("entities", "entity_id", "name"), "plc": ("places", "place_id", "name"),
              "evt": ("events", "event_id", "title")}


def _names_for(values) -> dict[str, str]:
    """Readable names for the ids among these values, reading only the tables they point to
    (a lesson declares what it reads; a table must not make it read more)."""
    from .. import data
    prefixes = {v.split("_", 1)[0] for v in values if _is_id(v)}
    names: dict[str, str] = {}
    for prefix in prefixes & set(_ID_TABLES):
        table, key, col = _ID_TABLES[prefix]
        frame = data.load(table)
        names.update(zip(frame[key], frame[col]))
    return names


def id_words(identifier: str) -> str:
    """A vocabulary or table id as prose: 'mutual_defense' -> 'mutual defence' (ids keep US
    spelling; the pages write British)."""
    return str(identifier).replace("_", " ").replace("defense", "defence")


def names_of(ids) -> dict[str, str]:
    """Readable names for entity, place and event ids (what the tables show for them)."""
    return _names_for(list(ids))


def _sources():
    from .. import data
    return data.sources().set_index("source_id")


def _source_link(sid: str, sources) -> str:
    if sid not in sources.index:
        return html.escape(sid)
    row = sources.loc[sid].to_dict()
    name = html.escape(citations.attribution(row))
    title = html.escape(str(row.get("title") or ""), quote=True)
    url = row.get("url")
    if isinstance(url, str) and url:
        return f'<a href="{html.escape(url, quote=True)}" title="{title}">{name}</a>'
    return f'<span title="{title}">{name}</span>'


def _is_id(value) -> bool:
    return isinstance(value, str) and bool(re.match(r"^(ent|plc|evt|src|clm)_[a-z0-9]", value))


def presentable(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The frame as text a reader can read, and which of its columns hold HTML (links)."""
    sources = _sources()
    flat = [x for col in frame.columns for v in frame[col]
            for x in (v if isinstance(v, (list, tuple)) else [v]) if isinstance(x, str)]
    names = _names_for(flat)
    out = pd.DataFrame(index=range(len(frame)))
    html_columns = []
    for col in frame.columns:
        values = list(frame[col])
        if col in ("source_id", "source_ids", "evidence_source_ids", "article_source_id"):
            def links(v):
                items = v if isinstance(v, list) else ([] if pd.isna(v) else [v])
                return "; ".join(_source_link(i, sources) for i in items) or "—"
            out[label(col)] = [links(v) for v in values]
            html_columns.append(label(col))
            continue
        series = frame[col]
        if col in ("theme", "topic"):
            from .style import THEME_LABELS  # a theme reads as the timeline's lanes name it
            out[label(col)] = [None if v is None or (not isinstance(v, str) and pd.isna(v)) else
                               THEME_LABELS.get(str(v), str(v).replace("_", " ")) for v in values]
            continue
        if col == "date" or col.endswith("_date") and series.dtype == object:
            shown = [edtf_label(v) if isinstance(v, str) else v for v in values]
        elif pd.api.types.is_datetime64_any_dtype(series):
            shown = [_day(v.date()) if not pd.isna(v) else None for v in values]
        elif col.endswith("iso3"):
            shown = [COUNTRIES.get(v, v) if isinstance(v, str) else None for v in values]
        elif pd.api.types.is_bool_dtype(series):
            shown = [None if pd.isna(v) else ("yes" if v else "no") for v in values]
        elif isinstance(series.dtype, pd.CategoricalDtype):
            shown = [None if pd.isna(v) else str(v).replace("_", " ") for v in values]
        elif pd.api.types.is_numeric_dtype(series) and (col == "year" or col.endswith("_year")):
            shown = [None if pd.isna(v) else str(int(v)) for v in values]  # 2024, not 2,024
        elif pd.api.types.is_numeric_dtype(series):
            places = max((_decimals(v) for v in values if not pd.isna(v)), default=0)
            shown = [None if pd.isna(v) else _number(v, places) for v in values]
        else:
            shown = []
            for v in values:
                if isinstance(v, (list, tuple)):
                    shown.append("; ".join(names.get(x, str(x)).replace("_", " ") for x in v) or None)
                elif _is_id(v):
                    shown.append(names.get(v, v))
                elif v is None or (not isinstance(v, str) and pd.isna(v)):
                    shown.append(None)
                else:
                    shown.append(str(v))
        out[label(col)] = shown
    return out, html_columns


def _decimals(v) -> int:
    """Decimals a number needs to be shown (at most 2)."""
    text = f"{float(v):.2f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _number(v, places: int | None = None) -> str:
    """A number with thousands separators; `places` decimals (the column's), else as few as it
    needs (at most 2): 1.00 beside 0.32, not 1."""
    f = float(v)
    if places is None:
        places = _decimals(f)
    return f"{f:,.{places}f}" if places else f"{round(f):,}"


def csv_link(frame: pd.DataFrame, name: str, what: str = "table") -> str:
    """A link to download the rows shown (with their source ids) as CSV, inline, so it works
    offline and in a notebook alike."""
    data = frame.copy()
    for col in data.columns:
        if data[col].map(lambda v: isinstance(v, list)).any():
            data[col] = data[col].map(lambda v: ";".join(map(str, v)) if isinstance(v, list) else v)
    payload = base64.b64encode(data.to_csv(index=False).encode("utf-8")).decode("ascii")
    safe = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-") or what
    return (f'<a class="alliance-data" download="{safe}.csv" '
            f'href="data:text/csv;base64,{payload}">Data behind this {what} (CSV, '
            f'{len(frame)} row{"s" if len(frame) != 1 else ""})</a>')


_IDS_SHOWN: dict[str, int] = {}


def new_page() -> None:
    """Forget the tables shown so far (kit.start calls this for each lesson)."""
    _IDS_SHOWN.clear()


def table_id(view: pd.DataFrame, caption: str) -> str:
    """A stable HTML id for a table (great_tables draws a random one): the same rows give the
    same page on every run, so an unchanged report is byte-for-byte the same (and its PDF
    handout is not typeset again). A table shown again in the same session gets a suffix."""
    import hashlib
    digest = hashlib.sha256((caption + "\0" + view.to_csv()).encode("utf-8")).hexdigest()[:10]
    _IDS_SHOWN[digest] = _IDS_SHOWN.get(digest, 0) + 1
    return f"t{digest}" + (f"-{_IDS_SHOWN[digest]}" if _IDS_SHOWN[digest] > 1 else "")


def show_table(frame: pd.DataFrame, source_ids, caption: str = "", name: str = "table") -> Table:
    from great_tables import GT, html as gt_html
    view, html_columns = presentable(frame.reset_index(drop=True))
    gt = GT(view, id=table_id(view, caption))
    if caption:
        gt = gt.tab_header(title=caption)
    for col in html_columns:  # already escaped HTML: links to the sources
        gt = gt.fmt(lambda v: v, columns=col)
    gt = gt.sub_missing(missing_text="—")
    ids = list(source_ids)
    line = citations.source_line(ids, _sources().reset_index(), limit=400) if ids else \
        "Not drawn from sourced rows (a list of the collection itself)."
    gt = gt.tab_source_note(gt_html(html.escape(line) + " " + csv_link(frame, name)))
    gt = gt.tab_options(table_width="100%", table_font_size="0.9em", column_labels_font_weight="bold")
    body = gt.as_raw_html()
    n = len(view)
    if n > LONG:
        body = (f'<details class="alliance-long"><summary>{html.escape(caption or "The table")}: '
                f'{n} rows (open to read them all)</summary>{body}</details>')
    return Table(frame, ids, f'<div class="alliance-table">{body}</div>', caption)
