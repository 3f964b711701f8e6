"""Unit tests for the functions lessons 00 and 03-05 call: estimates, maps (offline),
China's trade and vote, claims and ClaimReview, the dataset overview."""
from __future__ import annotations

import json
import socket

import matplotlib
import pandas as pd
import pytest

from alliance import china, claims, data, estimates, lesson, maps, overview, params

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def t():
    return data.load_all()


# Estimates ------------------------------------------------------------------------------

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
    assert "No cumulative estimates of troops_sent" in out.data  # not the selection's note


# Maps -----------------------------------------------------------------------------------

def test_maps_are_drawn_without_touching_the_network(t, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    maps.basemap.cache_clear()
    for region in maps.REGIONS:
        fig = maps.draw(region, t["places"], t["routes"], t["sources"])
        footer = fig.texts[-1].get_text()
        assert "Natural Earth" in footer


def test_basemaps_record_their_provenance():
    for region in maps.REGIONS:
        geo = maps.basemap(region)
        assert geo["source"]["dataset"].startswith("Natural Earth")
        assert len(geo["source"]["sha256"]) == 64
        assert geo["features"]


def test_regional_maps_draw_only_routes_wholly_inside(t):
    fig = maps.draw("tumen_border", t["places"], t["routes"], t["sources"])
    # the Moscow-Pyongyang flight leaves the box: not drawn here
    rows_inside = [r for r in t["routes"].itertuples() if r.route_id in (
        "rte_rajin_dunai_munitions", "rte_chongjin_vladivostok_troops")]
    assert len(rows_inside) == 2
    arrows = [a for a in fig.axes[0].texts if a.get_text() == ""]
    assert len(arrows) == sum(
        1 for r in t["routes"].itertuples()
        if all(129.4 <= p.longitude <= 133.6 and 41.5 <= p.latitude <= 44.6
               for p in (t["places"].set_index("place_id").loc[[r.from_place_id, r.to_place_id]].itertuples()))
    )


def test_places_without_coordinates_are_listed(t):
    missing = maps.without_coordinates(t["places"], t["places"]["place_id"])
    assert "Kursk Oblast" in missing
    assert "Pyongyang" not in missing


# China ----------------------------------------------------------------------------------

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


# Claims -----------------------------------------------------------------------------------

SEED = "src_seed_article_2026-01"


def test_claimreview_has_the_fields_fact_checkers_require(t):
    c = claims.select(t["claims"], SEED)
    reviews = claims.claimreview(c, t["sources"], SEED, review_url="https://example.org/claims")
    assert len(reviews) == len(c)
    for r in reviews:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["claimReviewed"] and len(r["claimReviewed"]) <= 100
        assert r["reviewRating"]["alternateName"]
        assert r["itemReviewed"]["@type"] == "Claim"
        assert r["itemReviewed"]["appearance"]["name"].startswith("Putin and North Korea")
        assert r["author"]["name"] and r["datePublished"] and r["url"].startswith("https://example.org/claims#")
        rating = r["reviewRating"]
        if "ratingValue" in rating:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    json.loads(claims.claimreview_json(c, t["sources"], SEED))  # valid JSON


def test_unrated_verdicts_have_no_rating_value(t):
    c = claims.select(t["claims"], SEED, verdicts=["not_checkable"])
    for r in claims.claimreview(c, t["sources"], SEED):
        assert "ratingValue" not in r["reviewRating"]
        assert r["reviewRating"]["alternateName"] == "not checkable"


def test_a_source_that_is_not_a_reviewed_article_is_refused(t):
    with pytest.raises(params.ParameterError, match="not a reviewed_article"):
        claims.article(t["sources"], "src_kbs_2023-10-13_tikhoretsk")


def test_claims_html_escapes_and_links(t):
    c = claims.select(t["claims"], SEED).head(3).copy()
    c.loc[0, "claim_reviewed"] = "<script>x</script>"
    html = claims.claims_html(c, t["sources"])
    assert "<script>x" not in html and "&lt;script&gt;" in html
    assert html.count("<li>") == 3 and "href=" in html


# Overview and parameters ---------------------------------------------------------------------

def test_overview_counts_match_the_tables(t):
    r = overview.records(t).set_index("table")["records"]
    assert r["events"] == len(t["events"])
    u = overview.uncertainty(t).set_index("measure")["count"]
    assert u["events disputed (sources disagree)"] == (t["events"]["status"] == "disputed").sum()


def test_ids_in_parameters_must_exist_in_the_data():
    with pytest.raises(params.ParameterError, match="'ent_nobody' is not an id in entities.csv"):
        lesson.start("01_timeline", actors=["ent_nobody"])
    lesson.start("01_timeline", actors=["ent_shoigu"])  # exists: fine
