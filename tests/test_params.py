"""Declared parameters: a checked registry of kinds, and bad values stopped with a precise
message naming the lesson, the parameter, the value and what is allowed."""
from __future__ import annotations

import datetime as dt

import pytest

from alliance import catalogue, params
from alliance.errors import ParameterError
from alliance.params import Param


@pytest.mark.parametrize("name", list(catalogue.LESSONS))
def test_declared_defaults_pass(name):
    lesson = catalogue.LESSONS[name]
    values = lesson.validate(lesson.defaults())
    assert set(values) == {p.name for p in lesson.params}


@pytest.mark.parametrize("values, fragments", [
    ({"themes": ["diplomacy", "gossip"]}, ["parameter 'themes'", "'gossip' is not allowed",
                                          "diplomacy, treaty"]),
    ({"themes": 3}, ["parameter 'themes'", "is a int", "a list of"]),
    ({"start": "2024-13-01"}, ["parameter 'start'", "not a real date"]),
    ({"start": "1 June 2024"}, ["parameter 'start'", "is not a date", "YYYY-MM-DD"]),
    ({"start": 2024}, ["parameter 'start'", "is a int"]),
    ({"start": "2025-01-01", "end": "2024-01-01"}, ["parameter 'end'", "before start"]),
    ({"min_status": "rumour"}, ["parameter 'min_status'", "one of claimed, reported, confirmed"]),
    ({"actors": ["Shoigu"]}, ["parameter 'actors'", "'Shoigu' is not allowed", "ids matching"]),
    ({"actors": [3]}, ["parameter 'actors'", "3 is a int"]),
    ({"colour": "red"}, ["unknown parameter 'colour'", "one of actors, end, min_status"]),
    ({"audience": "student"}, ["unknown parameter 'audience'"]),
])
def test_bad_values_name_the_parameter_and_what_is_allowed(values, fragments):
    with pytest.raises(ParameterError) as err:
        catalogue.LESSONS["01_timeline"].validate(values)
    for fragment in fragments:
        assert fragment in str(err.value)
    assert str(err.value).startswith("01_timeline: ")
    assert err.value.notebook == "01_timeline"


def test_dates_are_normalised():
    values = catalogue.LESSONS["01_timeline"].validate({"start": "2024-06-01", "end": dt.date(2024, 6, 30)})
    assert values["start"] == dt.date(2024, 6, 1) and values["end"] == dt.date(2024, 6, 30)


@pytest.mark.parametrize("text, expected", [
    ('["ent_nis"]', ["ent_nis"]),            # JSON, the way people type it for papermill -p
    ("[ent_nis, ent_gur]", ["ent_nis", "ent_gur"]),  # YAML flow list
    ("ent_nis", ["ent_nis"]),                # one bare item
    ("[]", []),
])
def test_list_parameters_accept_json_or_yaml_text(text, expected):
    assert catalogue.LESSONS["03_troops"].validate({"estimators": text})["estimators"] == expected


def test_list_text_that_does_not_parse_says_so():
    with pytest.raises(ParameterError) as err:
        catalogue.LESSONS["03_troops"].validate({"estimators": '["ent_nis"'})
    assert "could not be read as a JSON or YAML list" in str(err.value)
    assert err.value.parameter == "estimators"


def test_an_unknown_kind_is_refused_at_declaration():
    with pytest.raises(ValueError, match="unknown kind 'lsit'"):
        Param("x", "lsit", [], "a typo")


def test_a_default_that_fails_its_own_check_is_refused():
    with pytest.raises(ParameterError):
        Param("x", "str", 3, "not a string")


def test_unknown_lesson():
    with pytest.raises(ParameterError, match="unknown notebook '09_x'; expected one of 00_overview, 01_timeline"):
        catalogue.lesson("09_x")


def test_cell_lines_are_annotated_literals_with_their_help():
    p = catalogue.LESSONS["01_timeline"].param("themes")
    line = p.cell_line()
    assert line.startswith('themes: list = ["diplomacy", ') and line.endswith("# timeline lanes to show")
    assert p.cell_line_for(["treaty"]) == 'themes: list = ["treaty"]  # timeline lanes to show'


def test_check_refs_names_the_missing_id():
    lesson = catalogue.LESSONS["03_troops"]
    with pytest.raises(ParameterError, match="'ent_nobody' is not an id in entities.csv"):
        params.check_refs(lesson.params, {"estimators": ["ent_nobody"]}, {"entities": {"ent_nis"}})
