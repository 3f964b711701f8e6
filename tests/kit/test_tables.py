"""Tables as a reader reads them: labels, dates at their precision, names for ids, sources as
links, no NaN or raw lists, long tables folded, the rows behind them as CSV."""
from __future__ import annotations

import base64
import re

import pandas as pd
import pytest

from alliance import data, kit
from alliance.kit import tables


@pytest.mark.parametrize("value, shown", [
    ("2024", "2024"), ("2024-10", "Oct 2024"), ("2024-06-19", "19 Jun 2024"),
    ("2024-06-19/2024-06-20", "19–20 Jun 2024"), ("2024-06-28/2024-07-02", "28 Jun – 2 Jul 2024"),
    ("2023-09/2025-03", "Sep 2023 – Mar 2025"), ("2025-04/..", "from Apr 2025"),
    ("2024-10~", "about Oct 2024"), ("2024?", "2024 (uncertain)"), ("", "—"),
])
def test_dates_are_shown_at_their_precision(value, shown):
    assert tables.edtf_label(value) == shown


def test_labels_are_human():
    assert tables.label("source_id") == "Source"
    assert tables.label("actor1_id") == "Actor1"
    assert tables.label("days since signing") == "Days since signing"


def test_presentable_names_ids_links_sources_and_formats_numbers():
    src = data.sources().iloc[0]
    ent = data.entities().iloc[0]
    frame = pd.DataFrame({"source_id": [src["source_id"]], "who": [ent["entity_id"]],
                          "value": [894000000.0], "count": pd.array([12000], dtype="Int64"),
                          "ids": [["ent_nis", "ent_gur"]], "missing": [None]})
    view, html_columns = tables.presentable(frame)
    assert view.loc[0, "Who"] == ent["name"]
    assert view.loc[0, "Value"] == "894,000,000" and view.loc[0, "Count"] == "12,000"
    assert "href=" in view.loc[0, "Source"] and "Source" in html_columns
    assert ";" in view.loc[0, "Ids"] and "[" not in view.loc[0, "Ids"]
    assert view.loc[0, "Missing"] is None  # shown as "—" by the table
    themes, _ = tables.presentable(pd.DataFrame({"theme": pd.Categorical(["sanctions_un", "economy_logistics"]),
                                                 "flow": pd.Categorical(["import_export"])[[0, 0]]}))
    assert list(themes["Theme"]) == ["Sanctions / UN", "Economy & logistics"]  # as the lanes name them
    assert list(themes["Flow"]) == ["import export"] * 2
    plain, _ = tables.presentable(pd.DataFrame({"theme": ["sanctions_un"], "change": [1.0]}))
    assert plain.loc[0, "Theme"] == "Sanctions / UN"  # an object column too
    mixed, _ = tables.presentable(pd.DataFrame({"change": [1.0, 0.32, -0.5]}))
    assert list(mixed["Change"]) == ["1.00", "0.32", "-0.50"]  # one number of decimals per column
    years, _ = tables.presentable(pd.DataFrame({"year": pd.array([2022, None], dtype="Int64")}))
    assert years["Year"].iloc[0] == "2022" and pd.isna(years["Year"].iloc[1])  # a year, not a quantity


def test_a_table_has_no_index_no_nan_full_text_a_source_line_and_its_csv():
    long = "x" * 300
    frame = pd.DataFrame({"text": [long, None], "n": [1.0, None],
                          "source_id": data.sources()["source_id"].head(2).tolist()})
    t = kit.table(frame)
    assert long in t.html                      # never cut
    assert "NaN" not in t.html and "&lt;NA&gt;" not in t.html and "—" in t.html
    assert "Source:" in t.html and "2 documents" in t.html
    payload = re.search(r'href="data:text/csv;base64,([^"]+)"', t.html)[1]
    assert base64.b64decode(payload).decode().startswith("text,n,source_id")
    assert t.source_ids == tuple(frame["source_id"])


def test_long_tables_are_folded():
    frame = pd.DataFrame({"source_id": [data.sources()["source_id"].iloc[0]] * (tables.LONG + 1),
                          "k": range(tables.LONG + 1)})
    html = kit.table(frame, caption="Many rows").html
    assert html.count("<details") == 1 and "13 rows (open to read them all)" in html


def test_a_table_without_sources_is_refused():
    with pytest.raises(kit.NoSourcesError):
        kit.table(pd.DataFrame({"x": [1]}))


def test_a_table_has_the_same_html_on_every_run():
    """great_tables draws a random id per table; ours is from the rows, so an unchanged page
    is byte-for-byte the same (a repeated table gets its own id)."""
    rows = data.events().head(3)
    tables.new_page()
    first, again = kit.table(rows).html, kit.table(rows).html
    tables.new_page()
    assert kit.table(rows).html == first
    ids = [re.search(r'<div id="([^"]+)"', h)[1] for h in (first, again)]
    assert ids[0] != ids[1] and again.count(f'id="{ids[1]}"') == 1
