"""The exercises' answer checks and model answers: `same` accepts the right answer in any
order or dtype and refuses the placeholder; each model answer states numbers computed from
the rows it is given."""
from __future__ import annotations

import pandas as pd

from alliance import data
from alliance.lessons.exercises import column_values, same
from alliance.lessons.exercises import china as ex_china
from alliance.lessons.exercises import claims as ex_claims
from alliance.lessons.exercises import overview as ex_overview
from alliance.lessons.exercises import timeline as ex_timeline
from alliance.lessons.exercises import treaty as ex_treaty
from alliance.lessons.exercises import troops as ex_troops
from alliance.lessons import treaty


def test_same_ignores_order_dtype_and_zero_counts_but_not_values():
    expected = pd.Series({"a": 2, "b": 1, "c": 0})
    assert same(pd.Series({"b": 1.0, "a": 2.0}), expected)
    assert not same(pd.Series({"a": 2, "b": 2}), expected)
    assert not same(..., expected) and not same(None, expected)
    assert same(2.00000001, 2.0) and not same("two", 2.0)
    assert same({"x", "y"}, {"y", "x"}) and not same(["x"], {"x", "y"})
    assert same("title", "title") and not same("other", "title")
    assert column_values(pd.DataFrame({"k": ["a", "b"]}), "k") == {"a", "b"}
    assert column_values(..., "k") == set()


def test_overview_answers_count_the_rows_given():
    counts = pd.Series({"military": 5, "treaty": 2, "economy": 0})
    assert ex_overview.answer_ex1(counts).text() == "military has the most events (5 of 7); treaty the fewest (2)."
    assert same(ex_overview.expected_ex1(data.events()), data.events()["theme"].value_counts())


def test_timeline_answers():
    shares = pd.Series({"treaty": 0.25, "military": 0.5})
    assert ex_timeline.answer_ex2(shares).text().startswith("Military has the largest share of events that are not confirmed (50%)")
    assert ex_timeline.answer_ex2(pd.Series(dtype=float)).text().startswith("No events are selected")
    assert ex_timeline.answer_ex5(pd.Series({2024: 3, 2025: 7})).text() == "2025 has the most selected events (7 of 10)."


def test_treaty_slowest_step_is_a_ratification_step_not_the_invocation():
    steps = treaty.ratification_steps(data.events())
    title = ex_treaty.expected_ex3(steps)
    row = steps[steps["title"] == title].iloc[0]
    assert row["event_type"] in ("ratification", "entry_into_force")
    waits = ex_treaty.ratification(steps)["days since previous step"].astype(float)
    assert float(row["days since previous step"]) == waits.max()
    assert f"{int(waits.max())} days" in ex_treaty.answer_ex3(steps).text()


def test_troops_and_china_answers_state_the_numbers_they_are_given():
    assert ex_troops.answer_ex2(pd.Series({"min": 1000.0, "max": 2500.0})).text() == \
        "The 2024 totals-so-far range from 1,000 to 2,500 shells: the largest is 2.5 times the smallest."
    assert ex_china.answer_ex1(7.46).text() == "Chinese customs record a fall by a factor of 7.5 from 2019 to 2021."
    assert ex_china.answer_ex2(pd.Series({2023: -3.25, 2024: 10.0})).text().endswith("2023: -3.2%; 2024: +10.0%.")


def test_claims_answers():
    means = pd.Series({"troops": 2.0, "oil": 4.5})
    assert ex_claims.answer_ex1(means).text() == "Troops has the lowest average rating (2.0); oil the highest (4.5)."
    cols = ex_claims.required_columns()
    assert "claim_id" in cols and str(len(cols)) in ex_claims.answer_ex3().text()


def test_one_estimators_total_is_not_a_range():
    assert ex_troops.answer_ex4(pd.Series({"ent_nis": 2000.0})).text() == \
        "Only one estimator gives a latest total of troops killed: 2,000."
    assert ex_troops.answer_ex4(pd.Series({"ent_nis": 2000.0, "ent_gur": 4000.0})).text() == \
        "2 estimators give a latest total of troops killed, from 2,000 to 4,000."


def test_the_nis_story_compares_totals_so_far_only():
    from alliance import data
    rows = ex_troops.nis_troops(data.estimates())
    totals = rows[rows["scope"] == "cumulative"].sort_values("date_start")
    text = ex_troops.answer_ex1(rows).text()
    assert text.startswith(f"The NIS gave {len(totals)} totals so far of troops sent, from ")
    assert f"The other {len(rows) - len(totals)} (" in text and "count something else." in text
    one = ex_troops.answer_ex1(totals.head(1)).text()
    assert one.startswith("The NIS gave one total so far: ") and "other" not in one


def test_model_answers_name_treaties_and_sources_and_say_when_counts_tie():
    from alliance import data
    clauses = data.defense_clauses()
    text = ex_treaty.answer_ex2(clauses[clauses["automaticity"] == "automatic"]).text()
    assert "ent_treaty" not in text and "(1961) (1961)" not in text and "Treaty" in text
    assert ex_claims.answer_ex2(pd.Series({"src_a": 1, "src_b": 1, "src_c": 0})).text() == \
        "No one source stands out: 2 share the top count (1 claim each); 2 sources are cited in all."
    sid = data.sources()["source_id"].iloc[0]
    text = ex_claims.answer_ex2(pd.Series({sid: 3, "src_b": 1})).text()
    assert sid not in text and text.endswith("is cited most often (3 claims); 2 sources are cited in all.")


def test_model_answers_write_vocabulary_ids_as_words():
    from alliance.lessons import exercises
    assert exercises.words("economy_logistics", start=True) == "Economy & logistics"
    assert exercises.words("sanctions_un") == "sanctions / UN"
    assert exercises.words("mutual_defense") == "mutual defence"
    assert exercises.words("prk_to_rus") == "North Korea → Russia"
    text = ex_claims.answer_ex1(pd.Series({"economy_logistics": 2.0, "troops": 4.2})).text()
    assert text == "Economy & logistics has the lowest average rating (2.0); troops the highest (4.2)."
    assert "_" not in ex_timeline.answer_ex2(pd.Series({"sanctions_un": 0.5, "economy_logistics": 0.1})).text()
