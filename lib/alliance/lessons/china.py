"""Where Beijing stands: trade by year, the 2024 vote on the sanctions panel, and contacts."""
from __future__ import annotations

import pandas as pd

# Each trade series: (label, reporter, partner, basis values, colour key)
SERIES = (
    ("China–DPRK, Chinese customs", "CHN", "PRK", ("reported_customs",), "CHN"),
    ("DPRK–China, KOTRA estimate", "PRK", "CHN", ("estimate",), "KOR"),
    ("Russia–DPRK", "RUS", "PRK", ("reported_customs", "official_statement", "estimate"), "RUS"),
)
PANEL_VOTE = "evt_2024-03-28_unsc_veto_poe_renewal"


def select_trade(trade: pd.DataFrame, years, flows) -> pd.DataFrame:
    t = trade[trade["year"].isin(list(years)) & trade["flow"].isin(list(flows))]
    out = t.sort_values(["reporter_iso3", "partner_iso3", "flow", "year"]).reset_index(drop=True)
    out.attrs["empty_note"] = (f"No trade figures for the years {min(years)}–{max(years)} and flows "
                               f"{', '.join(flows)}.")
    out.attrs["selected_rows"] = len(out)
    return out


def series(t: pd.DataFrame, flow: str, years) -> pd.DataFrame:
    """Years x series for one flow; a year no source gives stays empty (a gap, not a zero)."""
    cols = {}
    for label, rep, par, bases, _ in SERIES:
        rows = t[(t["reporter_iso3"] == rep) & (t["partner_iso3"] == par) & (t["flow"] == flow)
                 & t["basis"].isin(bases)]
        cols[label] = rows.groupby("year")["value"].first()
    out = pd.DataFrame(cols).reindex(sorted(years)).rename_axis("year")
    return out.astype("float64")  # NaN for a missing year: plotted as a gap


def draw_trade(t: pd.DataFrame, years, sources: pd.DataFrame):
    """Total trade by year, log scale so Russia's small figures stay visible; years with no
    figure are marked as gaps."""
    from .. import kit
    from ..kit import style
    s = series(t, "total", years)
    if s.notna().sum().sum() == 0:
        return kit.nothing_to_show(t, "No total trade figures in this selection.")
    fig, ax = style.figure(12, 4.8)
    for label, *_, colour in SERIES:
        ys = s[label]
        if ys.notna().any():
            ax.plot(s.index, ys, marker="o", color=style.colour_of_country(colour), label=label)
    for year in s.index[s.isna().all(axis=1)]:
        ax.axvspan(year - 0.4, year + 0.4, color="#eee", zorder=0)
        ax.text(year, 0.5, "no figure", rotation=90, ha="center", va="center", fontsize=7,
                color="#777", transform=ax.get_xaxis_transform())
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(style.matplotlib.ticker.FuncFormatter(_usd))
    ax.set_xticks(list(s.index))
    ax.set_ylabel("total trade, US dollars (log scale)")
    style.legend_outside(ax)
    ax.set_title("North Korea's trade with China and with Russia, by year")
    return style.finish(fig, t[t["flow"] == "total"], sources)


def draw_share(t: pd.DataFrame, years, sources: pd.DataFrame):
    """China's share of North Korea's trade where a source states it; gaps left as gaps."""
    from .. import kit
    from ..kit import style
    rows = t[(t["flow"] == "share") & (t["partner_iso3"] == "CHN")]
    if rows.empty:
        return kit.nothing_to_show(rows, "No stated shares of trade in this selection.")
    share = rows.groupby("year")["value"].first().reindex(sorted(years)).astype("float64")
    fig, ax = style.figure(8, 3.8)
    ax.bar(share.index, share.fillna(0).values, color=style.colour_of_country("CHN"))
    for year, v in share.items():
        ax.text(year, (v if pd.notna(v) else 0) + 1, f"{v:.1f}%" if pd.notna(v) else "no figure",
                ha="center", fontsize=8, color="#333" if pd.notna(v) else "#777")
    ax.set_ylim(0, 110)
    ax.set_xticks(list(share.index))
    ax.set_ylabel("China's share of DPRK trade (%)")
    ax.set_title("How much of North Korea's trade is with China")
    return style.finish(fig, rows, sources)


def _usd(x, _):
    return f"${x / 1e9:.1f}bn" if x >= 1e9 else f"${x / 1e6:.0f}m" if x >= 1e6 else f"${x:,.0f}"


def vote_table(votes: pd.DataFrame, event_id: str = PANEL_VOTE) -> pd.DataFrame:
    return votes[votes["event_id"] == event_id].reset_index(drop=True)


def draw_vote(votes: pd.DataFrame, sources: pd.DataFrame, event_id: str = PANEL_VOTE):
    """The Council's 15 seats, coloured by vote; a group the sources do not break down is
    labelled as a group."""
    from .. import kit
    from ..kit import style
    v = vote_table(votes, event_id)
    if v.empty:
        return kit.nothing_to_show(v, "No recorded votes for this event.")
    colours = {"yes": "#2a9d8f", "no": "#c0392b", "abstain": "#e6a700"}
    fig, ax = style.figure(10, 2.6)
    x = 0
    for r in v.itertuples():
        ax.barh(0, r.members, left=x, color=colours[r.vote], edgecolor="white")
        ax.text(x + r.members / 2, 0, f"{r.voter_label}\n{r.vote}", ha="center", va="center",
                fontsize=8.5, color="white", fontweight="bold")
        x += r.members
    ax.set_xlim(0, x)
    ax.set_yticks([])
    ax.set_xticks(range(0, x + 1, 5))
    ax.set_xlabel("Security Council members")
    ax.grid(False)
    ax.set_title("28 March 2024: the vote to renew the UN sanctions panel")
    return style.finish(fig, v, sources)


def contacts(events: pd.DataFrame, entities: pd.DataFrame, years=None) -> pd.DataFrame:
    """High-level contacts (visits, letters) between North Korea and China or Russia, with
    the pair each belongs to."""
    c = events[events["event_type"].isin(["summit_or_visit", "letter_or_message"])].copy()
    country = entities.set_index("entity_id")["country_iso3"]
    a, b = c["actor1_id"].map(country), c["actor2_id"].map(country)
    pair = pd.Series(pd.NA, index=c.index, dtype="object")
    for other, label in (("CHN", "China–DPRK"), ("RUS", "Russia–DPRK")):
        pair[((a == "PRK") & (b == other)) | ((a == other) & (b == "PRK"))] = label
    c["pair"] = pair
    c["year"] = c["date_start"].dt.year
    c = c[c["pair"].notna()]
    if years is not None:
        c = c[c["year"].isin(list(years))]
    return c.reset_index(drop=True)


def draw_contacts(c: pd.DataFrame, sources: pd.DataFrame):
    from .. import kit
    from ..kit import style
    if c.empty:
        return kit.nothing_to_show(c, "No high-level contacts in this selection.")
    counts = c.groupby(["year", "pair"]).size().unstack(fill_value=0)
    fig, ax = style.figure(11, 4)
    width = 0.38
    for j, (pair, colour) in enumerate((("China–DPRK", "CHN"), ("Russia–DPRK", "RUS"))):
        if pair in counts:
            ax.bar(counts.index + (j - 0.5) * width, counts[pair], width,
                   color=style.colour_of_country(colour), label=pair)
    years = list(counts.index)
    if years[-1] - years[0] <= 12:
        ax.set_xticks(years)
    else:  # decades of background contacts: a labelled tick every few years, not every year
        from matplotlib.ticker import MaxNLocator
        ax.xaxis.set_major_locator(MaxNLocator(nbins=12, integer=True))
    ax.set_ylabel("visits and letters recorded")
    style.integer_ticks(ax.yaxis)
    style.legend_outside(ax)
    ax.set_title("High-level contacts per year: China–DPRK and Russia–DPRK")
    return style.finish(fig, c, sources)


def chinese_statements(events: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    country = entities.set_index("entity_id")["country_iso3"]
    s = events[(events["event_type"] == "official_statement") & (events["actor1_id"].map(country) == "CHN")]
    return s.sort_values("date_start").reset_index(drop=True)


# Sentences the page states, computed from what it shows -----------------------------------

def describe_trade(t: pd.DataFrame, years) -> str:
    """The latest year both China's customs and a Russia figure give a total, and the ratio."""
    s = series(t, "total", years)
    china, russia = s["China–DPRK, Chinese customs"], s["Russia–DPRK"]
    both = s.index[china.notna() & russia.notna()]
    if len(both):
        y = both.max()
        ratio = china[y] / russia[y]
        return (f"In {y}, China–DPRK trade by Chinese customs was {_usd(china[y], None)}, "
                f"{ratio:,.0f} times the Russia–DPRK figure ({_usd(russia[y], None)}).")
    if china.notna().any():
        y = china.last_valid_index()
        return (f"In {y}, China–DPRK trade by Chinese customs was {_usd(china[y], None)}; no "
                "Russia–DPRK total is recorded for the years shown.")
    return "No China–DPRK total from Chinese customs is recorded for the years and flows shown."


def describe_statements(said: pd.DataFrame) -> str:
    if said.empty:
        return "No statement by a Chinese official is recorded."
    return (f"{len(said)} statements by Chinese officials are recorded, from "
            f"{said['date_start'].min():%b %Y} to {said['date_start'].max():%b %Y}.")
