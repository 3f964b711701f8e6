"""The curated dataset: it validates, and it cannot silently shrink below what the
project promises (minimum counts, coverage of the story, every row sourced)."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from alliance import data
from alliance.data import schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def t():
    return data.load_all()


def test_the_dataset_validates():
    assert [str(p) for p in data.validate() if p.severity == "error"] == []


@pytest.mark.parametrize("table, minimum", [
    ("events", 320), ("estimates", 180), ("places", 25), ("claims", 30), ("sources", 800),
    ("defense_clauses", 7),
])
def test_minimum_counts(t, table, minimum):
    assert len(t[table]) >= minimum


def test_what_russia_gives_is_counted(t):
    from alliance.data.schema import QUANTITY_DIRECTION
    gives = [q for q, d in QUANTITY_DIRECTION.items() if d == "rus_to_prk"]
    rows = t["estimates"][t["estimates"]["quantity"].isin(gives)]
    assert len(rows) >= 40
    assert rows["estimator_entity_id"].nunique() >= 5  # not one voice


def test_events_span_july_2023_to_2026(t):
    e = t["events"]
    assert e["date_start"].min() <= pd.Timestamp("2023-07-31")
    assert e["date_start"].max() >= pd.Timestamp("2026-01-01")


@pytest.mark.parametrize("event_type", [
    "summit_or_visit", "letter_or_message", "agreement_signed", "ratification",
    "entry_into_force", "treaty_invocation", "un_vote", "sanctions_action", "troop_deployment",
    "capture", "arms_transfer", "infrastructure", "labour",
])
def test_the_story_is_covered(t, event_type):
    assert (t["events"]["event_type"] == event_type).any()


def test_every_theme_has_events(t):
    assert set(t["events"]["theme"].dropna()) == set(schema.THEMES)


def test_treaty_has_preamble_and_23_articles(t):
    arts = t["treaty_articles"]
    arts = arts[arts["treaty_id"] == "ent_treaty_rus_prk_2024"]
    assert sorted(arts["article_no"]) == list(range(0, 24))


def test_articles_without_summary_say_why(t):
    arts = t["treaty_articles"]
    missing = arts[arts["summary"].isna()]
    assert missing["notes"].notna().all()
    assert arts.loc[arts["article_no"] == 4, "summary"].notna().all()


def test_defense_clauses_cover_the_seven_treaties(t):
    compared = t["defense_clauses"]
    compared = set(compared.loc[compared["in_comparison"].fillna(False), "treaty_id"])
    assert {"ent_treaty_rus_prk_2024", "ent_treaty_rus_prk_2000", "ent_treaty_ussr_prk_1961",
            "ent_treaty_prc_prk_1961", "ent_treaty_nato_1949", "ent_treaty_us_kor_1953",
            "ent_treaty_us_jpn_1960"} <= compared


def test_estimates_cover_each_quantity_and_several_estimators(t):
    e = t["estimates"]
    for q in ("troops_sent", "troops_killed", "troops_wounded", "prisoners_captured",
              "artillery_shells", "shipping_containers", "ballistic_missiles", "workers_sent"):
        assert (e["quantity"] == q).any(), q
    troops = e[e["quantity"] == "troops_sent"]
    assert troops["estimator_entity_id"].nunique() >= 5


def test_trade_has_china_dprk_years_and_russia_figures(t):
    tr = t["trade"]
    china = tr[(tr["reporter_iso3"] == "CHN") & (tr["partner_iso3"] == "PRK")]
    assert china["year"].nunique() >= 5
    russia = tr[
        (tr["reporter_iso3"].isin(["RUS", "PRK"])) & (tr["partner_iso3"].isin(["RUS", "PRK"]))]
    assert not russia.empty
    assert (tr["flow"] == "share").any()


def test_places_with_coordinates(t):
    assert t["places"]["latitude"].notna().sum() >= 25


def test_seed_article_is_a_reviewed_source_without_url(t):
    s = t["sources"].set_index("source_id")
    seed = s.loc["src_seed_article_2026-01"]
    assert seed["source_type"] == "reviewed_article"
    assert pd.isna(seed["url"]) and "no URL" in seed["notes"].replace("No URL", "no URL")
    assert (t["claims"]["article_source_id"] == "src_seed_article_2026-01").sum() >= 30


def test_every_claim_has_evidence_unless_unsupported_or_uncheckable(t):
    c = t["claims"]
    needs = c[~c["verdict"].isin(["unsupported", "not_checkable"])]
    assert needs["evidence_source_ids"].map(len).gt(0).all()


def test_every_record_names_a_source_that_exists(t):
    known = set(t["sources"]["source_id"])
    for name, frame in t.items():
        if "source_id" in frame and name != "sources":
            assert frame["source_id"].notna().all(), name
            assert set(frame["source_id"]) <= known, name


def test_no_blank_url_without_a_reason(t):
    s = t["sources"]
    assert s.loc[s["url"].isna(), "notes"].notna().all()


def test_urls_are_unique(t):
    urls = t["sources"]["url"].dropna()
    assert not urls.duplicated().any(), urls[urls.duplicated()].tolist()


def test_data_card_lists_every_vocabulary_value():
    card = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for vocab in (schema.SOURCE_TYPES, schema.ENTITY_TYPES, schema.EVENT_TYPES, schema.THEMES,
                  schema.QUANTITIES, schema.TREATY_TOPICS, schema.VERDICTS, schema.STATUSES,
                  schema.ROUTE_MODES, schema.ROUTE_CARRIES, schema.ESTIMATE_SCOPES, schema.VOTES):
        for value in vocab:
            assert re.search(rf"\b{re.escape(value)}\b", card), value


# The usual theme of an event type, with the curated exceptions (each one justified here).
THEME_EXCEPTIONS = {
    "evt_2024-06_tumen_road_bridge_agreement": "an infrastructure agreement, not a treaty step",
}


def test_each_event_has_its_types_usual_theme_or_sanctions_un(t):
    e = t["events"]
    usual = e["event_type"].astype(object).map(schema.USUAL_THEME)
    odd = e[(e["theme"].astype(object) != usual) & (e["theme"] != "sanctions_un")
            & ~e["event_id"].isin(list(THEME_EXCEPTIONS))]
    assert odd.empty, odd[["event_id", "event_type", "theme"]].to_string()
