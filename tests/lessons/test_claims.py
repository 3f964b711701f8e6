"""The claims lesson's functions and ClaimReview."""
from __future__ import annotations

import json

import pytest

from alliance import data
from alliance.errors import ParameterError
from alliance.lessons import claims

SEED = "src_seed_article_2026-01"

@pytest.fixture(scope="module")
def t():
    return data.load_all()


def test_claimreview_has_the_fields_fact_checkers_require(t):
    c = claims.select(t["claims"], SEED)
    reviews = claims.claimreview(c, t["sources"], SEED, base="https://example.org/alliance/")
    assert len(reviews) == len(c)
    for r in reviews:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["claimReviewed"] and len(r["claimReviewed"]) <= 100
        assert r["reviewRating"]["alternateName"]
        assert r["itemReviewed"]["@type"] == "Claim"
        assert r["itemReviewed"]["appearance"]["name"].startswith("Putin and North Korea")
        assert r["author"]["name"] and r["datePublished"] and r["url"].startswith(
            "https://example.org/alliance/report/05_claims_check--defaults.html#clm_")
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
    with pytest.raises(ParameterError, match="not a reviewed_article"):
        claims.article(t["sources"], "src_kbs_2023-10-13_tikhoretsk")


def test_claims_html_escapes_and_links(t):
    c = claims.select(t["claims"], SEED).head(3).copy()
    c.loc[0, "claim_reviewed"] = "<script>x</script>"
    html = claims.claims_html(c, t["sources"])
    assert "<script>x" not in html and "&lt;script&gt;" in html
    assert html.count("<li id=\"clm_") == 3 and "href=" in html


def test_the_timeline_line_of_a_claim_reads_its_dates_as_dates(t):
    c = claims.select(t["claims"], SEED)
    c = c[c["related_event_ids"].map(len) > 0].head(5)
    html = claims.claims_html(c, t["sources"], t["events"])
    line = html.split("On the timeline: ", 1)[1]
    assert not line[:10].startswith(("2023-", "2024-", "2025-", "2026-"))
    import re
    assert re.match(r"(\d{1,2}(–\d{1,2})? )?[A-Z][a-z]{2} 20\d\d", line)


def test_the_low_rated_table_says_where_in_the_article_each_claim_is(t):
    low = claims.low_rated(claims.select(t["claims"], SEED))
    assert "claim_id" not in low and low["where in the article"].str.contains("¶").any()
