"""The validator: every fault is reported with file, line and column, all at once."""
from __future__ import annotations

import shutil

import pytest

from alliance import data

from tests.support import BROKEN, VALID, Dataset


def test_the_valid_fixture_has_no_problems():
    assert data.validate(VALID) == []


# One broken dataset per fault: (fault folder, file, line, column, words the message must hold)
BROKEN_CASES = [
    ("missing_column", "events.csv", 1, "status", "required column is missing"),
    ("extra_column", "events.csv", 1, "colour", "unexpected column"),
    ("bad_date", "events.csv", 2, "date_end", "'2024-13-01' is not a date (YYYY-MM-DD)"),
    ("month_day_span", "events.csv", 3, "date_precision", "'month' does not fit the span"),
    ("dangling_foreign_key", "events.csv", 2, "actor1_id", "'ent_nobody' matches no entity_id"),
    ("duplicate_id", "estimates.csv", 3, "estimate_id", "is a duplicate id (also on line 2)"),
    ("low_above_high", "estimates.csv", 2, "high", "10000 is less than low 12000"),
    ("utf8_bom", "sources.csv", 1, "header", "byte-order mark"),
    ("na_strings", "events.csv", 3, "place_id", "'NA' is not allowed"),
    ("na_strings", "events.csv", 3, "notes", "'None' is not allowed"),
    ("empty_file", "claims.csv", 1, "header", "file is empty"),
    ("not_utf8", "sources.csv", 3, "title", "byte 0xe9 at character 55 is not valid UTF-8"),
]


@pytest.mark.parametrize("fault, file, line, column, words", BROKEN_CASES,
                         ids=[f"{c[0]}-{c[3]}" for c in BROKEN_CASES])
def test_each_broken_dataset_names_file_line_and_column(tmp_path, fault, file, line, column, words):
    ds = Dataset.copy_of(VALID, tmp_path / "data")
    for f in (BROKEN / fault).iterdir():
        shutil.copy(f, ds.path / f.name)
    problems = ds.problems()
    prefix = f"{ds.path / file}:{line}: {column}: "
    hits = [p for p in problems if p.startswith(prefix)]
    assert hits, f"no problem starts with {prefix!r}; got {problems}"
    assert any(words in p for p in hits), hits


def test_every_broken_fixture_is_covered():
    assert {c[0] for c in BROKEN_CASES} == {p.name for p in BROKEN.iterdir()}


def test_a_missing_column_is_reported_once_not_once_per_row(tmp_path):
    ds = Dataset.copy_of(VALID, tmp_path / "data")
    shutil.copy(BROKEN / "missing_column" / "events.csv", ds.path)
    assert [p for p in ds.problems() if ": status: " in p] == [
        p for p in ds.problems() if p.startswith(f"{ds.path / 'events.csv'}:1: status:")]


def test_all_problems_are_reported_in_one_run(dataset):
    dataset.edit("events", 0, date_end="2024-13-01", status="NA")
    dataset.edit("estimates", 0, best="lots")
    problems = dataset.problems()
    assert any("events.csv:2: date_end" in p for p in problems)
    assert any("events.csv:2: status" in p for p in problems)
    assert any("estimates.csv:2: best: 'lots' is not a whole number" in p for p in problems)


def test_a_malformed_cell_is_not_reported_a_second_time_by_cross_checks(dataset):
    dataset.edit("events", 0, date_end="2024-13-01")
    assert [p for p in dataset.problems() if "events.csv:2:" in p] == [
        f"{dataset.path / 'events.csv'}:2: date_end: '2024-13-01' is not a date (YYYY-MM-DD)"]


# Cross-table and row rules ------------------------------------------------------------

def only(dataset, where):
    hits = [p for p in dataset.problems() if where in p]
    assert hits, f"expected a problem at {where!r}; got {dataset.problems()}"
    return hits[0]


def test_edtf_date_must_agree_with_start(dataset):
    dataset.edit("events", 0, date_start="2025-02-03")
    assert "does not match date '2025-02-04'" in only(dataset, "events.csv:2: date_start")


def test_start_after_end(dataset):
    dataset.edit("events", 0, date="2025-02-04/2025-02-01", date_end="2025-02-01")
    assert "not an EDTF date" in only(dataset, "events.csv:2: date")


def test_open_ended_interval_needs_empty_end(dataset):
    dataset.edit("events", 1, date="2024-11/..", date_end="", date_precision="range")
    assert not [p for p in dataset.problems() if "events.csv:3" in p]
    dataset.edit("events", 1, date_end="2024-11-30")
    assert "which ends on empty" in only(dataset, "events.csv:3: date_end")


@pytest.mark.parametrize("values, column, words", [
    ({"qualifier": "range"}, "low", "qualifier 'range' needs low and high"),
    ({"qualifier": "exact", "low": "10"}, "low", "qualifier 'exact' means low stays empty"),
    ({"qualifier": "at_least"}, "low", "needs low"),
    ({"qualifier": "at_most", "high": "20000"}, "best", None),
    ({"best": "", "qualifier": "about"}, "best", "all empty"),
    ({"low": "12000", "qualifier": "about"}, "best", "11000 is less than low 12000"),
])
def test_estimate_values_agree_with_qualifier(dataset, values, column, words):
    dataset.edit("estimates", 0, **values)
    problems = [p for p in dataset.problems() if "estimates.csv:2:" in p]
    if words is None:  # at_most with best and high: allowed
        assert problems == []
    else:
        assert any(f": {column}: " in p and words in p for p in problems), problems


def test_verdict_must_match_rating_value(dataset):
    dataset.edit("claims", 0, verdict="not_checkable", rating_value="4")
    assert "expected empty" in only(dataset, "claims.csv:2: rating_value")
    dataset.edit("claims", 0, verdict="inaccurate", rating_value="")
    assert "expected 1" in only(dataset, "claims.csv:2: rating_value")


def test_every_item_of_an_id_list_resolves(dataset):
    dataset.edit("claims", 0, evidence_source_ids="src_kbs_2025-02-04_nis_kursk;src_nowhere")
    assert "'src_nowhere' matches no source_id" in only(dataset, "claims.csv:2: evidence_source_ids")


def test_id_lists_take_no_spaces(dataset):
    dataset.edit("claims", 0, evidence_source_ids="src_kbs_2025-02-04_nis_kursk; src_seed_article_2026-01")
    assert "';'-separated list" in only(dataset, "claims.csv:2: evidence_source_ids")


def test_citation_must_point_to_an_existing_record(dataset):
    dataset.edit("citations", 0, record_id="est_missing")
    assert "is not a record of estimates.csv" in only(dataset, "citations.csv:2: record_id")


def test_a_url_must_look_like_a_url(dataset):
    dataset.edit("sources", 0, url="world.kbs.co.kr/news")
    assert "does not look like a URL" in only(dataset, "sources.csv:2: url")


def test_a_blank_url_needs_a_reason(dataset):
    dataset.edit("sources", 3, notes="")
    assert "must say why" in only(dataset, "sources.csv:5: url")


def test_vocabulary_values_are_checked(dataset):
    dataset.edit("events", 0, event_type="party")
    assert "is not one of: summit_or_visit" in only(dataset, "events.csv:2: event_type")


def test_numbers_are_range_checked(dataset):
    dataset.edit("places", 0, latitude="91.5", longitude="east")
    assert "between -90 and 90" in only(dataset, "places.csv:2: latitude")
    assert "is not a number" in only(dataset, "places.csv:2: longitude")


def test_trade_share_must_be_in_percent(dataset):
    dataset.append("trade", trade_id="trd_test", year="2023", reporter_iso3="PRK", partner_iso3="CHN",
                   flow="share", value="98", unit="USD", basis="estimate",
                   source_id="src_kbs_2025-02-04_nis_kursk")
    assert "a share is in percent" in only(dataset, "trade.csv:2: unit")


def test_treaty_ids_must_name_a_treaty(dataset):
    dataset.append("defense_clauses", treaty_id="ent_prk", clause_ref="Art. 1", in_comparison="yes", parties="PRK",
                   year_signed="2024", source_id="src_kbs_2025-02-04_nis_kursk")
    assert "expected an entity of type 'treaty'" in only(dataset, "defense_clauses.csv:2: treaty_id")


def test_composite_keys_are_unique(dataset):
    for _ in range(2):
        dataset.append("treaty_articles", treaty_id="ent_prk", article_no="4", heading="Art. 4",
                       summary="x", source_id="src_kbs_2025-02-04_nis_kursk")
    assert "repeats the record on line 2" in only(dataset, "treaty_articles.csv:3: treaty_id+article_no")


def test_rows_with_the_wrong_number_of_fields(dataset):
    path = dataset.path / "entities.csv"
    path.write_text(path.read_text() + "ent_x,X,state\n\n")
    assert "has 3 fields, the header has 11" in only(dataset, "entities.csv:5: row")
    assert "blank line" in only(dataset, "entities.csv:6: row")


def test_a_missing_table_file_is_reported(dataset):
    (dataset.path / "trade.csv").unlink()
    assert "table file is missing" in only(dataset, "trade.csv:1: file")


def test_quoted_cells_with_newlines_keep_line_numbers_right(dataset):
    rows = dataset.rows("events")
    rows[0]["description"] = "first line\nsecond line"
    rows[1]["status"] = "rumoured"
    dataset.write("events", rows)
    # row 1 spans lines 2-3, so row 2 starts on line 4
    assert "is not one of" in only(dataset, "events.csv:4: status")


def test_errors_trust_a_stamp_only_for_the_bytes_it_was_written_for(tmp_path, monkeypatch):
    """The render's check before any kernel: a full check the first time, the stamp's word for
    the same bytes later (a copy elsewhere included), a full check again after any edit."""
    from alliance.data import loading
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    full_checks = []
    real = loading.cross_table_problems
    monkeypatch.setattr(loading, "cross_table_problems", lambda t: full_checks.append(1) or real(t))
    ds = Dataset.copy_of(VALID, tmp_path / "data")
    assert data.errors(ds.path) == [] and len(full_checks) == 1
    data.clear_cache()
    copy = Dataset.copy_of(VALID, tmp_path / "copy")
    assert data.errors(copy.path) == [] and len(full_checks) == 1  # stamped: no re-check
    data.clear_cache()
    copy.edit("events", 0, date_end="2024-13-01")
    found = data.errors(copy.path)
    assert len(full_checks) == 2 and any("'2024-13-01' is not a date" in str(p) for p in found)
    data.clear_cache()
    assert data.errors(copy.path) == found  # broken data is never stamped
    assert len(full_checks) == 3
