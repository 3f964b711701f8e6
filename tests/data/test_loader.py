"""The loaders: one call per table, typed, cached, and refusing bad data."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from alliance import data
from alliance.data.schema import TABLE_NAMES, TABLES

from tests.support import BROKEN, VALID


def test_every_table_has_a_one_call_loader():
    for name in TABLE_NAMES:
        frame = getattr(data, name)(VALID)
        assert list(frame.columns)[:len(TABLES[name].columns)] == list(TABLES[name].column_names)


def test_columns_are_typed():
    events = data.load("events", VALID)
    assert events["date_start"].dtype == "datetime64[ns]"
    assert events["date_end"].dtype == "datetime64[ns]"
    assert isinstance(events["event_type"].dtype, pd.CategoricalDtype)
    assert "troop_deployment" in events["event_type"].cat.categories
    assert events.loc[1, "date_end"] == pd.Timestamp("2024-11-30")

    est = data.load("estimates", VALID)
    assert est["best"].dtype == "Int64"
    assert est["low"].isna().all()          # nullable, not float NaN
    assert est.loc[0, "best"] == 11000

    claims = data.load("claims", VALID)
    assert claims.loc[0, "evidence_source_ids"] == [
        "src_kbs_2025-02-04_nis_kursk", "src_dailymotion_pentagon_10000"]
    assert claims["rating_value"].dtype == "Int64"


def test_empty_cells_are_missing_and_no_string_becomes_nan():
    sources = data.load("sources", VALID)
    seed = sources.set_index("source_id").loc["src_seed_article_2026-01"]
    assert pd.isna(seed["url"])
    assert sources["title"].notna().all()


def test_events_carry_their_theme():
    events = data.load("events", VALID)
    assert list(events["theme"]) == ["military", "military"]


def test_returned_frames_are_copies():
    first = data.load("events", VALID)
    first.loc[0, "title"] = "changed"
    assert data.load("events", VALID).loc[0, "title"] != "changed"


def test_unknown_table_names_the_tables():
    with pytest.raises(KeyError, match="the tables are: sources, entities"):
        data.load("event", VALID)


def test_loading_a_broken_dataset_raises_with_every_problem(tmp_path):
    shutil.copytree(VALID, tmp_path / "d")
    shutil.copy(BROKEN / "na_strings" / "events.csv", tmp_path / "d")
    with pytest.raises(data.DataError) as err:
        data.load("sources", tmp_path / "d")
    assert len(err.value.problems) == 2
    assert "events.csv:3: place_id: 'NA' is not allowed" in str(err.value)


def test_an_edited_file_is_read_again(tmp_path):
    shutil.copytree(VALID, tmp_path / "d")
    path = tmp_path / "d" / "events.csv"
    old = "NIS sees no North Korean combat since mid-January"
    assert data.load("events", tmp_path / "d").loc[0, "title"] == old
    path.write_text(path.read_text().replace(old, "Edited title"))
    assert data.load("events", tmp_path / "d").loc[0, "title"] == "Edited title"


def test_data_version_changes_with_the_data(tmp_path):
    shutil.copytree(VALID, tmp_path / "d")
    before = data.data_version(tmp_path / "d")
    assert before == data.data_version(tmp_path / "d")
    (tmp_path / "d" / "trade.csv").write_text((VALID / "trade.csv").read_text() + "\n")
    assert data.data_version(tmp_path / "d") != before
