"""Rules across rows and tables: keys, references, dates, estimates, verdicts.

Each check takes the parsed tables and yields Problems; a cell already reported as
malformed is missing in the typed frame and is skipped here, so nothing is reported twice.
"""
from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from . import edtf
from ..paths import display_path
from .problems import Problem
from .reading import ParsedTable
from .schema import RATING_OF_VERDICT, TABLES, key_columns

Tables = dict[str, ParsedTable]


def _p(t: ParsedTable, pos: int, column: str, message: str) -> Problem:
    return Problem(display_path(t.path), t.line(pos), column, message)


def record_ids(t: ParsedTable) -> pd.Series:
    """The id a citation uses for each record: the key, or composite key parts joined by ':'."""
    cols = key_columns(t.table)
    f = t.frame
    if len(cols) == 1:
        return f[cols[0]].astype("string")
    return f[list(cols)].astype("string").agg(":".join, axis=1)


def composite_keys_unique(tables: Tables) -> Iterator[Problem]:
    for t in tables.values():
        if t.table.key or t.frame.empty:
            continue
        ids = record_ids(t)
        first: dict[str, int] = {}
        for pos, rid in enumerate(ids):
            if pd.isna(rid):
                continue
            if rid in first:
                yield _p(t, pos, "+".join(t.table.unique_together),
                         f"{rid!r} repeats the record on line {t.line(first[rid])}")
            else:
                first[rid] = pos


def references_resolve(tables: Tables) -> Iterator[Problem]:
    for t in tables.values():
        for c in t.table.columns:
            if c.kind not in ("ref", "refs") or not c.target:
                continue
            target = tables[c.target]
            known = set(target.frame[target.table.key].dropna())
            for pos, value in enumerate(t.frame[c.name]):
                items = value if c.kind == "refs" else ([] if pd.isna(value) else [value])
                for item in items:
                    if item not in known:
                        yield _p(t, pos, c.name, f"{item!r} matches no {target.table.key} in "
                                 f"{target.table.file}")


def citations_resolve(tables: Tables) -> Iterator[Problem]:
    cit = tables["citations"]
    ids = {name: set(record_ids(t).dropna()) for name, t in tables.items()}
    for pos, (table, rid) in enumerate(zip(cit.frame["table"], cit.frame["record_id"])):
        if pd.isna(table) or pd.isna(rid):
            continue
        if rid not in ids[table]:
            how = " (composite keys are joined with ':', e.g. ent_treaty_x:4)" if not TABLES[table].key else ""
            yield _p(cit, pos, "record_id", f"{rid!r} is not a record of {table}.csv{how}")


def treaty_ids_are_treaties(tables: Tables) -> Iterator[Problem]:
    ents = tables["entities"].frame
    kinds = dict(zip(ents["entity_id"], ents["entity_type"]))
    for name in ("treaty_articles", "defense_clauses"):
        t = tables[name]
        for pos, tid in enumerate(t.frame["treaty_id"]):
            if not pd.isna(tid) and tid in kinds and kinds[tid] != "treaty":
                yield _p(t, pos, "treaty_id", f"{tid!r} is an entity of type {kinds[tid]!r}; "
                         "expected an entity of type 'treaty'")


def dates_agree(tables: Tables) -> Iterator[Problem]:
    for t in tables.values():
        if not t.table.dated:
            continue
        f = t.frame
        for pos in range(len(f)):
            date, start, end, precision = (f["date"].iat[pos], f["date_start"].iat[pos],
                                           f["date_end"].iat[pos], f["date_precision"].iat[pos])
            if pd.isna(date) or pd.isna(start) or not t.usable(pos, "date_end", "date_precision"):
                continue
            start, end = start.date(), (None if pd.isna(end) else end.date())
            lo, hi = edtf.parse(date)
            if end is not None and start > end:
                yield _p(t, pos, "date_end", f"'{end}' is before date_start '{start}'")
                continue
            if lo != start:
                yield _p(t, pos, "date_start", f"'{start}' does not match date {date!r}, "
                         f"which starts on {lo}")
            if hi != end:
                shown = "empty (open end)" if end is None else f"'{end}'"
                want = "empty, for an open end" if hi is None else str(hi)
                yield _p(t, pos, "date_end", f"{shown} does not match date {date!r}, "
                         f"which ends on {want}")
            if not pd.isna(precision) and precision not in edtf.precision_of_span(start, end):
                fits = ", ".join(sorted(edtf.precision_of_span(start, end)))
                n = None if end is None else (end - start).days + 1
                days = "open end" if n is None else f"{n} day{'s' if n != 1 else ''}"
                yield _p(t, pos, "date_precision",
                         f"{precision!r} does not fit the span {start}..{end or ''} ({days}); "
                         f"expected one of: {fits}")


QUALIFIER_NEEDS = {
    # qualifier: (columns that must be filled, columns that must be empty)
    "exact": (("best",), ("low", "high")),
    "about": (("best",), ()),
    "at_least": (("low",), ("high",)),
    "at_most": (("high",), ("low",)),
    "range": (("low", "high"), ()),
}


def estimates_consistent(tables: Tables) -> Iterator[Problem]:
    for t in tables.values():
        if not t.table.estimates:
            continue
        f = t.frame
        for pos in range(len(f)):
            if not t.usable(pos, "low", "best", "high", "qualifier"):
                continue
            low, best, high = (f[c].iat[pos] for c in ("low", "best", "high"))
            vals = {"low": low, "best": best, "high": high}
            present = {k for k, v in vals.items() if not pd.isna(v)}
            if not present:
                yield _p(t, pos, "best", "low, best and high are all empty; give at least one")
                continue
            for a, b in (("low", "best"), ("best", "high"), ("low", "high")):
                if a in present and b in present and vals[a] > vals[b]:
                    yield _p(t, pos, b, f"{vals[b]} is less than {a} {vals[a]}")
            q = f["qualifier"].iat[pos]
            if pd.isna(q):
                continue
            need, forbid = QUALIFIER_NEEDS[q]
            for col in need:
                if col not in present:
                    yield _p(t, pos, col, f"is empty, but qualifier {q!r} needs "
                             + " and ".join(need))
            for col in forbid:
                if col in present:
                    yield _p(t, pos, col, f"{vals[col]} is given, but qualifier {q!r} means "
                             f"{col} stays empty")


def verdicts_match_ratings(tables: Tables) -> Iterator[Problem]:
    t = tables["claims"]
    for pos, (verdict, rating) in enumerate(zip(t.frame["verdict"], t.frame["rating_value"])):
        if pd.isna(verdict) or not t.usable(pos, "rating_value"):
            continue
        want = RATING_OF_VERDICT[verdict]
        have = None if pd.isna(rating) else int(rating)
        if have != want:
            shown = "empty" if have is None else str(have)
            expected = "empty" if want is None else str(want)
            yield _p(t, pos, "rating_value", f"{shown} does not match verdict {verdict!r}; "
                     f"expected {expected}")


def trade_units_match(tables: Tables) -> Iterator[Problem]:
    t = tables["trade"]
    for pos, (flow, unit, value) in enumerate(zip(t.frame["flow"], t.frame["unit"], t.frame["value"])):
        if pd.isna(flow) or pd.isna(unit):
            continue
        if (flow == "share") != (unit == "percent"):
            yield _p(t, pos, "unit", f"{unit!r} does not fit flow {flow!r}; a share is in "
                     "percent, other flows in a currency")
        elif flow == "share" and not pd.isna(value) and value > 100:
            yield _p(t, pos, "value", f"{value} is more than 100 percent")


def empty_cells_explained(tables: Tables) -> Iterator[Problem]:
    """Where a value is missing on purpose, the notes must say why."""
    rules = (("sources", "url", "a source without a URL must say why in notes"),
             ("treaty_articles", "summary", "an article without a summary must say why in notes"))
    for name, column, why in rules:
        t = tables[name]
        for pos, (value, notes) in enumerate(zip(t.frame[column], t.frame["notes"])):
            if pd.isna(value) and pd.isna(notes) and t.usable(pos, column, "notes"):
                yield _p(t, pos, column, f"is empty and notes is empty; {why}")


def one_compared_clause_per_treaty(tables: Tables) -> Iterator[Problem]:
    t = tables["defense_clauses"]
    seen: dict[str, int] = {}
    for pos, (tid, flag) in enumerate(zip(t.frame["treaty_id"], t.frame["in_comparison"])):
        if pd.isna(tid) or pd.isna(flag) or not flag:
            continue
        if tid in seen:
            yield _p(t, pos, "in_comparison", f"'yes' again for {tid!r} (also on line "
                     f"{t.line(seen[tid])}); one clause per treaty is compared")
        seen[tid] = pos


def quotes_have_flags(tables: Tables) -> Iterator[Problem]:
    t = tables["defense_clauses"]
    for pos, (flag, quote) in enumerate(zip(t.frame["all_means"], t.frame["all_means_quote"])):
        if not pd.isna(quote) and t.usable(pos, "all_means") and (pd.isna(flag) or not flag):
            yield _p(t, pos, "all_means_quote", "a quote is given but all_means is not 'yes'")


CHECKS = (composite_keys_unique, references_resolve, citations_resolve, treaty_ids_are_treaties,
          dates_agree, estimates_consistent, verdicts_match_ratings, trade_units_match,
          empty_cells_explained, one_compared_clause_per_treaty, quotes_have_flags)


def cross_table_problems(tables: Tables) -> list[Problem]:
    return [p for check in CHECKS for p in check(tables)]
