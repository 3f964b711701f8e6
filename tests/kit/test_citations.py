"""The generated Sources section."""
from __future__ import annotations

import pandas as pd
import pytest

from alliance import data
from alliance.kit import citations as cite

@pytest.fixture(scope="module")
def events():
    return data.events()


def test_sources_section_escapes_and_links():
    sources = pd.DataFrame([{"source_id": "src_a", "title": "<b>A & B</b>", "publisher": "X",
                             "url": "https://example.org/?a=1&b=2", "date_published": "2024",
                             "syndicated_from": None, "notes": None}])
    html = cite.sources_html(sources, ["src_a"])
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in html
    assert 'href="https://example.org/?a=1&amp;b=2"' in html


@pytest.mark.parametrize("row, name, where", [
    ({"publisher": "KBS World", "syndicated_from": "Yonhap"}, "Yonhap", "KBS World"),
    ({"publisher": "Reuters", "syndicated_from": None}, "Reuters", ""),
    ({"publisher": "staging.example-news.com", "syndicated_from": "AFP"}, "AFP", "a copy"),
    ({"publisher": "203.0.113.7", "syndicated_from": None}, "an unattributed web copy", "a copy"),
    ({"publisher": "Brasil em Folhas", "syndicated_from": "Associated Press"}, "AP", "Brasil em Folhas"),
])
def test_a_source_is_named_by_who_reported_it_never_by_a_mirror(row, name, where):
    assert cite.reader_name(row) == name
    assert cite.read_at(row) == where


def test_source_lines_name_estimators_and_original_outlets_first():
    sources = pd.DataFrame([
        {"source_id": "src_a", "title": "A", "publisher": "KBS World", "syndicated_from": "Yonhap"},
        {"source_id": "src_b", "title": "B", "publisher": "Korea JoongAng Daily", "syndicated_from": "Yonhap"},
        {"source_id": "src_c", "title": "C", "publisher": "Reuters", "syndicated_from": None}])
    line = cite.source_line(["src_a", "src_b", "src_c"], sources, who=["NIS"])
    assert line == "Figures by NIS. Source: Yonhap (2); Reuters (3 documents, listed under Sources)."



def test_a_source_without_url_says_why_once():
    assert cite.no_url("a local copy") == "No URL: a local copy"
    assert cite.no_url("No URL: a local copy") == "No URL: a local copy"
    sources = pd.DataFrame([{"source_id": "src_a", "title": "A dataset", "publisher": "Natural Earth",
                             "url": None, "date_published": None, "syndicated_from": None,
                             "notes": "No URL: a local copy"}])
    html = cite.sources_html(sources, ["src_a"])
    assert html.count("No URL") == 1 and "No URL: a local copy" in html



@pytest.mark.parametrize("publisher, name", [("Sputnik International", "Sputnik"),
                                             ("Wikipedia (English)", "Wikipedia"),
                                             ("Yonhap News Agency", "Yonhap")])
def test_one_outlet_has_one_name_whichever_edition_was_read(publisher, name):
    row = {"publisher": publisher, "syndicated_from": None}
    assert cite.reader_name(row) == name and cite.read_at(row) == ""
