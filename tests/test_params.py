"""Declared parameters and the check cell: bad values stop with a precise message."""
from __future__ import annotations

import datetime as dt

import pytest

from alliance import params
from alliance.params import ParameterError


@pytest.mark.parametrize("notebook", list(params.NOTEBOOKS))
def test_declared_defaults_pass(notebook):
    values = params.validate(notebook, params.NOTEBOOKS[notebook].defaults())
    assert set(values) == {p.name for p in params.NOTEBOOKS[notebook].params}


@pytest.mark.parametrize("values, fragments", [
    ({"themes": ["diplomacy", "gossip"]}, ["parameter 'themes'", "'gossip' is not allowed",
                                          "diplomacy, treaty"]),
    ({"themes": "diplomacy"}, ["parameter 'themes'", "is a str", "a list of"]),
    ({"start": "2024-13-01"}, ["parameter 'start'", "not a real date"]),
    ({"start": "1 June 2024"}, ["parameter 'start'", "is not a date", "YYYY-MM-DD"]),
    ({"start": 2024}, ["parameter 'start'", "is a int"]),
    ({"start": "2025-01-01", "end": "2024-01-01"}, ["parameter 'end'", "before start"]),
    ({"min_status": "rumour"}, ["parameter 'min_status'", "one of claimed, reported, confirmed"]),
    ({"audience": "public"}, ["parameter 'audience'", "one of report, teacher, student"]),
    ({"actors": ["Shoigu"]}, ["parameter 'actors'", "'Shoigu' is not allowed", "ids matching"]),
    ({"actors": [3]}, ["parameter 'actors'", "item 3 is a int"]),
    ({"colour": "red"}, ["unknown parameter 'colour'", "this notebook takes: actors, audience"]),
])
def test_bad_values_name_the_parameter_and_what_is_allowed(values, fragments):
    with pytest.raises(ParameterError) as err:
        params.validate("01_timeline", values)
    for fragment in fragments:
        assert fragment in str(err.value)
    assert str(err.value).startswith("01_timeline: ")


def test_dates_are_normalised():
    values = params.validate("01_timeline", {"start": "2024-06-01", "end": dt.date(2024, 6, 30)})
    assert values["start"] == dt.date(2024, 6, 1) and values["end"] == dt.date(2024, 6, 30)


def test_unknown_notebook():
    with pytest.raises(ParameterError, match="unknown notebook '09_x'; the notebooks are: 00_overview, 01_timeline"):
        params.validate("09_x", {})


def test_check_returns_a_namespace_with_every_parameter():
    p = params.check("02_treaty", topics=["mutual_defense"])
    assert p.topics == ["mutual_defense"] and p.audience == "report" and p.notebook == "02_treaty"


def test_help_text_describes_each_parameter():
    text = params.help_text("01_timeline")
    for name in ("start", "end", "themes", "actors", "min_status", "audience"):
        assert f"{name} (" in text
