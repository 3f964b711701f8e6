"""The troops lesson's functions: estimates by estimator."""
from __future__ import annotations

import pandas as pd
import pytest

from alliance import data
from alliance.lessons import troops as estimates

@pytest.fixture(scope="module")
def t():
    return data.load_all()


def test_value_prefers_best_then_midpoint_then_the_one_bound():
    est = pd.DataFrame({"low": pd.array([None, 10, 10, None], dtype="Int64"),
                        "best": pd.array([5, None, None, None], dtype="Int64"),
                        "high": pd.array([None, 20, None, 30], dtype="Int64")})
    assert list(estimates.value(est)) == [5, 15, 10, 30]


def test_select_by_estimator_and_window(t):
    sel = estimates.select(t["estimates"], ["troops_sent"], ["ent_nis"], "2025-01-01", "2025-12-31")
    assert set(sel["estimator_entity_id"]) == {"ent_nis"}
    assert (sel["date_start"] >= "2025-01-01").all() and (sel["date_start"] <= "2025-12-31").all()


def test_latest_takes_each_estimators_most_recent_figure_of_one_scope(t):
    last = estimates.latest(t["estimates"], "troops_sent")
    assert not last["estimator_entity_id"].duplicated().any()
    assert set(last["scope"]) == {"cumulative"}
    nis = t["estimates"].query("estimator_entity_id == 'ent_nis' and quantity == 'troops_sent' "
                               "and scope == 'cumulative'")
    assert last.set_index("estimator_entity_id").loc["ent_nis", "date_start"] == nis["date_start"].max()


def test_figure_table_words_each_qualifier(t):
    rows = t["estimates"][t["estimates"]["qualifier"].isin(["range", "at_least", "at_most", "about"])]
    table = estimates.figure_table(rows, t["entities"])
    words = " ".join(table["figure"])
    assert "at least" in words and "up to" in words and "about" in words and "–" in words
    assert estimates.figure_table(rows.head(0), t["entities"]).empty


def test_a_quantity_outside_the_selection_gets_its_own_note(t):
    sel = estimates.select(t["estimates"], ["artillery_shells"], (), "2023-07-01", "2026-03-31")
    out = estimates.draw_series(sel, "troops_sent", t["entities"], t["sources"])
    assert "No cumulative estimates of troops_sent" in out.message  # not the selection's note


def test_describe_latest_names_the_range_and_its_ends(t):
    rows = estimates.select(t["estimates"], ["troops_sent"])
    last = estimates.latest(rows, "troops_sent")
    text = estimates.describe_latest(rows, "troops_sent", t["entities"])
    assert f"totals so far of {len(last)} estimators range from {int(last['value'].min()):,}" in text
    nis = estimates.select(t["estimates"], ["troops_sent"], ["ent_nis"])
    assert estimates.describe_latest(nis, "troops_sent", t["entities"]).startswith("Only one estimator")
    assert estimates.describe_latest(nis.iloc[0:0], "troops_sent", t["entities"]).startswith("No estimator")


def test_describe_other_scopes_counts_what_is_not_on_the_line(t):
    rows = estimates.select(t["estimates"], ["troops_sent"])
    n = int((rows["scope"] != "cumulative").sum())
    assert estimates.describe_other_scopes(rows, "troops_sent").startswith(f"{n} figures count something else")


def test_a_table_of_several_quantities_says_what_each_figure_counts():
    est, entities = data.estimates(), data.entities()
    mixed = est[est["quantity"].isin(["troops_killed", "troops_wounded", "prisoners_captured"])]
    table = estimates.figure_table(mixed, entities)
    assert set(table["what"]) == {"killed", "wounded", "captured"}
    one = estimates.figure_table(est[est["quantity"] == "troops_sent"], entities)
    assert "what" not in one  # one quantity: the section says what it counts
    workers = est[(est["quantity"] == "workers_sent")]
    assert list(estimates.figure_table(workers, entities, what=True)["what"].unique()) == ["workers"]


def test_a_series_of_one_estimator_is_worded_in_the_singular(t):
    sel = estimates.select(t["estimates"], ["shipping_containers"], ["ent_nis"])
    chart = estimates.draw_series(sel, "shipping_containers", t["entities"], t["sources"])
    assert len(sel) == 1  # the NIS gave one containers figure
    assert "1 estimator (NIS); one figure: 13,000." in chart.alt


def test_as_of_dates_read_as_dates(t):
    rows = estimates.select(t["estimates"], ["troops_sent"], ["ent_nis"])
    table = estimates.figure_table(rows, t["entities"])
    assert not table["as of"].str.match(r"^\d{4}-\d{2}").any()
    assert "23 Oct 2024" in set(table["as of"])
