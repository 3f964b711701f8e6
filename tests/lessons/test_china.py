"""The China lesson's functions."""
from __future__ import annotations

import pandas as pd
import pytest

from alliance import data
from alliance.lessons import china

@pytest.fixture(scope="module")
def t():
    return data.load_all()


def test_trade_series_keep_missing_years_as_gaps(t):
    s = china.series(t["trade"], "total", range(2018, 2026))
    assert pd.isna(s.loc[2018, "China–DPRK, Chinese customs"])      # no figure: a gap, not 0
    assert s.loc[2019, "China–DPRK, Chinese customs"] > 1e9
    assert s.loc[2023, "Russia–DPRK"] < s.loc[2023, "China–DPRK, Chinese customs"] / 10


def test_the_vote_adds_up_to_the_council(t):
    v = china.vote_table(t["votes"])
    assert v["members"].sum() == 15
    assert v.set_index("voter_label").loc["Russia", "vote"] == "no"
    assert v.set_index("voter_label").loc["China", "vote"] == "abstain"


def test_contacts_pair_north_korea_with_each_neighbour(t):
    c = china.contacts(t["events"], t["entities"])
    assert set(c["pair"]) == {"China–DPRK", "Russia–DPRK"}
    assert c["event_type"].isin(["summit_or_visit", "letter_or_message"]).all()


def test_the_contacts_chart_labels_at_most_a_dozen_years_or_so():
    from alliance import data
    events, entities = data.events(), data.entities()
    c = china.contacts(events, entities)
    assert c["year"].max() - c["year"].min() > 12  # decades of background contacts
    chart = china.draw_contacts(c, data.sources())
    ax = chart.figure.axes[0]
    chart.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert 3 <= len(labels) <= 14
    recent = china.contacts(events, entities, years=[2023, 2024, 2025])
    ax = china.draw_contacts(recent, data.sources()).figure.axes[0]
    assert list(ax.get_xticks()) == [2023, 2024, 2025]
