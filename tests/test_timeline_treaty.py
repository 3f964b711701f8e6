"""Unit tests for the functions the timeline and treaty lessons call."""
from __future__ import annotations

import datetime as dt

import matplotlib
import pandas as pd
import pytest

from alliance import cite, data, lesson, plots, timeline, treaty

matplotlib.use("Agg")


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
    note = lesson.nothing_to_show(sel)
    assert "No events between 2020-01-01 and 2020-01-02 in the themes treaty" in note.data
    assert timeline.draw_lanes(sel, data.sources(), "2020-01-01", "2020-01-02").data == note.data


def test_monthly_tempo_counts_every_month_including_empty_ones(events):
    sel = timeline.select_events(events, "2024-01-01", "2024-12-31")
    tempo = timeline.monthly_tempo(sel, "2024-01-01", "2024-12-31")
    assert len(tempo) == 12
    assert tempo.to_numpy().sum() == (sel["date_start"].dt.year == 2024).sum()


def test_before_after_splits_at_the_pivot_month():
    idx = pd.period_range("2024-04", "2024-09", freq="M")
    tempo = pd.DataFrame({"diplomacy": [1, 1, 3, 3, 3, 3]}, index=idx)
    ba = timeline.before_after(tempo, pd.Timestamp("2024-06-19"))
    assert ba.loc["diplomacy", "months before"] == 2
    assert ba.loc["diplomacy", "per month after"] == 3
    assert ba.loc["diplomacy", "change"] == 2
    assert "from 1.0 to 3.0 a month" in timeline.describe_change(ba)


def test_key_dates_come_from_the_data(events):
    dates = timeline.key_dates(events)
    assert dates["treaty signed"] == pd.Timestamp("2024-06-19")
    assert dates["in force"] == pd.Timestamp("2024-12-04")


def test_trips_group_consecutive_stops(events):
    v = timeline.visits(events, data.entities())
    kim_2023 = v[(v["visitor"] == "Kim Jong Un") & (v["date_start"].dt.year == 2023)]
    assert len(kim_2023) >= 3                   # recorded stop by stop
    trips = timeline.trips(v)
    kim_trips = trips[(trips["visitor"] == "Kim Jong Un") & (trips["date_start"].dt.year == 2023)]
    assert len(kim_trips) == 1 and kim_trips["stops"].iloc[0] == len(kim_2023)
    assert set(kim_2023["source_id"]) == set(kim_trips["source_ids"].iloc[0])
    assert (v["direction"].str.count("→") == 1).all()


def test_treaty_articles_topics_and_coverage():
    arts = treaty.articles(data.treaty_articles())
    assert list(arts["article_no"]) == list(range(24))
    cov = treaty.coverage(arts)
    assert cov["articles"] == 23 and cov["with summary"] + cov["without summary"] == 23
    defence = treaty.articles(data.treaty_articles(), ["mutual_defense"])
    assert 4 in set(defence["article_no"])
    grid = treaty.topic_grid(arts)
    assert grid.loc[4, "mutual_defense"]


def test_compare_clauses_puts_the_2024_treaty_first_and_marks_unknowns():
    m = treaty.compare_clauses(data.defense_clauses(), data.entities(), ["ent_treaty_prc_prk_1961"])
    assert m.columns[0].startswith("Treaty on Comprehensive Strategic Partnership")
    assert m.loc["'All means' wording"].iloc[0] == "yes"
    assert m.loc["Subject to national law"].iloc[1] == "—"   # not in the stored text
    with pytest.raises(KeyError, match="no defence clause recorded for: ent_treaty_nope"):
        treaty.compare_clauses(data.defense_clauses(), data.entities(), ["ent_treaty_nope"])


def test_article4_reading_has_the_four_steps_with_sources():
    r = treaty.article4_reading(data.defense_clauses(), data.treaty_articles())
    assert [s.split(".")[0] for s in r["step"][:4]] == ["1", "2", "3", "4"]
    assert r["source_id"].notna().all()
    assert "UN Charter" in r.loc[3, "what the text says"]


def test_ratification_steps_count_days_from_signing(events):
    s = treaty.ratification_steps(events)
    assert s.loc[0, "days since signing"] == 0
    into_force = s[s["event_type"] == "entry_into_force"].iloc[0]
    assert into_force["days since signing"] == (dt.date(2024, 12, 4) - dt.date(2024, 6, 19)).days
    assert set(s["theme"]) == {"treaty"}


# Charts and sources -----------------------------------------------------------------------

def test_a_chart_of_unsourced_rows_cannot_be_drawn():
    fig, _ = plots.figure()
    rows = pd.DataFrame({"source_id": ["src_x", None]})
    with pytest.raises(plots.NoSourcesError, match="row 1 has no source_id"):
        plots.finish(fig, rows, data.sources())
    with pytest.raises(plots.NoSourcesError, match="no 'source_id' column"):
        plots.finish(fig, pd.DataFrame({"x": [1]}), data.sources())
    with pytest.raises(plots.NoSourcesError, match="unknown source ids: src_nowhere"):
        plots.finish(fig, pd.DataFrame({"source_id": ["src_nowhere"]}), data.sources())


def test_footer_names_the_outlets_of_the_rows_plotted_and_logs_them():
    cite.log.clear()
    sources = data.sources()
    rows = sources.head(3)[["source_id"]]
    fig, _ = plots.figure()
    ids = plots.finish(fig, rows, sources)
    footer = fig.texts[-1].get_text()
    assert footer.startswith("Source: ")
    for publisher in sources.head(3)["publisher"].dropna():
        assert publisher in footer
    assert "3 documents, listed under Sources" in footer
    assert cite.log.ids == ids


def test_sources_section_escapes_and_links():
    sources = pd.DataFrame([{"source_id": "src_a", "title": "<b>A & B</b>", "publisher": "X",
                             "url": "https://example.org/?a=1&b=2", "date_published": "2024",
                             "syndicated_from": None, "notes": None}])
    html = cite.sources_html(sources, ["src_a"])
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in html
    assert 'href="https://example.org/?a=1&amp;b=2"' in html


def test_figures_render_the_same_twice_without_a_display(tmp_path):
    paths = []
    for k in range(2):
        fig = treaty.draw_steps(treaty.ratification_steps(data.events()), data.sources())
        paths.append(tmp_path / f"f{k}.svg")
        fig.savefig(paths[-1], format="svg", metadata={"Date": None})
    assert paths[0].read_bytes() == paths[1].read_bytes()
