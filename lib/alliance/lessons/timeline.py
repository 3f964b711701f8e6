"""Selecting and summarising the events table for the timeline lesson."""
from __future__ import annotations

import pandas as pd

from ..data.schema import THEMES
from ..kit import carry
from ..params import STATUS_RANK



# The 2024 treaty's signing, the pivot of the story; the earlier treaties (1961, 2000) are
# background rows of the same event types, so the marks are read from this event on.
TREATY_SIGNED = "evt_2024-06-19_treaty_signed_pyongyang"


def key_events(events: pd.DataFrame) -> dict[str, pd.Series]:
    """The events behind the charts' marks, read from the data: the 2024 treaty's signing and
    entry into force, and the first report of North Korean troops in Russia after it."""
    signed = events[events["event_id"] == TREATY_SIGNED]
    if signed.empty:
        return {}
    out = {"treaty signed": signed.iloc[0]}
    later = events[events["date_start"] >= out["treaty signed"]["date_start"]]
    for label, kind, theme in (("in force", "entry_into_force", "treaty"),
                               ("troops reported", "troop_deployment", "military")):
        rows = later[(later["event_type"] == kind) & (later["theme"] == theme)]
        if not rows.empty:
            out[label] = rows.sort_values("date_start").iloc[0]
    return out


def key_dates(events: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """The marks' dates (label -> first day): where the charts draw them."""
    return {label: row["date_start"] for label, row in key_events(events).items()}


def select_events(events: pd.DataFrame, start, end, themes=THEMES, actors=(),
                  min_status: str = "reported") -> pd.DataFrame:
    """Events whose date span overlaps [start, end], in the themes, involving any of the
    actors (if given), at least as certain as min_status. Retracted events never show."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    last = events["date_end"].fillna(pd.Timestamp.max)
    keep = (events["date_start"] <= end) & (last >= start)
    keep &= events["theme"].isin(list(themes))
    rank = events["status"].astype(object).map(STATUS_RANK).fillna(0)
    keep &= rank >= STATUS_RANK[min_status]
    if actors:
        keep &= events["actor1_id"].isin(actors) | events["actor2_id"].isin(actors)
    out = events[keep].sort_values(["date_start", "event_id"]).reset_index(drop=True)
    # what to say wherever this selection turns out empty (see kit.nothing_to_show)
    out.attrs["empty_note"] = empty_note(pd.Timestamp(start).date(), pd.Timestamp(end).date(),
                                         themes, actors, min_status)
    out.attrs["selected_rows"] = len(out)
    return out


def empty_note(start, end, themes, actors, min_status) -> str:
    who = f" involving {', '.join(actors)}" if actors else ""
    return (f"No events between {start} and {end} in the themes {', '.join(themes)}{who} "
            f"with status {min_status} or firmer. Widen the dates, themes or actors.")


def monthly_tempo(events: pd.DataFrame, start, end) -> pd.DataFrame:
    """Events per calendar month and theme, counted in the month each event starts.

    Every month of [start, end] is a row, months with no events included (as 0)."""
    months = pd.period_range(pd.Timestamp(start), pd.Timestamp(end), freq="M")
    counts = (events.assign(month=events["date_start"].dt.to_period("M"))
              .groupby(["month", "theme"], observed=False).size()
              .unstack("theme", fill_value=0))
    counts = counts.reindex(index=months, columns=list(THEMES), fill_value=0)
    counts.index.name = "month"
    return carry(counts, events)


def before_after(tempo: pd.DataFrame, pivot: pd.Timestamp) -> pd.DataFrame:
    """Mean events per month by theme, before the pivot month and from it on."""
    month = pd.Period(pivot, freq="M")
    before, after = tempo[tempo.index < month], tempo[tempo.index >= month]
    out = pd.DataFrame({
        "months before": len(before), "per month before": before.mean(),
        "months after": len(after), "per month after": after.mean(),
    })
    out["change"] = out["per month after"] - out["per month before"]
    return carry(out.round(2).rename_axis("theme").reset_index(), tempo)


def visits(events: pd.DataFrame, entities: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """High-level visits: who (actor1) went to whom (actor2), with each side's country."""
    v = events[events["event_type"] == "summit_or_visit"].copy()
    ent = entities.set_index("entity_id")
    v["visitor"] = v["actor1_id"].map(ent["name"])
    v["from"] = v["actor1_id"].map(ent["country_iso3"])
    v["host"] = v["actor2_id"].map(ent["name"])
    v["to"] = v["actor2_id"].map(ent["country_iso3"])
    if places is not None:
        where = places.set_index("place_id")
        v["place"] = v["place_id"].map(where["name"])
        # a meeting in a third country (Kim and Putin in Beijing) is a trip to that country,
        # not to the host's: the recorded place, where there is one, says where the visitor went
        met_in = v["place_id"].map(where["country_iso3"])
        v["to"] = met_in.where(met_in.notna(), v["to"])
    v["direction"] = v["from"].fillna("?") + " → " + v["to"].fillna("?")
    cols = ["date", "date_start", "visitor", "from", "host", "to", "direction", "title",
            "status", "source_id"] + (["place"] if places is not None else [])
    return v[cols].sort_values("date_start").reset_index(drop=True)


def trips(v: pd.DataFrame, gap_days: int = 3) -> pd.DataFrame:
    """Visits grouped into trips: the same visitor to the same host country with no more than
    gap_days between one recorded stop and the next (Kim's 2023 journey is one trip of
    several stops). Each trip keeps its first row, with the stop count and all sources."""
    v = v.sort_values("date_start")
    trip_no, last = [], {}
    n = 0
    for row in v.itertuples():
        key = (row.visitor, row.to)
        prev = last.get(key)
        if prev is None or (row.date_start - prev[1]).days > gap_days:
            n += 1
            prev = (n, row.date_start)
        last[key] = (prev[0], row.date_start)
        trip_no.append(prev[0])
    v = v.assign(trip=trip_no)
    first = v.groupby("trip").head(1).set_index("trip")
    first["stops"] = v.groupby("trip").size()
    first["source_ids"] = v.groupby("trip")["source_id"].agg(lambda s: list(dict.fromkeys(s)))
    return first.reset_index(drop=True)


def visits_by_half_year(v: pd.DataFrame) -> pd.DataFrame:
    """Counts of trips per half-year and direction."""
    half = v["date_start"].dt.year.astype(str) + " H" + ((v["date_start"].dt.month > 6) + 1).astype(str)
    return v.assign(half=half).groupby(["half", "direction"]).size().unstack(fill_value=0)


def milestones(events: pd.DataFrame, types=("agreement_signed", "entry_into_force",
                                           "treaty_invocation", "un_vote")) -> pd.DataFrame:
    """Events to label on the timeline: confirmed treaty steps and UN votes, and the first
    recorded troop deployment; numbered in date order."""
    m = events[events["event_type"].isin(types) & (events["status"] == "confirmed")
               & events["theme"].isin(["treaty", "sanctions_un"])]
    first_deploy = events[(events["event_type"] == "troop_deployment")].head(1)
    m = pd.concat([m, first_deploy]).drop_duplicates("event_id").sort_values("date_start")
    return m.reset_index(drop=True).rename(lambda i: i + 1)


def describe_change(ba: pd.DataFrame) -> str:
    """One sentence on how the monthly tempo changed, from before_after()'s table."""
    if ba["months before"].iloc[0] == 0 or ba["months after"].iloc[0] == 0:
        return "The selected period does not reach both sides of the treaty's signing."
    ba = ba.set_index("theme") if "theme" in ba.columns else ba
    up = ba[ba["change"] > 0].sort_values("change", ascending=False)
    down = ba[ba["change"] < 0].sort_values("change")
    total_before, total_after = ba["per month before"].sum(), ba["per month after"].sum()
    parts = [f"Across all themes, recorded events went from {total_before:.1f} to "
             f"{total_after:.1f} a month."]
    from ..kit.style import THEME_LABELS

    def named(rows) -> list[str]:
        labels = {t: THEME_LABELS.get(t, t) for t in rows.index}
        return [f"{labels[t][:1].lower()}{labels[t][1:]} ({c:+.1f})" for t, c in rows["change"].head(2).items()]
    for rows, verb, noun in ((up, "rose", "rises"), (down, "fell", "falls")):
        if rows.empty:
            continue
        shown = named(rows)
        parts.append(f"Only {shown[0]} {verb}." if len(rows) == 1 else
                     f"{_and(shown)[:1].upper()}{_and(shown)[1:]} {verb}." if len(rows) == 2 else
                     f"The largest {noun} are in {_and(shown)}.")
    return " ".join(parts)



# Drawing -------------------------------------------------------------------------------

def draw_lanes(sel: pd.DataFrame, sources: pd.DataFrame, start, end, themes=THEMES,
               label_ids=()):
    """The timeline: one lane per theme, each event a bar over its date span; confirmed
    events filled, reported/claimed/disputed hollow; milestones numbered."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from .. import kit
    from ..kit import style
    if sel.empty:
        return kit.nothing_to_show(sel)
    themes = [t for t in THEMES if t in themes]
    fig, ax = style.figure(11, 0.75 * len(themes) + 2.2)
    style.date_axis(ax, start, end)
    min_days = max(2.0, (pd.Timestamp(end) - pd.Timestamp(start)).days / 250)
    for i, theme in enumerate(reversed(themes)):
        rows = sel[sel["theme"] == theme]
        # events known only within a long window (over ~2 months) are thin lines under the
        # lane, so they show their whole uncertainty without hiding the precise events
        long = (rows["date_end"].fillna(pd.Timestamp(end)) - rows["date_start"]).dt.days > 62
        style.spans(ax, rows[long], i - 0.3, style.THEME_COLOURS[theme], height=0.08,
                    min_days=min_days)
        style.spans(ax, rows[~long], i, style.THEME_COLOURS[theme], height=0.5,
                    min_days=min_days)
    ax.set_yticks(range(len(themes)), [style.THEME_LABELS[t] for t in reversed(themes)])
    ax.set_ylim(-0.7, len(themes) - 0.3)
    ax.grid(axis="y", visible=False)
    lane = {t: i for i, t in enumerate(reversed(themes))}
    labelled = sel[sel["event_id"].isin(list(label_ids))]
    for k, row in enumerate(labelled.itertuples()):
        # numbered markers keep the lanes readable; the numbers are explained in a table
        ax.annotate(str(k + 1), (row.date_start, lane[row.theme] + 0.25),
                    xytext=(0, 6 + 8 * (k % 2)), textcoords="offset points", fontsize=8,
                    ha="center", fontweight="bold",
                    arrowprops=dict(arrowstyle="-", color="#999", lw=0.6))
    ax.legend(handles=[Patch(facecolor="#555", edgecolor="#555", label="confirmed"),
                       Patch(facecolor="white", edgecolor="#555", label="reported / claimed / disputed"),
                       Line2D([], [], color="#555", lw=2, label="known only within a long window"),
                       Line2D([], [], color="none", label="bar width = date uncertainty")],
              loc="upper left", bbox_to_anchor=(0, -0.12), ncol=4, fontsize=8)
    ax.set_title(f"Events by theme, {_day(start)} to {_day(end)} ({len(sel)} events)")
    return style.finish(fig, sel, sources)


def draw_tempo(tempo: pd.DataFrame, sel: pd.DataFrame, sources: pd.DataFrame, marks: dict):
    """Stacked monthly counts by theme, with vertical marks (label -> date)."""
    from .. import kit
    from ..kit import style
    if sel.empty:
        return kit.nothing_to_show(sel)
    fig, ax = style.figure(12, 4.5)
    x = tempo.index.to_timestamp()
    bottom = pd.Series(0, index=tempo.index)
    for theme in tempo.columns:
        if tempo[theme].sum() == 0:
            continue
        ax.bar(x, tempo[theme], width=25, bottom=bottom, align="edge",
               color=style.THEME_COLOURS[theme], label=style.THEME_LABELS[theme])
        bottom += tempo[theme]
    top = ax.get_ylim()[1]
    for k, (label, when) in enumerate(sorted(marks.items(), key=lambda kv: kv[1])):
        when = pd.Timestamp(when)
        if x.min() <= when <= x.max() + pd.Timedelta(days=31):
            ax.axvline(when, color="#222", lw=1, ls="--")
            ax.text(when, top * (0.97 - 0.08 * (k % 3)), " " + label, fontsize=8, va="top",
                    backgroundcolor="white")
    style.date_axis(ax)
    ax.set_ylabel("events starting in the month")
    style.integer_ticks(ax.yaxis)
    style.legend_outside(ax)
    ax.set_title("Monthly tempo of events, by theme")
    # an event that began before the first month shown is selected but not counted here
    counted = sel[sel["date_start"].dt.to_period("M").isin(tempo.index)]
    return style.finish(fig, counted, sources)


def draw_visits(v: pd.DataFrame, sources: pd.DataFrame):
    """Visits per half-year, one bar per direction, coloured by the visitor's country."""
    from .. import kit
    from ..kit import style
    if v.empty:
        return kit.nothing_to_show(v, "No high-level visits in this selection.")
    counts = visits_by_half_year(v)
    fig, ax = style.figure(12, 4)
    n = len(counts.columns)
    width = 0.8 / max(n, 1)
    for j, direction in enumerate(counts.columns):
        origin = direction.split(" → ")[0]
        ax.bar([i + j * width for i in range(len(counts))], counts[direction], width=width,
               label=direction, color=style.colour_of_country(origin),
               alpha=1.0 if j % 2 == 0 else 0.6)
    ax.set_xticks([i + width * (n - 1) / 2 for i in range(len(counts))], counts.index)
    ax.set_ylabel("trips")
    style.integer_ticks(ax.yaxis)
    style.legend_outside(ax, title="visitor → host")
    ax.set_title("High-level trips by direction (visitor's country → host's country)")
    return style.finish(fig, v, sources, columns=("source_ids",) if "source_ids" in v else ("source_id",))


def counts_by_theme(sel: pd.DataFrame) -> pd.DataFrame:
    """Events per theme and status: how much there is, and how firm it is."""
    counts = pd.crosstab(sel["theme"], sel["status"]).reindex(
        index=[t for t in THEMES if t in set(sel["theme"])], fill_value=0)
    counts = counts.loc[:, counts.sum() > 0]
    counts["total"] = counts.sum(axis=1)
    counts.columns.name = None
    return carry(counts.rename_axis("theme").reset_index(), sel)


# Sentences the page states, computed from what it shows -----------------------------------

def _day(d) -> str:
    d = pd.Timestamp(d)
    return f"{d.day} {d:%b %Y}"


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


def headline(sel: pd.DataFrame, start, end, themes, actors=(), min_status: str = "reported") -> str:
    """The page's lead line: how many events, over which days, in which lanes."""
    lanes = "every theme" if set(themes) == set(THEMES) else ", ".join(
        t.replace("_", " ") for t in THEMES if t in themes)
    who = f", involving {', '.join(actors)}" if actors else ""
    shown = set(sel["status"].astype(object))
    statuses = [s for s in ("confirmed", "reported", "disputed", "claimed") if s in shown]
    status = ("status " + _or(statuses)) if statuses else {
        "claimed": "every status", "reported": "reported or firmer", "confirmed": "confirmed only"}[min_status]
    earlier = int((sel["date_start"] < pd.Timestamp(start)).sum())
    began = f"; {earlier:,} of them began before {_day(start)}" if earlier else ""
    return (f"{_n(len(sel), 'event')} between {_day(start)} and {_day(end)} ({lanes}{who}; "
            f"{status}{began}).")


def _or(words: list[str]) -> str:
    return _joined(words, "or")


def describe_milestones(marks: pd.DataFrame) -> str:
    if marks.empty:
        return ("No milestone (a confirmed treaty step or UN vote, or the first troop "
                "deployment) falls in this selection, so the chart has no numbers.")
    return (f"The numbers on the chart mark {_n(len(marks), 'milestone')}, from "
            f"{_day(marks['date_start'].min())} to {_day(marks['date_start'].max())}, listed below.")


def marks_in_range(marks: dict, start, end) -> dict:
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    return {k: v for k, v in marks.items() if start <= pd.Timestamp(v) <= end}


def describe_marks(marks: dict, start, end, events: pd.DataFrame | None = None) -> str:
    """What the dashed lines of the tempo chart mark, for the period shown. With `events`,
    each date is written as precisely as its event is known ('Oct 2024', not '1 Oct 2024')."""
    shown = marks_in_range(marks, start, end)
    if not shown:
        return ("None of the marked dates (the treaty's signing and entry into force, the first "
                "report of troops) falls in this period, so the chart has no dashed lines.")
    words = {"treaty signed": "the treaty's signing", "in force": "the treaty's entry into force",
             "troops reported": "the first report of North Korean troops in Russia"}
    known = key_events(events) if events is not None else {}

    def when_of(label, when) -> str:
        from ..kit.tables import edtf_label
        return edtf_label(known[label]["date"]) if label in known else _day(when)
    parts = [f"{words.get(label, label)} ({when_of(label, when)})"
             for label, when in sorted(shown.items(), key=lambda kv: kv[1])]
    return "The dashed lines mark " + _and(parts) + "."


def _and(parts: list[str]) -> str:
    return _joined(parts, "and")


def _joined(words: list[str], conjunction: str) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def change_table(tempo: pd.DataFrame, pivot):
    """The before/after table, or a note when the period lies on one side of the pivot."""
    from .. import kit
    if pivot is None:
        return kit.note("The treaty's signing is not in the data, so there is no before and after.")
    ba = before_after(tempo, pivot)
    if ba["months before"].iloc[0] == 0 or ba["months after"].iloc[0] == 0:
        side = "after" if ba["months before"].iloc[0] == 0 else "before"
        return kit.note(f"Every month shown lies {side} the treaty's signing ({_day(pivot)}), "
                        "so there is nothing to compare; widen the dates to see both sides.")
    return kit.table(ba)


def describe_trips(trips: pd.DataFrame) -> str:
    if trips.empty:
        return "No high-level visit falls in this selection."
    from ..kit.tables import COUNTRIES
    counts = trips["direction"].value_counts()

    def way(d: str) -> str:
        a, _, b = d.partition(" → ")
        return f"from {COUNTRIES.get(a, a)} to {COUNTRIES.get(b, b)}"
    parts = [f"{int(n):,} {way(d)}" for d, n in counts.items()]
    return (f"{_n(len(trips), 'high-level trip')} between {_day(trips['date_start'].min())} and "
            f"{_day(trips['date_start'].max())}: " + "; ".join(parts) + ".")
