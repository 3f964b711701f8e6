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
