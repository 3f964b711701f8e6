"""A small subset of EDTF (Library of Congress Extended Date/Time Format).

Supported: YYYY, YYYY-MM, YYYY-MM-DD, intervals A/B, open ends A/.. and ../B, and a
trailing ~ (approximate), ? (uncertain) or % (both) on a date or on either end of an
interval. Seasons (YYYY-21..24) are refused: write the interval instead.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from ..errors import EDTFError  # noqa: F401 (raised here; one error family)

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[~?%]?$")

FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, an interval A/B, or an open interval A/.."


def _bounds(text: str) -> tuple[dt.date, dt.date]:
    m = _DATE.match(text)
    if not m:
        raise EDTFError(f"{text!r} is not an EDTF date ({FORMS})")
    year, month, day = int(m[1]), m[2], m[3]
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(month)
    if not 1 <= month <= 12:
        hint = " (seasons are not supported: write an interval)" if 21 <= month <= 41 else ""
        raise EDTFError(f"{text!r}: month {month:02d} is out of range{hint}")
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, last)
    if not 1 <= int(day) <= last:
        raise EDTFError(f"{text!r}: day {day} does not exist in {year}-{month:02d}")
    d = dt.date(year, month, int(day))
    return d, d


def parse(text: str) -> tuple[dt.date | None, dt.date | None]:
    """Earliest and latest possible day of an EDTF value; None for an open end."""
    text = text.strip()
    if "/" not in text:
        return _bounds(text)
    left, _, right = text.partition("/")
    if left in ("..", "") and right in ("..", ""):
        raise EDTFError(f"{text!r}: an interval needs at least one end")
    start = None if left in ("..", "") else _bounds(left)[0]
    end = None if right in ("..", "") else _bounds(right)[1]
    if start and end and start > end:
        raise EDTFError(f"{text!r}: the interval ends before it starts")
    return start, end


def precision_of_span(start: dt.date, end: dt.date | None) -> set[str]:
    """The date_precision values that describe the span [start, end]."""
    if end is None:
        return {"range"}
    days = (end - start).days + 1
    fits = set()
    if days == 1:
        fits.add("day")
    if 2 <= days <= 6:
        fits.add("days")
    if days == 7:
        fits.add("week")
    month_end = calendar.monthrange(start.year, start.month)[1]
    if start.day == 1 and end == dt.date(start.year, start.month, month_end):
        fits.add("month")
    if (start.day == 1 and start.month in (1, 4, 7, 10) and end.year == start.year
            and end.month == start.month + 2
            and end.day == calendar.monthrange(end.year, end.month)[1]):
        fits.add("quarter")
    if (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31) and end.year == start.year:
        fits.add("year")
    if days >= 2:
        fits.add("range")
    return fits
