import datetime as dt

import pytest

from alliance.data import edtf

D = dt.date


@pytest.mark.parametrize("text, start, end", [
    ("2024", D(2024, 1, 1), D(2024, 12, 31)),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),       # leap year
    ("2025-02", D(2025, 2, 1), D(2025, 2, 28)),
    ("2024-06-19", D(2024, 6, 19), D(2024, 6, 19)),
    ("2024-06-19~", D(2024, 6, 19), D(2024, 6, 19)),
    ("2024-10?", D(2024, 10, 1), D(2024, 10, 31)),
    ("2024-10-23/2024-10-25", D(2024, 10, 23), D(2024, 10, 25)),
    ("2025-03/2025-05", D(2025, 3, 1), D(2025, 5, 31)),
    ("2024-11/..", D(2024, 11, 1), None),
    ("../2024-11-30", None, D(2024, 11, 30)),
])
def test_parse_gives_earliest_and_latest_day(text, start, end):
    assert edtf.parse(text) == (start, end)


@pytest.mark.parametrize("text, fragment", [
    ("2024-13", "month 13 is out of range"),
    ("2024-21", "seasons are not supported"),
    ("2025-02-29", "day 29 does not exist"),
    ("24-06-19", "not an EDTF date"),
    ("late 2024", "not an EDTF date"),
    ("2024-12/2024-01", "ends before it starts"),
    ("../..", "needs at least one end"),
])
def test_parse_refuses_what_it_does_not_support(text, fragment):
    with pytest.raises(edtf.EDTFError, match=fragment):
        edtf.parse(text)


@pytest.mark.parametrize("start, end, fits, misfits", [
    (D(2024, 6, 19), D(2024, 6, 19), {"day"}, {"month", "range"}),
    (D(2024, 6, 18), D(2024, 6, 20), {"days", "range"}, {"day", "month"}),
    (D(2024, 6, 17), D(2024, 6, 23), {"week", "range"}, {"days"}),
    (D(2024, 11, 1), D(2024, 11, 30), {"month", "range"}, {"day", "quarter"}),
    (D(2024, 10, 1), D(2024, 12, 31), {"quarter", "range"}, {"month", "year"}),
    (D(2024, 1, 1), D(2024, 12, 31), {"year", "range"}, {"quarter"}),
    (D(2024, 11, 1), None, {"range"}, {"month"}),
])
def test_precision_of_span(start, end, fits, misfits):
    got = edtf.precision_of_span(start, end)
    assert fits <= got
    assert not (misfits & got)
