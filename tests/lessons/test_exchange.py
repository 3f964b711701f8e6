"""The exchange lesson's functions: both flows, who estimates them, how firm they are."""
from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

from alliance import catalogue, data, kit
from alliance.data.schema import QUANTITIES, QUANTITY_DIRECTION
from alliance.lessons import exchange


@pytest.fixture(scope="module")
def t():
    return data.load_all()


def fake(*rows) -> pd.DataFrame:
    """Estimates rows: (quantity, estimator, date_start, status[, qualifier, low, best, high])."""
    out = []
    for i, r in enumerate(rows):
        quantity, who, day, status, *fig = r
        qualifier, low, best, high = fig or ("exact", None, 10, None)
        out.append(dict(estimate_id=f"est_{i}", quantity=quantity, estimator_entity_id=who,
                        date=day, date_start=pd.Timestamp(day), date_end=pd.Timestamp(day),
                        date_precision="day", low=low, best=best, high=high, scope="cumulative",
                        qualifier=qualifier, unit="persons", status=status, source_id=f"src_{i}"))
    est = pd.DataFrame(out)
    for c in ("low", "best", "high"):
        est[c] = est[c].astype("Int64")
    return est


ENTITIES = pd.DataFrame({"entity_id": ["ent_a", "ent_b", "ent_c"], "name": ["Alpha", "Beta", "Gamma"],
                         "aliases": [None, None, None], "country_iso3": ["KOR", "UKR", "USA"]})


# Selecting -------------------------------------------------------------------------------

def test_directions_are_the_vocabularys_and_the_catalogues():
    assert exchange.DIRECTIONS == ("prk_to_rus", "rus_to_prk", "both")
    assert catalogue.LESSONS["06_exchange"].param("directions").choices == exchange.DIRECTIONS


def test_every_quantity_has_a_group_a_colour_and_a_short_name():
    for q in QUANTITIES:
        assert exchange.GROUP[q] in exchange.GROUP_COLOURS and exchange.SHORT[q]


def test_select_keeps_the_directions_estimators_and_window(t):
    sel = exchange.select(t["estimates"], ["rus_to_prk"], [], "2024-01-01", "2025-12-31")
    assert set(sel["direction"]) == {"rus_to_prk"}
    assert set(sel["quantity"].map(QUANTITY_DIRECTION)) == {"rus_to_prk"}
    assert (sel["date_start"] <= "2025-12-31").all()
    assert (sel["date_end"].fillna(sel["date_start"]) >= "2024-01-01").all()
    nis = exchange.select(t["estimates"], exchange.DIRECTIONS, ["ent_nis"], "2023-07-01", "2026-03-31")
    assert set(nis["estimator_entity_id"]) == {"ent_nis"}
    whole = t["estimates"]
    assert len(exchange.select(whole, exchange.DIRECTIONS, [], "1900-01-01", "2100-01-01")) == len(whole)


def test_an_empty_selection_names_its_parameters(t):
    sel = exchange.select(t["estimates"], ["both"], [], "2023-07-01", "2023-08-01")
    assert sel.empty and sel.attrs["selected_rows"] == 0
    assert "directions both" in sel.attrs["empty_note"] and "2023-08-01" in sel.attrs["empty_note"]


# Wording ---------------------------------------------------------------------------------

def test_amount_words_each_unit():
    assert exchange.amount(1_000_000, "barrels") == "1,000,000 barrels"
    assert exchange.amount(1, "systems") == "1 system"
    assert exchange.amount(1, "persons") == "1 person"
    assert exchange.amount(3, "persons") == "3 people"
    assert exchange.amount(66, "railcars") == "66 rail cars"
    assert exchange.amount(1_340_000_000, "USD") == "$1.34 billion"
    assert exchange.amount(540_000_000, "USD") == "$540 million"
    assert exchange.amount(2000, "USD_per_month") == "$2,000 a month"


def test_worded_says_each_qualifier_with_its_unit():
    row = dict(unit="tonnes", low=600_000, best=None, high=700_000, qualifier="range")
    assert exchange.worded(row) == "600,000–700,000 tonnes"
    assert exchange.worded({**row, "unit": "USD", "low": 143_000_000, "high": 572_000_000}) == \
        "$143 million–$572 million"
    assert exchange.worded({**row, "qualifier": "at_least"}) == "at least 600,000 tonnes"
    assert exchange.worded({**row, "qualifier": "at_most"}) == "up to 700,000 tonnes"
    assert exchange.worded({**row, "qualifier": "about", "best": 540}) == "about 540 tonnes"
    assert exchange.worded({**row, "qualifier": "exact", "best": 1080}) == "1,080 tonnes"


def test_when_follows_the_dates_precision():
    day = pd.Timestamp("2024-05-02")
    assert exchange.when(dict(date_start=day, date_end=day, date_precision="day")) == "2 May 2024"
    assert exchange.when(dict(date_start=day, date_end=day, date_precision="month")) == "May 2024"
    assert exchange.when(dict(date_start=day, date_end=day, date_precision="year")) == "2024"
    span = dict(date_start=day, date_end=pd.Timestamp("2024-06-01"), date_precision="range")
    assert exchange.when(span) == "2 May 2024–1 Jun 2024"


def test_status_phrase_counts_each_status_and_says_none_confirmed():
    est = fake(("troops_sent", "ent_a", "2024-01-01", "confirmed"),
               ("troops_sent", "ent_a", "2024-02-01", "reported"),
               ("troops_sent", "ent_b", "2024-03-01", "reported"),
               ("troops_sent", "ent_b", "2024-04-01", "claimed"))
    assert exchange.status_phrase(est) == "1 confirmed, 2 reported and 1 claimed"
    assert exchange.status_phrase(est.iloc[1:3]) == "none confirmed and 2 reported"
    assert exchange.status_phrase(est.iloc[:1]) == "1 confirmed"


def both_ways():
    est = fake(("troops_sent", "ent_a", "2024-10-18", "reported"),
               ("troops_sent", "ent_b", "2025-01-05", "claimed"),
               ("artillery_shells", "ent_a", "2025-04-30", "confirmed"),
               ("payments_to_dprk", "ent_a", "2025-08-14", "claimed"))
    est["direction"] = est["quantity"].map(QUANTITY_DIRECTION)
    return est


def test_direction_line_counts_figures_quantities_estimators_dates_and_statuses():
    est = both_ways()
    assert exchange.direction_line(est, "prk_to_rus") == (
        "What North Korea sends: 3 figures on 2 quantities from 2 estimators, dated Oct 2024 "
        "to Apr 2025; 1 confirmed, 1 reported and 1 claimed.")
    assert exchange.direction_line(est, "rus_to_prk") == (
        "What Russia gives back: 1 figure on 1 quantity from 1 estimator, dated Aug 2025; "
        "none confirmed and 1 claimed.")
    assert exchange.direction_line(est, "both") == \
        "Carriers of both flows (ships, rail, flights): no estimate in this selection."


@pytest.mark.parametrize("directions", [list(c) for n in (1, 2, 3)
                                        for c in itertools.combinations(exchange.DIRECTIONS, n)])
def test_describe_is_true_for_every_choice_of_directions(t, directions):
    sel = exchange.select(t["estimates"], directions, [], "2023-07-01", "2026-03-31")
    note = exchange.describe(sel, directions)
    assert isinstance(note, kit.Note) and note.kind == "finding"
    for d in exchange.DIRECTIONS:
        label = exchange.DIRECTION_LABELS[d]
        assert (label in note.message) == (d in directions)
        rows = sel[sel["direction"] == d]
        if d in directions and not rows.empty:
            m = re.search(re.escape(label) + r": (\d+) figures? on (\d+) quantit", note.message)
            assert (int(m[1]), int(m[2])) == (len(rows), rows["quantity"].nunique())
            confirmed = int((rows["status"] == "confirmed").sum())
            assert (f"{confirmed} confirmed" if confirmed else "none confirmed") in note.message


def test_describe_gives_the_selections_note_when_nothing_is_selected(t):
    sel = exchange.select(t["estimates"], ["both"], [], "2023-07-01", "2023-08-01")
    assert exchange.describe(sel, ["both"]).message == sel.attrs["empty_note"]


def test_describe_says_when_one_direction_is_empty_in_the_selection(t):
    sel = exchange.select(t["estimates"], exchange.DIRECTIONS, ["ent_nis"], "2025-01-01", "2025-12-31")
    assert "What Russia gives back: no estimate in this selection." in exchange.describe(sel).message


def test_estimators_line_names_those_who_count_both_flows():
    est = both_ways()
    assert exchange.estimators_line(est, ENTITIES) == (
        "2 estimators gave the figures selected; 1 of them gives figures for both flows: Alpha.")
    only_one = est[est["direction"] == "prk_to_rus"]
    assert exchange.estimators_line(only_one, ENTITIES).endswith("only one of the two flows.")
    apart = est.assign(estimator_entity_id=["ent_a", "ent_a", "ent_a", "ent_c"])
    assert exchange.estimators_line(apart, ENTITIES).endswith("none of them gave figures for both flows.")
    assert exchange.estimators_line(est.head(0), ENTITIES) == "No estimator in this selection."


def test_estimators_line_on_the_data(t):
    sel = exchange.select(t["estimates"], exchange.DIRECTIONS, [], "2023-07-01", "2026-03-31")
    line = exchange.estimators_line(sel, t["entities"])
    assert line.startswith(f"{sel['estimator_entity_id'].nunique()} estimators")
    assert "MSMT" in line  # MSMT counted shells and oil


# Tables ------------------------------------------------------------------------------------

def test_who_estimates_counts_each_estimators_figures_per_quantity(t):
    sel = exchange.select(t["estimates"], exchange.DIRECTIONS, [], "2023-07-01", "2026-03-31")
    table = exchange.who_estimates(sel, t["entities"], "rus_to_prk")
    rows = sel[sel["direction"] == "rus_to_prk"]
    assert table["total"].sum() == len(rows)
    assert len(table) == rows["estimator_entity_id"].nunique()
    assert list(table["total"]) == sorted(table["total"], reverse=True)
    assert set(table.columns) - {"estimator", "total"} == {exchange.SHORT[q] for q in set(rows["quantity"])}
    assert set(kit.source_ids_of(table)) == set(rows["source_id"])


def test_an_empty_direction_table_says_which_direction(t):
    sel = exchange.select(t["estimates"], ["prk_to_rus"], [], "2023-07-01", "2026-03-31")
    nis = exchange.select(t["estimates"], exchange.DIRECTIONS, ["ent_nis"], "2025-01-01", "2025-12-31")
    for make in (exchange.who_estimates, exchange.latest_figures):
        out = make(sel, t["entities"], "rus_to_prk")
        assert out.empty
        assert kit.table(out).message == "What Russia gives back: not among the directions chosen."
        out = make(nis, t["entities"], "rus_to_prk")
        assert kit.table(out).message == "What Russia gives back: no estimate in this selection."
    nothing = exchange.select(t["estimates"], ["both"], [], "2023-07-01", "2023-08-01")
    out = exchange.who_estimates(nothing, t["entities"], "both")
    assert kit.table(out).message == nothing.attrs["empty_note"]


def test_latest_figures_keeps_each_estimators_last_figure_with_its_unit(t):
    sel = exchange.select(t["estimates"], exchange.DIRECTIONS, [], "2023-07-01", "2026-03-31")
    table = exchange.latest_figures(sel, t["entities"], "rus_to_prk")
    rows = sel[sel["direction"] == "rus_to_prk"]
    assert len(table) == len(rows.groupby(["quantity", "estimator_entity_id"], observed=True))
    assert not table.duplicated(["quantity", "estimator"]).any()
    inss = rows[(rows["estimator_entity_id"] == "ent_kor_inss") & (rows["quantity"] == "payments_to_dprk")]
    last = inss.sort_values("date_start").iloc[-1]
    assert last["source_id"] in set(table["source_id"])
    assert table["figure"].str.contains("barrels").any() and table["figure"].str.contains(r"\$").any()


def test_select_events_gives_each_transfer_its_direction(t):
    ev = exchange.select_events(t["events"], t["entities"], exchange.DIRECTIONS, "2023-07-01", "2026-03-31")
    assert set(ev["event_type"]) <= set(exchange.EVENT_TYPES) and "retracted" not in set(ev["status"])
    assert set(ev.loc[ev["event_type"] == "economic_agreement", "direction"]) == {"both"}
    country = t["entities"].set_index("entity_id")["country_iso3"]
    sends = ev[ev["direction"] == "prk_to_rus"]
    assert set(sends["actor1_id"].map(country)) == {"PRK"} and set(sends["actor2_id"].map(country)) == {"RUS"}
    only = exchange.select_events(t["events"], t["entities"], ["rus_to_prk"], "2023-07-01", "2026-03-31")
    assert set(only["direction"]) == {"rus_to_prk"} and len(only) == len(ev[ev["direction"] == "rus_to_prk"])
    none = exchange.select_events(t["events"], t["entities"], ["both"], "2023-07-01", "2023-07-02")
    assert none.empty and kit.table(exchange.event_table(none)).message == none.attrs["empty_note"]


def test_events_line_counts_by_direction_and_status():
    ev = pd.DataFrame({
        "event_id": ["e1", "e2", "e3"], "direction": ["prk_to_rus", "rus_to_prk", "prk_to_rus"],
        "date_start": pd.to_datetime(["2024-01-04", "2025-09-17", "2023-09-07"]),
        "date_end": pd.to_datetime(["2024-01-04", "2025-09-17", "2023-10-01"]),
        "date_precision": ["day", "day", "range"], "status": ["confirmed", "reported", "confirmed"]})
    assert exchange.events_line(ev) == ("3 events (2 North Korea → Russia, 1 Russia → North Korea), "
                                        "dated Sep 2023 to Sep 2025; 2 confirmed and 1 reported.")
    assert exchange.events_line(ev.head(0)) == "No transfer or agreement event in this selection."


def test_event_table_words_dates_and_directions(t):
    ev = exchange.select_events(t["events"], t["entities"], exchange.DIRECTIONS, "2023-07-01", "2026-03-31")
    table = exchange.event_table(ev)
    assert len(table) == len(ev) and set(table["which way"]) <= set(exchange.EVENT_WAY.values())
    assert table["source_id"].notna().all()


# Drawing ----------------------------------------------------------------------------------

def test_lanes_and_labels():
    est = both_ways()
    assert exchange.lanes(est, "prk_to_rus") == ["troops_sent", "artillery_shells"]
    assert exchange.lane_label("refined_petroleum_supplied", "barrels") == "refined oil (barrels)"
    assert exchange.lane_label("shipping_containers", "containers") == "containers"
    names = pd.Series({"ent_a": "Alpha"})
    assert exchange.latest_label(est[est["quantity"] == "troops_sent"], names) == \
        "latest: 10 people (ent_b, 5 Jan 2025)"


def filled_and_hollow(ax):
    filled = hollow = 0
    for line in ax.lines:
        if line.get_marker() != "o":
            continue
        n = len(line.get_xdata())
        if line.get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0)):
            hollow += n
        else:
            filled += n
    return filled, hollow


def test_draw_exchange_marks_every_figure_filled_only_when_confirmed(t):
    sel = exchange.select(t["estimates"], exchange.DIRECTIONS, [], "2023-07-01", "2026-03-31")
    chart = exchange.draw_exchange(sel, t["entities"], t["sources"], "2023-07-01", "2026-03-31")
    assert isinstance(chart, kit.Chart)
    assert set(chart.source_ids) == set(sel["source_id"])
    panels = [ax for ax in chart.figure.axes if ax.get_title(loc="left")]
    assert len(panels) == 3
    for ax, d in zip(panels, exchange.DIRECTIONS):
        rows = sel[sel["direction"] == d]
        assert filled_and_hollow(ax) == (int((rows["status"] == "confirmed").sum()),
                                         int((rows["status"] != "confirmed").sum()))
        assert ax.get_title(loc="left").startswith(exchange.DIRECTION_LABELS[d] + f": {len(rows)} figures")


def test_draw_exchange_leaves_out_an_empty_direction_and_an_empty_selection(t):
    sel = exchange.select(t["estimates"], exchange.DIRECTIONS, ["ent_nis"], "2025-01-01", "2025-12-31")
    chart = exchange.draw_exchange(sel, t["entities"], t["sources"], "2025-01-01", "2025-12-31")
    titles = [ax.get_title(loc="left") for ax in chart.figure.axes if ax.get_title(loc="left")]
    assert len(titles) == 1 and titles[0].startswith("What North Korea sends")
    nothing = exchange.select(t["estimates"], ["both"], [], "2023-07-01", "2023-08-01")
    note = exchange.draw_exchange(nothing, t["entities"], t["sources"], "2023-07-01", "2023-08-01")
    assert isinstance(note, kit.Note) and note.message == nothing.attrs["empty_note"]


def test_draw_exchange_with_the_background_since_2014(t):
    sel = exchange.select(t["estimates"], ["rus_to_prk"], [], "2014-01-01", "2026-03-31")
    assert (sel["date_start"] < "2023-01-01").sum() >= 8  # the food-aid background rows
    chart = exchange.draw_exchange(sel, t["entities"], t["sources"], "2014-01-01", "2026-03-31",
                                   ["rus_to_prk"])
    assert chart.alt.startswith("Estimates by as-of date, 1 Jan 2014 to 31 Mar 2026")
    assert f"what Russia gives back, {len(sel)} figures" in chart.alt


def test_an_event_span_known_to_the_month_is_written_in_months_and_one_direction_is_all():
    from alliance import data as d
    from alliance.lessons import exchange as ex
    row = pd.Series({"date": "2023-09/2025-03", "date_start": pd.Timestamp("2023-09-01"),
                     "date_end": pd.Timestamp("2025-03-31"), "date_precision": "months"})
    assert ex.when(row) == "Sep 2023 – Mar 2025"
    ev = ex.select_events(d.events(), d.entities(), ["rus_to_prk"])
    assert len(ev) > 1
    assert ex.events_line(ev).startswith(f"{len(ev)} events, all Russia → North Korea, dated ")
    both = ex.select_events(d.events(), d.entities())
    assert ex.events_line(both).startswith(f"{len(both)} events (") and "North Korea → Russia" in ex.events_line(both)
