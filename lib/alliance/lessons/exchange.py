"""The exchange lesson: what North Korea sends and what Russia gives back, side by side.

Every figure keeps its own unit (people, rounds, barrels, tonnes, dollars...), so the two
flows are never put on one numeric axis: the timeline draws each estimate as a dated mark in
its quantity's lane, and the tables word each figure with its unit.
"""
from __future__ import annotations

import pandas as pd

from ..data.schema import QUANTITIES, QUANTITY_DIRECTION
from ..kit import carry
from . import troops

DIRECTIONS = tuple(dict.fromkeys(QUANTITY_DIRECTION.values()))  # prk_to_rus, rus_to_prk, both
DIRECTION_LABELS = {
    "prk_to_rus": "What North Korea sends",
    "rus_to_prk": "What Russia gives back",
    "both": "Carriers of both flows (ships, rail, flights)",
}
# the event's giver and receiver, by the actors' countries
EVENT_DIRECTION = {("PRK", "RUS"): "prk_to_rus", ("RUS", "PRK"): "rus_to_prk"}
EVENT_TYPES = ("arms_transfer", "technology_transfer", "goods_transfer", "economic_agreement")

GROUP = {
    **{q: "troops" for q in ("troops_sent", "troops_killed", "troops_wounded",
                             "casualties_total", "prisoners_captured")},
    **{q: "munitions" for q in ("artillery_shells", "shipping_containers", "ballistic_missiles",
                                "artillery_systems", "rocket_launchers", "missiles_fired")},
    "workers_sent": "workers",
    **{q: "fuel" for q in ("refined_petroleum_supplied", "crude_oil_supplied",
                           "oil_tanker_deliveries")},
    "food_supplied": "food",
    **{q: "money" for q in ("payments_to_dprk", "pay_per_soldier", "arms_sales_value")},
    **{q: "hardware" for q in ("air_defence_systems", "aircraft_supplied")},
    "military_technology_items": "technology",
    **{q: "logistics" for q in ("ship_voyages", "rail_cars", "flights")},
}
GROUP_COLOURS = {
    "troops": "#1f4e9c", "munitions": "#6a4c93", "workers": "#2a9d8f",
    "fuel": "#c0392b", "food": "#e6a700", "money": "#8d6e63", "hardware": "#3d405b",
    "technology": "#e76f51", "logistics": "#5c677d",
}
SHORT = troops.QUANTITY_NAMES  # lane and column names
UNIT_WORDS = {"persons": "people", "railcars": "rail cars", "USD": "US dollars",
              "USD_per_month": "US dollars a month"}
ONE = {"persons": "person", "aircraft": "aircraft", "railcars": "rail car"}  # unit of a count of 1
SCOPE_LABELS = troops.SCOPE_LABELS


# Selecting -----------------------------------------------------------------------------

def select(est: pd.DataFrame, directions=DIRECTIONS, estimators=(), start=None, end=None) -> pd.DataFrame:
    """Estimates of the quantities flowing in `directions`, by `estimators` (all if empty),
    whose as-of dates overlap [start, end]; with a `direction` column."""
    quantities = [q for q in QUANTITIES if QUANTITY_DIRECTION[q] in directions]
    out = troops.select(est, quantities, estimators, start, end)
    out["direction"] = out["quantity"].astype(object).map(QUANTITY_DIRECTION)
    who = f" by {', '.join(estimators)}" if estimators else ""
    out.attrs["empty_note"] = (f"No estimates in the directions {', '.join(directions)}{who} "
                               f"with as-of dates between {start} and {end}. Widen the dates, "
                               "the directions or the estimators.")
    out.attrs["selected_rows"] = len(out)
    out.attrs["directions"] = list(directions)
    return out


def in_direction(sel: pd.DataFrame, direction: str) -> pd.DataFrame:
    """The selected rows of one direction (they keep the selection's empty note)."""
    return sel[sel["direction"] == direction]


# Wording ---------------------------------------------------------------------------------

def amount(n, unit: str) -> str:
    """One number with its unit: '1,000,000 barrels', '$1.34 billion', '$2,000 a month'."""
    n = int(n)
    if unit in ("USD", "USD_per_month"):
        text = (f"${n / 1e9:.3g} billion" if n >= 1e9 else f"${n / 1e6:.3g} million" if n >= 1e6
                else f"${n:,}")
        return text + (" a month" if unit == "USD_per_month" else "")
    return f"{n:,} {unit_word(unit, n)}"


def unit_word(unit: str, n: int = 2) -> str:
    if n == 1:
        return ONE.get(unit, unit.removesuffix("s"))
    return UNIT_WORDS.get(unit, unit)


def worded(row) -> str:
    """A figure as it was given, with its unit: 'at least 1,000,000 barrels'."""
    u = row["unit"]
    lo, best, hi = (None if pd.isna(row[c]) else row[c] for c in ("low", "best", "high"))
    q = row["qualifier"]
    if q == "range":
        span = (f"{amount(lo, u)}–{amount(hi, u)}" if u.startswith("USD")
                else f"{int(lo):,}–{int(hi):,} {unit_word(u)}")
        return span + (f" (best {amount(best, u)})" if best is not None else "")
    if q == "at_least":
        return f"at least {amount(lo, u)}"
    if q == "at_most":
        return f"up to {amount(hi, u)}"
    return ("about " if q == "about" else "") + amount(best, u)


def when(row) -> str:
    """An as-of date at its precision: '13 Jun 2023', 'May 2024', or the stated span."""
    text = row.get("date")
    if isinstance(text, str) and text:  # the EDTF date as written: a span of months stays months
        from ..kit.tables import edtf_label
        return edtf_label(text)
    start, precision = row["date_start"], row["date_precision"]
    if precision == "day":
        return f"{start:%-d %b %Y}"
    if precision == "month":
        return f"{start:%b %Y}"
    if precision == "year":
        return f"{start:%Y}"
    end = row["date_end"]
    if pd.isna(end) or end == start:
        return f"{start:%-d %b %Y}"
    return f"{start:%-d %b %Y}–{end:%-d %b %Y}"


def month_of(row) -> str:
    """The month an as-of date starts in, for sentences that span many figures."""
    return f"{row['date_start']:%b %Y}"


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def status_phrase(rows: pd.DataFrame) -> str:
    """'3 confirmed, 20 reported and 5 claimed' (statuses with no rows left out; 'none
    confirmed' said when that is so)."""
    counts = rows["status"].astype(object).value_counts()
    parts = [f"{counts[s]} {s}" for s in ("confirmed", "reported", "claimed", "disputed")
             if counts.get(s, 0)]
    if not counts.get("confirmed", 0):
        parts.insert(0, "none confirmed")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def direction_line(sel: pd.DataFrame, direction: str) -> str:
    """One sentence on one direction of the selection: how many figures, on how many
    quantities, from how many estimators, over which as-of dates, and how firm they are."""
    rows = in_direction(sel, direction).sort_values(["date_start", "estimate_id"])
    label = DIRECTION_LABELS[direction]
    if rows.empty:
        return f"{label}: no estimate in this selection."
    first, last = month_of(rows.iloc[0]), month_of(rows.iloc[-1])
    span = f"dated {first}" if first == last else f"dated {first} to {last}"
    return (f"{label}: {_n(len(rows), 'figure')} on "
            f"{_n(rows['quantity'].nunique(), 'quantity', 'quantities')} from "
            f"{_n(rows['estimator_entity_id'].nunique(), 'estimator')}, {span}; "
            f"{status_phrase(rows)}.")


def describe(sel: pd.DataFrame, directions=DIRECTIONS):
    """The computed lines that open the lesson: one per selected direction (a direction with
    nothing in the selection says so here, instead of an empty panel)."""
    from .. import kit
    if sel.empty:
        return kit.nothing_to_show(sel)
    lines = [direction_line(sel, d) for d in DIRECTIONS if d in directions]
    return kit.note(" ".join(lines), "finding")


def estimators_line(sel: pd.DataFrame, entities: pd.DataFrame) -> str:
    """How many estimators the selection has, and which give figures for both what North Korea
    sends and what Russia gives back."""
    if sel.empty:
        return "No estimator in this selection."
    names = troops.label(entities)
    per = sel.groupby("estimator_entity_id", observed=True)["direction"].agg(set)
    both = sorted(names.get(e, e) for e, d in per.items() if {"prk_to_rus", "rus_to_prk"} <= d)
    head = f"{_n(len(per), 'estimator')} gave the figures selected"
    if not {"prk_to_rus", "rus_to_prk"} <= set(sel["direction"]):
        return head + "; the selection holds only one of the two flows."
    if not both:
        return head + "; none of them gave figures for both flows."
    return (head + f"; {_n(len(both), 'of them gives', 'of them give')} figures for both flows: "
            + ", ".join(both) + ".")


# Tables -----------------------------------------------------------------------------------

def _empty_for(sel: pd.DataFrame, direction: str, out: pd.DataFrame) -> pd.DataFrame:
    """An empty table of one direction says so, unless the whole selection is empty."""
    out = carry(out, sel)
    if not sel.empty:
        chosen = direction in sel.attrs.get("directions", DIRECTIONS)
        out.attrs["empty_note"] = (f"{DIRECTION_LABELS[direction]}: "
                                   + ("no estimate in this selection." if chosen
                                      else "not among the directions chosen."))
        out.attrs["selected_rows"] = 0
    return out


def who_estimates(sel: pd.DataFrame, entities: pd.DataFrame, direction: str) -> pd.DataFrame:
    """Estimator × quantity: how many figures each estimator gave for each quantity of one
    direction, with a total per estimator (most figures first)."""
    rows = in_direction(sel, direction)
    if rows.empty:
        return _empty_for(sel, direction, pd.DataFrame(columns=["estimator"]))
    names = troops.label(entities)
    quantities = [q for q in QUANTITIES if q in set(rows["quantity"])]
    counts = pd.crosstab(rows["estimator_entity_id"], rows["quantity"].astype(object))
    counts = counts.reindex(columns=quantities, fill_value=0)
    counts["total"] = counts.sum(axis=1)
    counts = counts.sort_values(["total"], ascending=False, kind="stable")
    out = counts.rename(columns=SHORT).reset_index(names="estimator_id")
    out.insert(0, "estimator", out["estimator_id"].map(lambda e: names.get(e, e)))
    out = out.drop(columns="estimator_id")
    out.columns.name = None
    return carry(out, rows)


def latest_figures(sel: pd.DataFrame, entities: pd.DataFrame, direction: str) -> pd.DataFrame:
    """Each estimator's most recent figure for each quantity of one direction, worded with its
    unit, what it counts and how firm it is."""
    columns = ["quantity", "estimator", "as of", "figure", "counts", "status", "source_id"]
    rows = in_direction(sel, direction)
    if rows.empty:
        return _empty_for(sel, direction, pd.DataFrame(columns=columns))
    names = troops.label(entities)
    last = (rows.sort_values(["date_start", "estimate_id"])
            .groupby(["quantity", "estimator_entity_id"], observed=True).tail(1))
    order = {q: i for i, q in enumerate(QUANTITIES)}
    last = last.assign(_q=last["quantity"].astype(object).map(order)).sort_values(
        ["_q", "date_start", "estimate_id"])
    return pd.DataFrame({
        "quantity": last["quantity"].astype(object).map(SHORT),
        "estimator": last["estimator_entity_id"].map(lambda e: names.get(e, e)),
        "as of": last.apply(when, axis=1),
        "figure": last.apply(worded, axis=1),
        "counts": last["scope"].astype(object).map(SCOPE_LABELS),
        "status": last["status"].astype(object),
        "source_id": last["source_id"],
    }).reset_index(drop=True)


def select_events(events: pd.DataFrame, entities: pd.DataFrame, directions=DIRECTIONS,
                  start=None, end=None) -> pd.DataFrame:
    """Transfers (arms, technology, goods) and economic agreements overlapping [start, end], with a
    direction: a transfer goes from its first actor's country to its second's; an agreement
    binds both sides. Retracted events never show."""
    country = entities.set_index("entity_id")["country_iso3"]
    ev = events[events["event_type"].isin(EVENT_TYPES) & (events["status"] != "retracted")].copy()
    pair = zip(ev["actor1_id"].map(country), ev["actor2_id"].map(country))
    ev["direction"] = [EVENT_DIRECTION.get(p, "both") for p in pair]
    ev.loc[ev["event_type"] == "economic_agreement", "direction"] = "both"
    keep = ev["direction"].isin(list(directions))
    if start is not None:
        keep &= ev["date_end"].fillna(ev["date_start"]) >= pd.Timestamp(start)
    if end is not None:
        keep &= ev["date_start"] <= pd.Timestamp(end)
    out = ev[keep].sort_values(["date_start", "event_id"]).reset_index(drop=True)
    out.attrs["empty_note"] = (f"No transfers or agreements in the directions "
                               f"{', '.join(directions)} between {start} and {end}.")
    out.attrs["selected_rows"] = len(out)
    return out


EVENT_WAY = {"prk_to_rus": "North Korea → Russia", "rus_to_prk": "Russia → North Korea",
             "both": "both sides"}


def event_table(ev: pd.DataFrame) -> pd.DataFrame:
    """The transfer and agreement events as a reader wants them."""
    columns = ["date", "which way", "type", "what happened", "status", "source_id"]
    if ev.empty:
        out = pd.DataFrame(columns=columns)
        out.attrs = dict(ev.attrs)
        return out
    return pd.DataFrame({
        "date": ev.apply(when, axis=1), "which way": ev["direction"].map(EVENT_WAY),
        "type": ev["event_type"].astype(object).str.replace("_", " "),
        "what happened": ev["title"], "status": ev["status"].astype(object),
        "source_id": ev["source_id"],
    })


def events_line(ev: pd.DataFrame) -> str:
    """How many transfer and agreement events the table holds, by direction, and their dates."""
    if ev.empty:
        return "No transfer or agreement event in this selection."
    counts = ev["direction"].value_counts()
    parts = [f"{counts[d]} {EVENT_WAY[d]}" for d in DIRECTIONS if counts.get(d, 0)]
    ways = f", all {EVENT_WAY[counts.index[0]]}" if len(parts) == 1 else f" ({', '.join(parts)})"
    ordered = ev.sort_values(["date_start", "event_id"])
    first, last = month_of(ordered.iloc[0]), month_of(ordered.iloc[-1])
    span = first if first == last else f"{first} to {last}"
    return (f"{_n(len(ev), 'event')}{ways}, dated {span}; "
            f"{status_phrase(ev)}.")


# Drawing ----------------------------------------------------------------------------------

def lanes(sel: pd.DataFrame, direction: str) -> list[str]:
    """The quantities of one direction present in the selection, in the vocabulary's order."""
    present = set(in_direction(sel, direction)["quantity"])
    return [q for q in QUANTITIES if q in present]


def latest_label(rows: pd.DataFrame, names: pd.Series) -> str:
    """The right-hand label of a lane: its most recent figure, who gave it and when."""
    last = rows.sort_values(["date_start", "estimate_id"]).iloc[-1]
    who = names.get(last["estimator_entity_id"], last["estimator_entity_id"])
    who = who if len(who) <= 24 else who[:23].rstrip() + "…"  # keeps the lanes wide
    return f"latest: {worded(last)} ({who}, {when(last)})"


def lane_label(quantity: str, unit: str) -> str:
    """'refined oil (barrels)'; the unit left out where the name already says it."""
    word = unit_word(unit)
    return SHORT[quantity] if word in SHORT[quantity] else f"{SHORT[quantity]} ({word})"


def _tex_safe(text: str) -> str:
    return text.replace("$", r"\$")  # a bare $ starts mathtext in matplotlib


def draw_exchange(sel: pd.DataFrame, entities: pd.DataFrame, sources: pd.DataFrame, start, end,
                  directions=DIRECTIONS):
    """One panel per direction with estimates, one lane per quantity: each figure is a mark at
    its as-of date (a line when that date is a span), coloured by quantity group, filled when
    confirmed and hollow otherwise; the right edge gives each lane's latest figure."""
    import matplotlib.dates as mdates
    from matplotlib import transforms
    from matplotlib.lines import Line2D

    from .. import kit
    from ..kit import style
    shown = [d for d in DIRECTIONS if d in directions and lanes(sel, d)]
    if not shown:
        return kit.nothing_to_show(sel)
    heights = [len(lanes(sel, d)) + 0.6 for d in shown]
    fig, axes = style.figure(12, 0.36 * sum(heights) + 1.0 * len(shown) + 1.6, nrows=len(shown),
                             sharex=True, squeeze=False, gridspec_kw={"height_ratios": heights})
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    long_window = (end - start).days > 4 * 366
    who = troops.label(entities)
    for ax, direction in zip(axes[:, 0], shown):
        names = lanes(sel, direction)
        rows = in_direction(sel, direction)
        for y, quantity in enumerate(reversed(names)):
            grp = rows[rows["quantity"] == quantity]
            colour = GROUP_COLOURS[GROUP[quantity]]
            spans = grp[grp["date_end"].notna() & (grp["date_end"] > grp["date_start"] + pd.Timedelta(days=2))]
            ax.hlines([y] * len(spans), spans["date_start"], spans["date_end"], color=colour,
                      lw=2, alpha=0.6)
            confirmed = grp["status"] == "confirmed"
            ax.plot(grp.loc[confirmed, "date_start"], [y] * int(confirmed.sum()), "o", ms=6,
                    color=colour, ls="none")
            ax.plot(grp.loc[~confirmed, "date_start"], [y] * int((~confirmed).sum()), "o", ms=6,
                    mfc="white", mec=colour, mew=1.3, ls="none")
        unit_of = rows.drop_duplicates("quantity").set_index("quantity")["unit"].astype(object)
        ticks = list(range(len(names)))
        ax.set_yticks(ticks, [lane_label(q, unit_of[q]) for q in reversed(names)], fontsize=8.5)
        ax.set_ylim(-0.6, len(names) - 0.4)
        ax.grid(axis="y", visible=False)
        right = ax.twinx()
        right.set_ylim(ax.get_ylim())
        right.set_yticks(ticks, [_tex_safe(latest_label(rows[rows["quantity"] == q], who))
                                 for q in reversed(names)], fontsize=7.5, color="#444")
        right.grid(False)
        right.spines["right"].set_visible(False)
        right.tick_params(axis="y", length=0)
        ax.set_title(f"{DIRECTION_LABELS[direction]}: {_n(len(rows), 'figure')} on "
                     f"{_n(len(names), 'quantity', 'quantities')}", fontsize=11)
    last_ax = axes[-1, 0]
    style.date_axis(last_ax, start.date(), end.date())
    if long_window:
        last_ax.xaxis.set_major_locator(mdates.YearLocator())
        last_ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    groups = [g for g in GROUP_COLOURS if g in {GROUP[q] for q in sel["quantity"].astype(object)
                                                   if QUANTITY_DIRECTION[q] in shown}]
    handles = [Line2D([], [], marker="o", color=GROUP_COLOURS[g], ls="none", label=g) for g in groups]
    handles += [Line2D([], [], marker="o", mfc="white", mec="#555", ls="none",
                       label="hollow: reported, claimed or disputed"),
                Line2D([], [], color="#555", lw=2, alpha=0.6, label="line: figure dated to a span")]
    # below the date labels at a fixed distance, whatever the panel's height
    below = transforms.offset_copy(last_ax.transAxes, fig=fig, y=-(22 if long_window else 34),
                                   units="points")
    last_ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=below,
                   ncol=min(len(handles), 6), fontsize=8)
    alt = (f"Estimates by as-of date, {start:%-d %b %Y} to {end:%-d %b %Y}, one lane per "
           "quantity: " + "; ".join(
        f"{DIRECTION_LABELS[d][0].lower()}{DIRECTION_LABELS[d][1:]}, {_n(len(in_direction(sel, d)), 'figure')}" for d in shown))
    return style.finish(fig, sel, sources, alt=alt, name="exchange")
