"""The overview lesson's functions."""
from __future__ import annotations

import pytest

from alliance import data
from alliance.lessons import overview

@pytest.fixture(scope="module")
def t():
    return data.load_all()


def test_overview_counts_match_the_tables(t):
    r = overview.records(t).set_index("table")["records"]
    assert r["events"] == len(t["events"])
    u = overview.uncertainty(t).set_index("measure")["count"]
    assert u["events disputed (sources disagree)"] == (t["events"]["status"] == "disputed").sum()


def test_the_share_of_the_commonest_source_type_is_rounded_once():
    """1,389 of 2,000 is 69.45%: 69%, not the 70% of rounding a rounded 69.5."""
    import pandas as pd
    sources = pd.DataFrame({"source_id": [f"src_{i}" for i in range(2000)],
                            "source_type": pd.Categorical(["news_report"] * 1389 + ["official"] * 611),
                            "syndicated_from": [None] * 2000})
    assert "(1,389 of 2,000, 69%)" in overview.describe_source_mix(sources)


def test_the_overview_charts_describe_and_link_what_they_draw(t):
    chart = overview.draw_records(t, t["sources"])
    assert list(chart.data["table"]) == list(t) and chart.data["records"].sum() == sum(map(len, t.values()))
    total = sum(map(len, t.values()))
    assert chart.alt.startswith(f"The dataset, table by table: {len(t)} tables, {total:,} records; "
                                f"the largest is sources ({len(t['sources']):,})")
    mix = overview.draw_source_mix(t["sources"])
    assert mix.data["sources"].sum() == len(t["sources"]) and "source_id" not in mix.data
    assert f"{len(t['sources']):,} sources of {len(mix.data)} kinds" in mix.alt
