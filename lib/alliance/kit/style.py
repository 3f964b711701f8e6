"""Charts in the house style, each carrying a "Source:" footer built from its own rows.

    fig, ax = style.figure()
    ...draw...
    return style.finish(fig, rows, sources, alt="…")   # a kit.Chart; raises NoSourcesError
                                                       # if any plotted row lacks a source

The Chart records the rows' sources in the notebook's source log, from which its generated
Sources section is built. Importing this module never changes matplotlib's backend: whatever
the user chose (inline, `%matplotlib widget`, MPLBACKEND) stays; figures use bundled DejaVu
fonts, so they come out the same on any machine.
"""
from __future__ import annotations

import textwrap
from collections.abc import Iterable

import matplotlib
import matplotlib.dates as mdates
import matplotlib.patches
import matplotlib.text
import matplotlib.ticker
import pandas as pd

from ..errors import NoSourcesError
from .results import Chart

# Okabe & Ito's colour-blind-safe palette (distinct under the common colour-vision
# deficiencies); shapes and line styles carry the distinction a second time.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000",
             "#F0E442")
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*", "h", "<", ">", "p")
# One colour per country or side, used everywhere.
COUNTRY_COLOURS = {
    "RUS": "#D55E00",   # Russia: vermillion
    "PRK": "#0072B2",   # North Korea: blue
    "CHN": "#E69F00",   # China: orange
    "KOR": "#009E73",   # South Korea: bluish green
    "UKR": "#CC79A7",   # Ukraine: reddish purple
    "USA": "#56B4E9",   # United States: sky blue
    "GBR": "#000000",
    "JPN": "#999933",
    None: "#777777",    # international bodies, unknown
}
THEME_COLOURS = {
    "diplomacy": "#0072B2", "treaty": "#D55E00", "military": "#000000",
    "sanctions_un": "#E69F00", "economy_logistics": "#009E73", "statements": "#CC79A7",
}
THEME_LABELS = {
    "diplomacy": "Diplomacy", "treaty": "Treaty", "military": "Military",
    "sanctions_un": "Sanctions / UN", "economy_logistics": "Economy & logistics",
    "statements": "Statements",
}
STATUS_STYLE = {  # confirmed: solid; anything less certain: hollow / hatched
    "confirmed": dict(alpha=0.95, fill=True),
    "reported": dict(alpha=0.55, fill=False),
    "disputed": dict(alpha=0.55, fill=False),
    "claimed": dict(alpha=0.35, fill=False),
}

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e5e5e5",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.facecolor": "white",
    "svg.hashsalt": "alliance-notebooks",  # stable ids in SVG output
    "path.simplify": True,
}


def use_style() -> None:
    matplotlib.rcParams.update(STYLE)


def _widget_backend() -> bool:
    return "ipympl" in matplotlib.get_backend() or "widget" in matplotlib.get_backend()


def figure(width: float = 10, height: float = 5, **kw):
    """A new figure and axes in the house style.

    With the widget backend (ipympl) the figure is a live pyplot figure, shown once by its
    Chart; with any other backend it is a plain Figure that pyplot never sees, so the inline
    backend cannot show it a second time and no backend is forced on anyone."""
    use_style()
    if _widget_backend():
        import matplotlib.pyplot as plt
        with plt.ioff():
            return plt.subplots(figsize=(width, height), **kw)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)  # a renderer of its own (label placement measures text), no backend change
    return fig, fig.subplots(**kw)


def legend_outside(ax, handles=None, **kw):
    """A legend to the right of the axes, never over the data."""
    args = dict(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0, fontsize=8,
                frameon=False)
    args.update(kw)
    return ax.legend(handles=handles, **args) if handles is not None else ax.legend(**args)


def integer_ticks(axis) -> None:
    """Counts are whole numbers: no 0.25 steps."""
    axis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))


def estimator_styles(ids) -> dict:
    """A colour and a marker shape per estimator, so that no two look alike in colour or shape."""
    return {e: (OKABE_ITO[k % len(OKABE_ITO)], MARKERS[k % len(MARKERS)])
            for k, e in enumerate(ids)}


def source_ids(rows: pd.DataFrame, columns: Iterable[str] = ("source_id",)) -> list[str]:
    """Every source id behind these rows, in first-seen order; raises if a row has none."""
    if rows.empty:
        raise NoSourcesError("nothing to draw: the selection has no rows (and so no sources)")
    ids: list[str] = []
    for col in columns:
        if col not in rows.columns:
            raise NoSourcesError(f"the rows have no {col!r} column", allowed="a source per row")
        for i, value in zip(rows.index, rows[col]):
            items = value if isinstance(value, list) else ([] if pd.isna(value) else [value])
            if not items and col in ("source_id", "source_ids"):
                raise NoSourcesError(f"row {i} has no source_id; unsourced rows cannot be shown")
            ids += [x for x in items if x not in ids]
    return ids


def footer_text(ids: list[str], sources: pd.DataFrame, width: int = 150, who=()) -> str:
    """'Figures by NIS, HUR. Source: Yonhap (3); … (N documents, listed under Sources).'"""
    from .citations import source_line
    table = sources.set_index("source_id")
    missing = [i for i in ids if i not in table.index]
    if missing:
        raise NoSourcesError(f"unknown source ids: {', '.join(missing)}", allowed="ids in sources.csv")
    return "\n".join(textwrap.wrap(source_line(ids, sources, list(who), limit=width * 2 - 60), width))


def estimators_of(rows: pd.DataFrame) -> list[str]:
    """Who gave the figures drawn (short names), when the rows are estimates."""
    if "estimator_entity_id" not in rows or rows.empty:
        return []
    from .. import data
    names = short_names(data.entities())
    return [names.get(e, e) for e in dict.fromkeys(rows["estimator_entity_id"].dropna())]


def short_names(entities: pd.DataFrame) -> dict[str, str]:
    """A short name per entity for legends and source lines: the name without its bracket if
    short, else the first short alias, else the shortest of them."""
    out = {}
    for row in entities.itertuples():
        cands = [row.name.split(" (")[0]] + (row.aliases.split(";") if isinstance(row.aliases, str) else [])
        short = [c for c in cands if len(c) <= 24]
        out[row.entity_id] = short[0] if short else min(cands, key=len)
    return out


def finish(fig, rows: pd.DataFrame, sources: pd.DataFrame, *, extra_ids: Iterable[str] = (),
           columns: Iterable[str] = ("source_id",), alt: str = "", name: str = "chart",
           data: pd.DataFrame | None = None) -> Chart:
    """Add the source footer to a figure; returns the Chart (which logs its sources).

    `rows` are the rows whose sources the footer names; `data`, where it differs, is what
    the chart draws (a count per table, the places on a map): the reader's "data behind" CSV
    and the row count of the alt text. `alt` describes what the chart shows; the number of
    rows and their date range are appended from the data."""
    drawn = rows if data is None else data
    ids = source_ids(rows, columns)
    ids += [i for i in extra_ids if i not in ids]
    text = footer_text(ids, sources, who=estimators_of(rows))
    lines = text.count("\n") + 1
    fig.tight_layout()
    if wrap_titles(fig):
        fig.tight_layout()
    height = fig.get_figheight()
    pad = (0.16 * lines + 0.12) / height
    fig.subplots_adjust(bottom=fig.subplotpars.bottom + pad)
    fig.text(0.01, 0.01, text, fontsize=7.5, color="#555555", ha="left", va="bottom",
             transform=fig.transFigure)
    keep_inside(fig)
    return Chart(fig, ids, alt=alt_text(fig, drawn, alt), footer=text.replace("\n", " "),
                 data=drawn, name=name)


def wrap_titles(fig, longer_than: int = 50) -> bool:
    """Wrap a long title that runs past the figure's right edge (a left-aligned title starts at
    its axes, which long tick labels push right). Only long titles are measured: measuring
    needs a renderer. True if one was wrapped."""
    wrapped = False
    for ax in fig.axes:
        text = ax.get_title(loc="left")
        if len(text) <= longer_than or "\n" in text:
            continue
        artist = next((c for c in ax.get_children()
                       if isinstance(c, matplotlib.text.Text) and c.get_text() == text), None)
        if artist is None:
            continue
        box = artist.get_window_extent(fig.canvas.get_renderer())
        right = fig.get_figwidth() * fig.dpi
        if box.x1 <= right:
            continue
        fits = max(20, int(len(text) * (right - box.x0) / box.width) - 2)
        artist.set_text(textwrap.fill(text, fits))
        wrapped = True
    return wrapped


def keep_inside(fig) -> None:
    """Lower the plot if its title sticks out of the figure's top: a map keeps its aspect
    ratio, so making room for the source lines below can push its title above the edge.
    (Drawing costs time, so only figures with a fixed aspect are checked.)"""
    if all(ax.get_aspect() == "auto" for ax in fig.axes):
        return
    renderer = fig.canvas.get_renderer()
    top = fig.get_tightbbox(renderer).y1  # inches
    over = top - fig.get_figheight()
    if over > 0:
        fig.subplots_adjust(top=fig.subplotpars.top - (over + 0.05) / fig.get_figheight())


def alt_text(fig, rows: pd.DataFrame, what: str = "") -> str:
    """'<what>. <n> rows, <first> to <last>.': from the chart's title and its rows."""
    if not what:
        titles = [(ax.get_title(loc="left") or ax.get_title()).replace("\n", " ") for ax in fig.axes]
        what = next((t for t in titles if t), "A chart")
    n = len(rows)
    parts = [what.rstrip(".") + "."]
    span = ""
    if "date_start" in rows and rows["date_start"].notna().any():
        first, last = rows["date_start"].min(), rows["date_start"].max()
        span = f", dated {first:%-d %b %Y}" + (f" to {last:%-d %b %Y}" if last != first else "")
    elif "year" in rows and rows["year"].notna().any():
        first, last = int(rows["year"].min()), int(rows["year"].max())
        span = f", {first}" + (f" to {last}" if last != first else "")
    parts.append(f"Drawn from {n} row{'s' if n != 1 else ''}{span}.")
    return " ".join(parts)


thousands = matplotlib.ticker.FuncFormatter(lambda x, _: f"{x:,.0f}")


def colour_of_country(iso3) -> str:
    return COUNTRY_COLOURS.get(iso3 if isinstance(iso3, str) else None, COUNTRY_COLOURS[None])


def date_axis(ax, start=None, end=None) -> None:
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    if start is not None and end is not None:
        ax.set_xlim(pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1))


def spans(ax, rows: pd.DataFrame, y: float, colour: str, height: float = 0.6,
          min_days: float = 2.0) -> None:
    """Draw each row from date_start to date_end (the uncertainty is the bar's width).

    Confirmed rows are filled, less certain ones hollow. A one-day row is drawn min_days wide
    so that it stays visible; open ends run to the axis' right edge.
    """
    right = mdates.num2date(ax.get_xlim()[1]).replace(tzinfo=None) if ax.get_xlim()[1] > 1 else None
    for row in rows.itertuples():
        start = mdates.date2num(row.date_start)
        end_ts = row.date_end if not pd.isna(row.date_end) else (right or row.date_start)
        end = mdates.date2num(end_ts + pd.Timedelta(days=1))
        width = max(end - start, min_days)
        style = STATUS_STYLE.get(getattr(row, "status", "confirmed"), STATUS_STYLE["reported"])
        ax.add_patch(matplotlib.patches.Rectangle(
            (start, y - height / 2), width, height, facecolor=colour if style["fill"] else "white",
            edgecolor=colour, linewidth=1.0, alpha=style["alpha"]))
