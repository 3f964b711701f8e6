"""The timeline lesson's functions."""
from __future__ import annotations

import pandas as pd
import pytest

from alliance import data, kit
from alliance.lessons import timeline

@pytest.fixture(scope="module")
def events():
    return data.events()


def test_select_keeps_events_whose_span_overlaps_the_window(events):
    sel = timeline.select_events(events, "2024-06-19", "2024-06-19")
    assert (sel["date_start"] <= "2024-06-19").all()
    assert ((sel["date_end"] >= "2024-06-19") | sel["date_end"].isna()).all()
    assert "evt_2024-06-19_treaty_signed_pyongyang" in set(sel["event_id"])
    # a month-precise event in June 2024 overlaps a window on 19 June
    month_events = events[(events["date"] == "2024-06")]
    assert set(month_events["event_id"]) <= set(sel["event_id"])


def test_select_filters_by_theme_actor_and_status(events):
    sel = timeline.select_events(events, "2023-01-01", "2026-12-31", themes=["diplomacy"],
                                 actors=["ent_shoigu"], min_status="confirmed")
    assert set(sel["theme"]) == {"diplomacy"}
    assert ((sel["actor1_id"] == "ent_shoigu") | (sel["actor2_id"] == "ent_shoigu")).all()
    assert set(sel["status"]) == {"confirmed"}
    everything = timeline.select_events(events, "2023-01-01", "2026-12-31", min_status="claimed")
    assert "claimed" in set(everything["status"])
    assert "claimed" not in set(timeline.select_events(events, "2023-01-01", "2026-12-31")["status"])


def test_an_empty_selection_carries_its_note(events):
    sel = timeline.select_events(events, "2020-01-01", "2020-01-02", themes=["treaty"])
    assert sel.empty
    note = kit.nothing_to_show(sel)
    assert "No events between 2020-01-01 and 2020-01-02 in the themes treaty" in note.message
    assert timeline.draw_lanes(sel, data.sources(), "2020-01-01", "2020-01-02").message == note.message


def test_monthly_tempo_counts_every_month_including_empty_ones(events):
    sel = timeline.select_events(events, "2024-01-01", "2024-12-31")
    tempo = timeline.monthly_tempo(sel, "2024-01-01", "2024-12-31")
    assert len(tempo) == 12
    assert tempo.to_numpy().sum() == (sel["date_start"].dt.year == 2024).sum()


def test_before_after_splits_at_the_pivot_month():
    idx = pd.period_range("2024-04", "2024-09", freq="M")
    tempo = pd.DataFrame({"diplomacy": [1, 1, 3, 3, 3, 3]}, index=idx)
    ba = timeline.before_after(tempo, pd.Timestamp("2024-06-19")).set_index("theme")
    assert ba.loc["diplomacy", "months before"] == 2
    assert ba.loc["diplomacy", "per month after"] == 3
    assert ba.loc["diplomacy", "change"] == 2
    assert "from 1.0 to 3.0 a month" in timeline.describe_change(ba)


def test_key_dates_come_from_the_data(events):
    dates = timeline.key_dates(events)
    assert dates["treaty signed"] == pd.Timestamp("2024-06-19")
    assert dates["in force"] == pd.Timestamp("2024-12-04")


def test_a_mark_is_written_as_precisely_as_its_event_is_known(events):
    dates = timeline.key_dates(events)
    troops = timeline.key_events(events)["troops reported"]
    assert troops["date_precision"] == "month" and dates["troops reported"].day == 1
    text = timeline.describe_marks(dates, "2024-01-01", "2025-12-31", events)
    assert "the first report of North Korean troops in Russia (Oct 2024)" in text
    assert "1 Oct 2024" not in text and text.endswith(" and the treaty's entry into force (4 Dec 2024).")


def test_a_meeting_in_a_third_country_is_a_trip_to_that_country(events):
    v = timeline.visits(events, data.entities(), data.places())
    beijing = v[v["title"] == "Putin and Kim hold bilateral talks in Beijing"]
    assert beijing["host"].iloc[0] == "Vladimir Putin" and beijing["direction"].iloc[0] == "PRK → CHN"
    trips = timeline.trips(v)
    sept = trips[(trips["visitor"] == "Kim Jong Un") & (trips["date_start"] == pd.Timestamp("2025-09-03"))]
    # the parade, the talks and the rest of the visit: one journey to China
    assert len(sept) == 1 and sept["stops"].iloc[0] >= 2
    assert set(beijing["source_id"]) <= set(sept["source_ids"].iloc[0])
    assert not ((trips["visitor"] == "Kim Jong Un") & (trips["direction"] == "PRK → RUS")
                & (trips["date_start"].dt.year == 2025) & (trips["date_start"].dt.month == 9)).any()


def test_trips_group_consecutive_stops(events):
    v = timeline.visits(events, data.entities())
    kim_2023 = v[(v["visitor"] == "Kim Jong Un") & (v["date_start"].dt.year == 2023)]
    assert len(kim_2023) >= 3                   # recorded stop by stop
    trips = timeline.trips(v)
    kim_trips = trips[(trips["visitor"] == "Kim Jong Un") & (trips["date_start"].dt.year == 2023)]
    assert len(kim_trips) == 1 and kim_trips["stops"].iloc[0] == len(kim_2023)
    assert set(kim_2023["source_id"]) == set(kim_trips["source_ids"].iloc[0])
    assert (v["direction"].str.count("→") == 1).all()


# Computed sentences ----------------------------------------------------------------------

def test_headline_counts_the_rows_and_names_the_window(events):
    sel = timeline.select_events(events, "2025-01-01", "2025-12-31")
    text = timeline.headline(sel, "2025-01-01", "2025-12-31", timeline.THEMES)
    assert text.startswith(f"{len(sel):,} events between 1 Jan 2025 and 31 Dec 2025 (every theme")
    statuses = [x for x in ("confirmed", "reported", "disputed", "claimed") if x in set(sel["status"])]
    assert "disputed" in statuses  # the default selection keeps disputed events: say so
    assert f"status {', '.join(statuses[:-1])} or {statuses[-1]}" in text
    earlier = int((sel["date_start"] < pd.Timestamp("2025-01-01")).sum())
    assert earlier > 0 and f"; {earlier} of them began before 1 Jan 2025)" in text
    confirmed = sel[(sel["status"] == "confirmed") & (sel["date_start"] >= pd.Timestamp("2025-01-01"))]
    one = timeline.headline(confirmed.head(1), "2025-01-01", "2025-01-02", ["treaty"], min_status="confirmed")
    assert one.startswith("1 event between") and one.endswith("(treaty; status confirmed).")


def test_the_tempo_chart_draws_only_the_events_it_counts(events):
    sel = timeline.select_events(events, "2025-01-01", "2025-12-31")
    tempo = timeline.monthly_tempo(sel, "2025-01-01", "2025-12-31")
    chart = timeline.draw_tempo(tempo, sel, data.sources(), {})
    counted = int(tempo.to_numpy().sum())
    assert counted < len(sel)  # some selected events began in 2023 or 2024
    assert f"Drawn from {counted} rows" in chart.alt and len(chart.data) == counted


def test_marks_outside_the_period_are_not_claimed():
    marks = {"treaty signed": pd.Timestamp("2024-06-19"), "in force": pd.Timestamp("2024-12-04")}
    assert "None of the marked dates" in timeline.describe_marks(marks, "2025-01-01", "2025-12-31")
    text = timeline.describe_marks(marks, "2024-01-01", "2024-08-01")
    assert text == "The dashed lines mark the treaty's signing (19 Jun 2024)."


def test_change_table_is_a_note_when_the_period_is_on_one_side():
    idx = pd.period_range("2025-01", "2025-12", freq="M")
    tempo = pd.DataFrame({"diplomacy": [1] * 12}, index=idx)
    out = timeline.change_table(tempo, pd.Timestamp("2024-06-19"))
    assert "lies after the treaty's signing (19 Jun 2024)" in out.message


def test_describe_milestones_and_trips_follow_the_rows(events):
    sel = timeline.select_events(events, "2024-06-01", "2024-06-30")
    marks = timeline.milestones(sel)
    assert f"mark {len(marks)} milestone" in timeline.describe_milestones(marks)
    assert "No milestone" in timeline.describe_milestones(marks.iloc[0:0])
    trips = timeline.trips(timeline.visits(sel, data.entities()))
    text = timeline.describe_trips(trips)
    assert text.startswith(f"{len(trips)} high-level trip")
    assert timeline.describe_trips(trips.iloc[0:0]) == "No high-level visit falls in this selection."


def test_the_change_sentence_names_themes_as_the_chart_does_and_agrees_in_number():
    idx = pd.period_range("2024-04", "2024-09", freq="M")
    tempo = pd.DataFrame({"statements": [0, 0, 3, 3, 3, 3], "military": [1, 1, 2, 2, 2, 2],
                          "diplomacy": [1, 1, 1.5, 1.5, 1.5, 1.5], "sanctions_un": [2, 2, 1, 1, 1, 1]},
                         index=idx)
    text = timeline.describe_change(timeline.before_after(tempo, pd.Timestamp("2024-06-19")))
    assert "The largest rises are in statements (+3.0) and military (+1.0)." in text
    assert "Only sanctions / UN (-1.0) fell." in text
    two = timeline.describe_change(timeline.before_after(tempo.drop(columns="diplomacy"), pd.Timestamp("2024-06-19")))
    assert "Statements (+3.0) and military (+1.0) rose." in two
