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
