"""The treaty lesson's functions."""
from __future__ import annotations

import datetime as dt

import pytest

from alliance import data
from alliance.lessons import treaty

@pytest.fixture(scope="module")
def events():
    return data.events()


def test_treaty_articles_topics_and_coverage():
    arts = treaty.articles(data.treaty_articles())
    assert list(arts["article_no"]) == list(range(24))
    cov = treaty.coverage(arts)
    assert cov["articles"] == 23 and cov["with summary"] + cov["without summary"] == 23
    defence = treaty.articles(data.treaty_articles(), ["mutual_defense"])
    assert 4 in set(defence["article_no"])
    grid = treaty.topic_grid(arts)
    assert grid.loc[4, "mutual_defense"]


def test_compare_clauses_puts_the_2024_treaty_first_and_marks_unknowns():
    m = treaty.compare_clauses(data.defense_clauses(), data.entities(), ["ent_treaty_prc_prk_1961"])
    assert list(m.attrs["source_ids"])  # the clauses' sources travel with the matrix
    m = m.set_index("feature")
    assert m.columns[0].startswith("Treaty on Comprehensive Strategic Partnership")
    assert m.loc["'All means' wording"].iloc[0] == "yes"
    assert m.loc["Subject to national law"].iloc[1] == "—"   # not in the stored text
    with pytest.raises(KeyError, match="no defence clause recorded for: ent_treaty_nope"):
        treaty.compare_clauses(data.defense_clauses(), data.entities(), ["ent_treaty_nope"])


def test_article4_reading_has_the_four_steps_with_sources():
    r = treaty.article4_reading(data.defense_clauses(), data.treaty_articles())
    assert [s.split(".")[0] for s in r["step"][:4]] == ["1", "2", "3", "4"]
    assert r["source_id"].notna().all()
    assert "UN Charter" in r.loc[3, "what the text says"]


def test_ratification_steps_count_days_from_signing(events):
    s = treaty.ratification_steps(events)
    assert s.loc[0, "days since signing"] == 0
    into_force = s[s["event_type"] == "entry_into_force"].iloc[0]
    assert into_force["days since signing"] == (dt.date(2024, 12, 4) - dt.date(2024, 6, 19)).days
    assert set(s["theme"]) == {"treaty"}


def test_figures_render_the_same_twice_without_a_display(tmp_path):
    paths = []
    for k in range(2):
        fig = treaty.draw_steps(treaty.ratification_steps(data.events()), data.sources())
        paths.append(tmp_path / f"f{k}.svg")
        fig.figure.savefig(paths[-1], format="svg", metadata={"Date": None})
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_describe_articles_counts_what_the_filter_keeps():
    arts = data.treaty_articles()
    everything = treaty.articles(arts)
    assert treaty.describe_articles(everything, arts) .startswith("The treaty has a preamble and 23 articles.")
    shown = treaty.articles(arts, ["mutual_defense"])
    text = treaty.describe_articles(shown, arts, ["mutual_defense"])
    assert f" {len(shown)} of them" in text and "the topic mutual defence and" in text
    assert "None carries the topic health." in treaty.describe_articles(shown.iloc[0:0], arts, ["health"])
    two = ["mutual_defense", "security_consultation"]
    either = treaty.articles(arts, two)
    text = treaty.describe_articles(either, arts, two)
    assert f" {len(either)} of them carry at least one of the topics mutual defence or security consultation" in text


def test_describe_coverage_and_comparison():
    arts = data.treaty_articles()
    c = treaty.coverage(treaty.articles(arts))
    assert treaty.describe_coverage(arts).startswith(f"{c['with summary']} of the 23 articles")
    text = treaty.describe_comparison(["ent_treaty_nato_1949"], data.entities())
    assert text.startswith("The 2024 defence clause is set beside 1 other treaty: ")


def test_describe_steps_counts_days_from_signing_to_force():
    steps = treaty.ratification_steps(data.events())
    text = treaty.describe_steps(steps)
    assert "entered into force on 4 Dec 2024, 168 days later" in text
    assert treaty.describe_steps(steps.iloc[0:0]) == "No step of the treaty is recorded."
