"""Reading the estimates table: who said how many, when, and how sure."""
from __future__ import annotations

import pandas as pd

from ..data.schema import QUANTITIES
from ..kit.tables import edtf_label

LABELS = {
    "troops_sent": "North Korean troops sent to Russia",
    "troops_killed": "North Korean soldiers killed",
    "troops_wounded": "North Korean soldiers wounded",
    "casualties_total": "North Korean casualties (killed and wounded)",
    "prisoners_captured": "North Korean soldiers captured by Ukraine",
    "artillery_shells": "artillery rounds sent to Russia",
    "shipping_containers": "shipping containers of munitions sent to Russia",
    "ballistic_missiles": "ballistic missiles sent to or fired by Russia",
    "artillery_systems": "artillery pieces sent to Russia",
    "rocket_launchers": "multiple rocket launchers sent to Russia",
    "workers_sent": "North Korean workers in Russia",
}
SCOPE_PLURALS = {"cumulative": "totals so far", "in_place": "counts of those present at the time",
                 "planned": "plans", "additional": "added batches",
                 "period": "figures for a stated period"}
SCOPE_LABELS = {"cumulative": "total so far", "in_place": "present at the time",
                "planned": "planned", "additional": "added batch", "period": "within a stated period"}
QUANTITY_NAMES = {  # what a figure counts, in a few words
    "troops_sent": "troops sent", "troops_killed": "killed", "troops_wounded": "wounded",
    "casualties_total": "casualties", "prisoners_captured": "captured",
    "artillery_shells": "shells", "shipping_containers": "containers",
    "ballistic_missiles": "ballistic missiles", "artillery_systems": "artillery pieces",
    "rocket_launchers": "rocket launchers", "workers_sent": "workers",
    "missiles_fired": "missiles fired",
    "refined_petroleum_supplied": "refined oil", "crude_oil_supplied": "crude oil",
    "oil_tanker_deliveries": "tanker trips", "food_supplied": "food",
    "payments_to_dprk": "payments", "pay_per_soldier": "pay per soldier",
    "arms_sales_value": "arms earnings", "air_defence_systems": "air defence",
    "aircraft_supplied": "aircraft", "military_technology_items": "technology items",
    "ship_voyages": "ship voyages", "rail_cars": "rail cars", "flights": "flights",
}


def select(est: pd.DataFrame, quantities=QUANTITIES, estimators=(), start=None, end=None) -> pd.DataFrame:
    keep = est["quantity"].isin(list(quantities))
    if estimators:
        keep &= est["estimator_entity_id"].isin(list(estimators))
    if start is not None:
        keep &= est["date_end"].fillna(est["date_start"]) >= pd.Timestamp(start)
    if end is not None:
        keep &= est["date_start"] <= pd.Timestamp(end)
    out = est[keep].sort_values(["quantity", "date_start", "estimate_id"]).reset_index(drop=True)
    who = f" by {', '.join(estimators)}" if estimators else ""
    out.attrs["empty_note"] = (f"No estimates of {', '.join(quantities)}{who} between {start} and "
                               f"{end}. Widen the dates or choose other estimators.")
    out.attrs["selected_rows"] = len(out)
    return out


def value(est: pd.DataFrame) -> pd.Series:
    """One number to plot per row: best; else the middle of low-high; else the one bound."""
    mid = (est["low"].astype("Float64") + est["high"].astype("Float64")) / 2
    return est["best"].astype("Float64").fillna(mid).fillna(est["low"].astype("Float64")).fillna(
        est["high"].astype("Float64"))


def label(entities: pd.DataFrame) -> pd.Series:
    """A short name per entity for legends (kit.style.short_names, as a Series)."""
    from ..kit.style import short_names
    return pd.Series(short_names(entities))


def latest(est: pd.DataFrame, quantity: str, scope: str = "cumulative") -> pd.DataFrame:
    """Each estimator's most recent figure for one quantity and scope."""
    rows = est[(est["quantity"] == quantity) & (est["scope"] == scope)]
    rows = rows.sort_values("date_start").groupby("estimator_entity_id", observed=True).tail(1)
    return rows.assign(value=value(rows)).sort_values("value", ascending=False).reset_index(drop=True)


def figure_table(rows: pd.DataFrame, entities: pd.DataFrame, what: bool | None = None) -> pd.DataFrame:
    """The rows as a reader wants them: who, when, how many, how sure, and the source; with a
    column saying what each figure counts when the rows hold several quantities, or always
    (`what=True`: a table of a section that covers several, whatever the selection keeps)."""
    columns = ["as of", "estimator", "figure", "counts", "status", "source_id", "notes"]
    if rows.empty:
        out = pd.DataFrame(columns=columns)
        out.attrs = dict(rows.attrs)
        return out
    # rows of several quantities (killed, wounded, captured) say which each counts
    several = rows["quantity"].nunique() > 1 if what is None else what
    what = {"what": rows["quantity"].astype(object).map(QUANTITY_NAMES)} if several else {}
    names = label(entities)
    def how_many(r):
        lo, best, hi = (None if pd.isna(r[c]) else f"{int(r[c]):,}" for c in ("low", "best", "high"))
        return {"exact": best, "about": f"about {best}", "at_least": f"at least {lo}",
                "at_most": f"up to {hi}", "range": f"{lo}–{hi}" + (f" (best {best})" if best else "")
                }[r["qualifier"]]
    return pd.DataFrame({
        "as of": rows["date"].map(edtf_label), "estimator": rows["estimator_entity_id"].map(names), **what,
        "figure": rows.apply(how_many, axis=1), "counts": rows["scope"].map(SCOPE_LABELS),
        "status": rows["status"], "source_id": rows["source_id"], "notes": rows["notes"],
    })


LINESTYLES = ("-", "--", ":", "-.")


def draw_series(rows: pd.DataFrame, quantity: str, entities: pd.DataFrame, sources: pd.DataFrame,
                scopes=("cumulative",)):
    """One series per estimator, each with its own colour and marker shape: the best figure as
    a point, low-high as a vertical bar, an uncertain date as a horizontal bar, an arrow up
    for 'at least' and down for 'up to'; hollow points are not confirmed."""
    from matplotlib.lines import Line2D

    from .. import kit
    from ..kit import style
    rows = rows[(rows["quantity"] == quantity) & rows["scope"].isin(list(scopes))]
    if rows.empty:
        return kit.nothing_to_show(rows, f"No {', '.join(scopes)} estimates of {quantity} in "
                                      "this selection.")
    names = label(entities)
    fig, ax = style.figure(12, 5)
    y = value(rows)
    who_order = list(dict.fromkeys(rows.sort_values("date_start")["estimator_entity_id"]))
    looks = style.estimator_styles(who_order)
    handles = []
    for k, who in enumerate(who_order):
        grp = rows[rows["estimator_entity_id"] == who].sort_values("date_start")
        colour, marker = looks[who]
        dash = LINESTYLES[k % len(LINESTYLES)]
        yv = y[grp.index]
        ax.plot(grp["date_start"], yv, lw=1.0, ls=dash, color=colour, alpha=0.7)
        for i, r in grp.iterrows():
            if not pd.isna(r["low"]) and not pd.isna(r["high"]):
                ax.vlines(r["date_start"], r["low"], r["high"], color=colour, lw=2.5, alpha=0.5)
            if not pd.isna(r["date_end"]) and r["date_end"] > r["date_start"]:
                ax.hlines(yv[i], r["date_start"], r["date_end"], color=colour, lw=2.5, alpha=0.5)
            ax.plot(r["date_start"], yv[i], marker=marker, ms=7, color=colour,
                    mfc=colour if r["status"] == "confirmed" else "white", ls="none")
            if r["qualifier"] in ("at_least", "at_most"):
                up = r["qualifier"] == "at_least"
                ax.annotate("", xy=(r["date_start"], yv[i]), xytext=(0, 14 if up else -14),
                            textcoords="offset points",
                            arrowprops=dict(arrowstyle="<-", color=colour, lw=1.2))
        handles.append(Line2D([], [], marker=marker, color=colour, ls=dash, label=names.get(who, who)))
    style.date_axis(ax)
    ax.yaxis.set_major_formatter(style.thousands)
    ax.set_ylabel(LABELS.get(quantity, quantity))
    handles += [Line2D([], [], color="none", label=""),
                Line2D([], [], marker="o", mfc="white", color="#555", ls="none", label="hollow: not confirmed"),
                Line2D([], [], marker="$↑$", color="#555", ls="none", label="arrow up: at least; down: up to"),
                Line2D([], [], color="#555", lw=2.5, alpha=0.5, label="bar: range or date span")]
    style.legend_outside(ax, handles=handles)
    scope_text = " / ".join(SCOPE_LABELS[s] for s in scopes)
    text = LABELS.get(quantity, quantity)
    title = f"{text[0].upper()}{text[1:]}: {scope_text}, by estimator"
    ax.set_title(title)
    span = (f"one figure: {int(y.min()):,}" if len(y) == 1 else
            f"every figure {int(y.min()):,}" if y.min() == y.max() else
            f"figures from {int(y.min()):,} to {int(y.max()):,}")
    alt = (f"Line chart: {title}. {len(who_order)} estimator{'s' if len(who_order) != 1 else ''} "
           f"({', '.join(names.get(w, w) for w in who_order)}); {span}")
    return style.finish(fig, rows, sources, alt=alt, name=f"{quantity}-by-estimator")


def draw_latest(rows: pd.DataFrame, quantity: str, entities: pd.DataFrame, sources: pd.DataFrame,
                scope: str = "cumulative"):
    """Each estimator's latest figure side by side, with its range where one is given."""
    from .. import kit
    from ..kit import style
    last = latest(rows, quantity, scope)
    if last.empty:
        return kit.nothing_to_show(last, f"No {scope} estimates of {quantity} in this selection.")
    names = label(entities)
    countries = entities.set_index("entity_id")["country_iso3"]
    fig, ax = style.figure(9, 0.45 * len(last) + 1.6)
    ys = range(len(last))[::-1]
    for yv, (_, r) in zip(ys, last.iterrows()):
        colour = style.colour_of_country(countries.get(r["estimator_entity_id"]))
        ax.barh(yv, r["value"], color=colour, alpha=0.85 if r["status"] == "confirmed" else 0.55)
        if not pd.isna(r["low"]) and not pd.isna(r["high"]):
            ax.hlines(yv, r["low"], r["high"], color="#222", lw=1.5)
        ax.text(r["value"], yv, f"  {edtf_label(r['date'])}  ({r['qualifier'].replace('_', ' ')})",
                va="center", fontsize=8)
    ax.set_yticks(list(ys), [names.get(e, e) for e in last["estimator_entity_id"]])
    ax.xaxis.set_major_formatter(style.thousands)
    ax.set_xlim(0, last[["value", "high"]].max().max() * 1.35)
    ax.set_title(f"Latest figure of each estimator: {LABELS.get(quantity, quantity)}")
    return style.finish(fig, last, sources)


# Sentences the page states, computed from what it shows -----------------------------------

def _day(d) -> str:
    d = pd.Timestamp(d)
    return f"{d.day} {d:%b %Y}"


def describe_latest(rows: pd.DataFrame, quantity: str, entities: pd.DataFrame,
                    scope: str = "cumulative") -> str:
    """How far apart the estimators' latest figures are, for the selection shown."""
    last = latest(rows, quantity, scope)
    what = LABELS.get(quantity, quantity)
    if last.empty:
        return f"No estimator in this selection gives a figure of {what} ({SCOPE_LABELS[scope]})."
    names = label(entities)
    lo, hi = last.loc[last["value"].idxmin()], last.loc[last["value"].idxmax()]
    def who(r):
        return f"{names.get(r['estimator_entity_id'], r['estimator_entity_id'])}, {_day(r['date_start'])}"
    kind = "totals so far" if scope == "cumulative" else SCOPE_PLURALS[scope]
    if len(last) == 1:
        return (f"Only one estimator in this selection gives {kind} of {what}: "
                f"{int(lo['value']):,} ({who(lo)}).")
    if lo["value"] == hi["value"]:
        return f"The latest {kind} of all {len(last)} estimators agree: {int(lo['value']):,}."
    return (f"The latest {kind} of {len(last)} estimators range from "
            f"{int(lo['value']):,} ({who(lo)}) to {int(hi['value']):,} ({who(hi)}).")


def describe_other_scopes(rows: pd.DataFrame, quantity: str) -> str:
    other = rows[(rows["quantity"] == quantity) & (rows["scope"] != "cumulative")]
    if other.empty:
        return "Every figure of this quantity in the selection is a total so far."
    kinds = other["scope"].astype(str).map(SCOPE_PLURALS).value_counts()
    return (f"{len(other)} figure{'s' if len(other) != 1 else ''} count something else ("
            + ", ".join(f"{n} {k}" for k, n in kinds.items()) + "): listed below, not on the line.")
