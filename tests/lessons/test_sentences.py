"""Sentences of lessons 00, 04 and 05, computed from the rows shown."""
from __future__ import annotations

from alliance import data
from alliance.lessons import china, claims, overview

SEED = "src_seed_article_2026-01"


def test_describe_trade_gives_the_ratio_of_the_latest_common_year():
    t = china.select_trade(data.trade(), range(2018, 2026), ["total"])
    s = china.series(t, "total", range(2018, 2026))
    both = s.dropna(subset=["China–DPRK, Chinese customs", "Russia–DPRK"])
    year = both.index.max()
    text = china.describe_trade(t, range(2018, 2026))
    ratio = both.loc[year, "China–DPRK, Chinese customs"] / both.loc[year, "Russia–DPRK"]
    assert text.startswith(f"In {year}, China–DPRK trade") and f"{ratio:,.0f} times" in text
    only = china.select_trade(data.trade(), [2024], ["share"])
    assert china.describe_trade(only, [2024]).startswith("No China–DPRK total")


def test_describe_verdicts_adds_up_to_the_claims_shown():
    c = claims.select(data.claims(), SEED)
    text = claims.describe_verdicts(c)
    assert text.startswith(f"Of the {len(c)} claims shown, ")
    numbers = [int(w) for w in text.replace(",", " ").split() if w.isdigit()]
    assert sum(numbers[1:]) == len(c)
    assert claims.describe_verdicts(c.iloc[0:0]) == "No claim is shown."


def test_overview_sentences():
    sources = data.sources()
    text = overview.describe_source_mix(sources)
    assert f"of {len(sources):,}" in text
    assert overview.describe_lessons().split()[0].isdigit()
    assert "data version abc" in overview.citation("abc")
