"""The cross-table rules added for duplicates, figures, names, orphans, disputes, dates, URLs.

Each rule is tested on a copy of the valid fixture with one small edit (the `dataset`
fixture), so a fault and the line it is reported on stay side by side in the test; and each
rule finds nothing in the valid fixture itself.
"""
from __future__ import annotations

import datetime as dt

import pytest

from alliance import data
from alliance.data import rules
from alliance.data.reading import parse_table
from alliance.data.schema import TABLE_NAMES, TABLES

from tests.support import VALID

NEW_RULES = (rules.likely_duplicate_events, rules.event_figures_match_estimates,
             rules.round_figures_not_exact, rules.trade_totals_add_up,
             rules.entity_names_unique, rules.nothing_unreferenced,
             rules.disputed_rows_cite_the_other_version, rules.dates_not_after_access,
             rules.urls_have_no_stray_characters)

KBS = "src_kbs_2025-02-04_nis_kursk"
PENTAGON = "src_dailymotion_pentagon_10000"


def parsed(path):
    return {name: parse_table(TABLES[name], path) for name in TABLE_NAMES}


def at(dataset, where: str):
    """The problems (objects) whose 'file:line: column' starts with where, e.g. 'events.csv:2: status'."""
    file, rest = where.split(":", 1)
    prefix = f"{dataset.path / file}:{rest}"
    return [p for p in data.validate(dataset.path) if str(p).startswith(prefix)]


def one(dataset, where: str, severity: str):
    hits = at(dataset, where)
    assert len(hits) == 1, f"expected one problem at {where!r}; got {hits or data.validate(dataset.path)}"
    assert hits[0].severity == severity, hits[0]
    return hits[0].message


def cite(dataset, table, record_id, source_id, relation):
    """Add a citation (Dataset.append cannot: its own first parameter is named `table`)."""
    rows = dataset.rows("citations")
    rows.append({"table": table, "record_id": record_id, "source_id": source_id,
                 "relation": relation, "notes": ""})
    dataset.write("citations", rows)


def event(**values):
    """An event row like the valid fixture's first, with some cells changed."""
    row = dict(event_id="evt_2025-02-04_copy", date="2025-02-04", date_start="2025-02-04",
               date_end="2025-02-04", date_precision="day", title="NIS briefing",
               description="The NIS briefed lawmakers.", event_type="intelligence_report",
               theme="military", actor1_id="ent_nis", actor2_id="ent_prk",
               place_id="plc_kursk_oblast", status="reported", source_id=KBS)
    row.update(values)
    return row


@pytest.mark.parametrize("rule", NEW_RULES, ids=lambda r: r.__name__)
def test_the_valid_fixture_raises_nothing(rule):
    assert list(rule(parsed(VALID))) == []


def test_every_new_rule_is_run_by_validate():
    assert set(NEW_RULES) <= set(rules.CHECKS)


# 1. Likely duplicate events ----------------------------------------------------------

def test_same_day_type_and_source_is_a_likely_duplicate(dataset):
    dataset.append("events", **event(actor1_id="", actor2_id=""))
    msg = one(dataset, "events.csv:4: date_start", "warning")
    assert "likely the same event as events.csv:2 (evt_2025-02-04_nis_no_combat)" in msg
    assert f"source_id {KBS!r}" in msg
    assert not at(dataset, "events.csv:2:")


def test_a_visit_and_the_letter_handed_over_at_it_are_two_events(dataset):
    """Same day, same source, different types: e.g. a visit and the message delivered at it."""
    dataset.append("events", **event(actor1_id="", actor2_id="", event_type="official_statement"))
    assert not at(dataset, "events.csv:4: date_start")


def test_letters_both_ways_on_one_day_are_two_events(dataset):
    for a1, a2, n, src in (("ent_prk", "ent_nis", 1, PENTAGON), ("ent_nis", "ent_prk", 2, KBS)):
        dataset.append("events", **event(event_id=f"evt_2025-02-04_letter_{n}", source_id=src,
                                         event_type="letter_or_message", theme="statements",
                                         actor1_id=a1, actor2_id=a2))
    assert not [p for p in dataset.problems() if "likely the same event" in p]


def test_same_day_type_and_actors_in_either_order_is_a_likely_duplicate(dataset):
    dataset.append("events", **event(source_id=PENTAGON, actor1_id="ent_prk", actor2_id="ent_nis"))
    msg = one(dataset, "events.csv:4: date_start", "warning")
    assert "events.csv:2 (evt_2025-02-04_nis_no_combat)" in msg
    assert "the same event_type 'intelligence_report' and actors ent_nis and ent_prk" in msg


def test_a_duplicate_on_both_counts_is_reported_once(dataset):
    dataset.append("events", **event())
    dataset.append("events", **event(event_id="evt_2025-02-04_copy2"))
    for line in (4, 5):  # each later copy once, naming the first row
        msg = one(dataset, f"events.csv:{line}: date_start", "warning")
        assert "events.csv:2 " in msg and "source_id" in msg and "event_type" in msg


def test_other_days_types_and_retracted_rows_are_not_duplicates(dataset):
    dataset.append("events", **event(event_id="evt_a", source_id=PENTAGON, event_type="combat"))
    dataset.append("events", **event(event_id="evt_b", status="retracted"))
    dataset.append("events", **event(event_id="evt_c", date="2025-02-05", date_start="2025-02-05",
                                     date_end="2025-02-05"))
    assert not [p for p in data.validate(dataset.path) if "likely the same event" in p.message]


# 2. Figures in event text agree with the estimates of the same source ------------------

def test_stated_figures():
    text = ("About 12,000 troops and up to 3 million shells since 2024 (NIS, 2024-10-18); "
            "the 528th unit; 43% more; more than 1.5 billion; 800 men")
    assert rules.stated_figures(text) == {
        12000: ("about", "About 12,000"), 3_000_000: ("at_most", "up to 3 million"),
        1_500_000_000: ("at_least", "more than 1.5 billion"), 800: (None, "800")}


def test_an_event_and_an_estimate_with_the_same_figure_and_day_agree(dataset):
    dataset.edit("events", 0, description="The NIS said about 11,000 soldiers were in Kursk.")
    assert data.validate(dataset.path) == []


def test_a_figure_given_on_another_day_is_an_error(dataset):
    dataset.edit("events", 0, description="The NIS said about 11,000 soldiers were in Kursk.")
    dataset.edit("estimates", 0, date="2025-02-03", date_start="2025-02-03", date_end="2025-02-03")
    msg = one(dataset, "events.csv:2: date_start", "error")
    assert "'2025-02-04' does not match the date_start of the estimate" in msg
    assert "estimates.csv:2 (est_nis_troops_2025-02-04) best 11,000 dated 2025-02-03" in msg


def test_an_event_dated_by_when_it_happened_may_precede_the_figure(dataset):
    # a deployment is dated when it happened; the estimate by the day the figure was given
    dataset.edit("events", 1, description="About 11,000 soldiers were placed in Kursk.")
    assert data.validate(dataset.path) == []


def test_wording_that_does_not_fit_the_qualifier_is_a_warning(dataset):
    dataset.edit("events", 0, description="The NIS said at least 11,000 soldiers were sent.")
    msg = one(dataset, "events.csv:2: description", "warning")
    assert msg.startswith("'at least 11,000' (qualifier 'at_least') does not fit the estimate")
    assert "estimates.csv:2 (est_nis_troops_2025-02-04) has qualifier 'about'" in msg


def test_millions_are_read_and_compared(dataset):
    dataset.edit("estimates", 0, best="8000000")
    dataset.edit("events", 0, description="The NIS said about 8 million shells were sent.")
    assert data.validate(dataset.path) == []
    dataset.edit("events", 0, description="The NIS said up to 8 million shells were sent.")
    assert "'at_most'" in one(dataset, "events.csv:2: description", "warning")


# 3. 'exact' on a round figure -----------------------------------------------------------

def test_exact_on_a_round_figure_needs_a_reason(dataset):
    dataset.edit("estimates", 0, qualifier="exact")
    msg = one(dataset, "estimates.csv:2: qualifier", "error")
    assert "'exact' on the round figure 11,000" in msg
    dataset.edit("estimates", 0, notes="the NIS gave the exact count from unit rosters")
    assert not at(dataset, "estimates.csv:2:")


@pytest.mark.parametrize("best", ["11050", "900", "2"])
def test_exact_on_a_figure_that_is_not_round_is_fine(dataset, best):
    dataset.edit("estimates", 0, qualifier="exact", best=best)
    assert not at(dataset, "estimates.csv:2:")


# 4. Trade totals: export + import, and stated changes -----------------------------------

def trade(dataset, trade_id, year, flow, value, notes="", source=KBS, basis="reported_customs"):
    dataset.append("trade", trade_id=trade_id, year=str(year), reporter_iso3="CHN",
                   partner_iso3="PRK", flow=flow, value=str(value), unit="USD", basis=basis,
                   source_id=source, notes=notes)


def test_a_total_must_be_export_plus_import(dataset):
    trade(dataset, "trd_e", 2022, "export", 100)
    trade(dataset, "trd_i", 2022, "import", 50)
    trade(dataset, "trd_t", 2022, "total", 200)
    msg = one(dataset, "trade.csv:4: value", "error")
    assert "200 is not export + import: trade.csv:2 (trd_e) 100 + trade.csv:3 (trd_i) 50 = 150" in msg
    dataset.edit("trade", 2, value="151")   # within 1%
    assert data.validate(dataset.path) == []


def test_a_stated_change_must_fit_the_previous_year(dataset):
    trade(dataset, "trd_2022", 2022, "total", 100)
    trade(dataset, "trd_2023", 2023, "total", 120, notes="Customs: up 25% on 2022.")
    msg = one(dataset, "trade.csv:3: notes", "warning")
    assert "'up 25% on 2022'" in msg and "trade.csv:2 (trd_2022) gives 100 for 2022" in msg
    assert "+20.0%, 5.0 points off" in msg
    for ok in ("up 21.5% on 2022", "+19%", "(+20%)", "down 5% from 2019", "+25.4% to 2024"):
        dataset.edit("trade", 1, notes=ok)
        assert data.validate(dataset.path) == [], ok


def test_a_stated_fall_is_negative(dataset):
    trade(dataset, "trd_2022", 2022, "total", 100)
    trade(dataset, "trd_2023", 2023, "total", 80, notes="-20% (customs)")
    assert data.validate(dataset.path) == []
    dataset.edit("trade", 1, notes="\u221220% (customs); KBS: down 30%")
    assert "'down 30%'" in one(dataset, "trade.csv:3: notes", "warning")
    dataset.edit("trade", 1, notes="KBS: down 30%; Yonhap: -10%")  # one warning per row
    msg = one(dataset, "trade.csv:3: notes", "warning")
    assert "'down 30%' and '-10%'" in msg and "10.0 and 10.0 points off" in msg


# 5. Entities with the same name -------------------------------------------------------------

def test_two_entities_with_the_same_name_are_an_error(dataset):
    dataset.append("entities", entity_id="ent_dprk", name="north korea (PRK)", entity_type="state",
                   source_id=KBS)
    msg = one(dataset, "entities.csv:5: name", "error")
    assert "'north korea (PRK)' names the same entity as 'North Korea' on entities.csv:2 (ent_prk)" in msg


# 6. Entities and sources referenced by nothing ------------------------------------------

def test_an_unreferenced_entity_is_a_warning_until_something_points_to_it(dataset):
    dataset.append("entities", entity_id="ent_kor", name="South Korea", entity_type="state", source_id=KBS)
    assert "'ent_kor' is referenced by no table" in one(dataset, "entities.csv:5: entity_id", "warning")
    cite(dataset, "entities", "ent_kor", KBS, "context")
    assert data.validate(dataset.path) == []


def test_an_unreferenced_source_is_a_warning(dataset):
    dataset.append("sources", source_id="src_unused", title="Unused", source_type="news_report",
                   url="https://example.org/a", date_accessed="2026-11-26", language="en")
    assert "'src_unused' is referenced by no table" in one(dataset, "sources.csv:6: source_id", "warning")
    dataset.edit("claims", 0, evidence_source_ids=f"{KBS};src_unused")
    assert data.validate(dataset.path) == []


# 7. disputed needs a contradicts citation ----------------------------------------------------

@pytest.mark.parametrize("table, record_id", [("events", "evt_2025-02-04_nis_no_combat"),
                                              ("estimates", "est_nis_troops_2025-02-04")])
def test_disputed_needs_a_contradicts_citation(dataset, table, record_id):
    dataset.edit(table, 0, status="disputed")
    cite(dataset, table, record_id, "src_seed_article_2026-01", "supports")
    msg = one(dataset, f"{table}.csv:2: status", "error")
    assert f"no 'contradicts' citation for {record_id!r}" in msg
    cite(dataset, table, record_id, "src_escuchaloaca_2025-01-13_nis_casualties", "contradicts")
    assert data.validate(dataset.path) == []


# 8. Dates after today or after the source was read ---------------------------------------

def test_a_date_after_today_is_an_error(dataset, monkeypatch):
    monkeypatch.setattr(rules, "today", lambda: dt.date(2025, 2, 1))
    msg = one(dataset, "events.csv:2: date_start", "error")
    assert msg.startswith("'2025-02-04' is after today (2025-02-01);")
    assert "after today" in one(dataset, "estimates.csv:2: date_start", "error")
    assert not at(dataset, "events.csv:3:")   # November 2024


def test_a_date_after_the_source_was_accessed_is_an_error(dataset):
    dataset.edit("sources", 0, date_accessed="2025-02-01")
    msg = one(dataset, "events.csv:2: date_start", "error")
    assert (f"'2025-02-04' is after the date_accessed '2025-02-01' of its source "
            f"sources.csv:2 ({KBS})") in msg
    assert "date_accessed" in one(dataset, "estimates.csv:2: date_start", "error")


def test_both_date_faults_of_one_row_are_one_problem(dataset, monkeypatch):
    monkeypatch.setattr(rules, "today", lambda: dt.date(2025, 2, 1))
    dataset.edit("sources", 0, date_accessed="2025-01-01")
    msg = one(dataset, "events.csv:2: date_start", "error")
    assert "after today (2025-02-01) and after the date_accessed '2025-01-01'" in msg


# 9. URLs with quotes, angle brackets or whitespace -------------------------------------------

@pytest.mark.parametrize("url, what", [
    ('https://example.org/a"b', "a double quote at character 22"),
    ("https://example.org/<a>", "'<' at character 21"),
    ("https://example.org/a>", "'>' at character 22"),
    ("https://example.org/a\u200b", "an invisible character (U+200B)"),
])
def test_a_url_with_stray_characters_is_an_error(dataset, url, what):
    dataset.edit("sources", 0, url=url)
    msg = one(dataset, "sources.csv:2: url", "error")
    assert what in msg and "percent-encoded" in msg


def test_a_url_with_a_space_is_reported_once_saying_so(dataset):
    dataset.edit("sources", 0, url="https://example.org/a b")
    assert "no spaces" in one(dataset, "sources.csv:2: url", "error")


# Each problem once ---------------------------------------------------------------------------

def test_each_problem_is_reported_once(dataset, monkeypatch):
    monkeypatch.setattr(rules, "today", lambda: dt.date(2025, 2, 1))
    dataset.append("events", **event())
    dataset.edit("estimates", 0, qualifier="exact", status="disputed")
    raw = [p for check in rules.CHECKS for p in check(parsed(dataset.path))]
    assert len(raw) == len(set(raw)) > 0


def test_a_url_used_by_two_sources_is_an_error_naming_the_other_row(dataset):
    rows = dataset.rows("sources")
    dup = dict(rows[1], source_id="src_zz_copy_of_second")
    dataset.append("sources", **dup)
    problems = [p for p in dataset.problems() if "is already the URL of" in p]
    assert len(problems) == 1 and "sources.csv:3" in problems[0]
