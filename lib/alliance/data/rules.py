"""Rules across rows and tables: keys, references, dates, estimates, verdicts, duplicates.

Each check takes the parsed tables and yields Problems, each once: an error (the data cannot
be used) or a warning (worth a look: a likely duplicate, an unreferenced row). A cell already
reported as malformed is missing in the typed frame and is skipped here, so nothing is
reported twice. Checks look rows up in dicts built once, never pairwise, to stay fast.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import edtf
from ..paths import display_path
from .problems import Problem
from .reading import ParsedTable
from .schema import RATING_OF_VERDICT, TABLES, key_columns

Tables = dict[str, ParsedTable]


@lru_cache(maxsize=64)
def _shown(path: Path, cwd: str) -> str:
    return display_path(path)


def _p(t: ParsedTable, pos: int, column: str, message: str, severity: str = "error") -> Problem:
    return Problem(_shown(t.path, os.getcwd()), t.line(pos), column, message, severity)


def _row(t: ParsedTable, pos: int) -> str:
    """Another row, as a message names it: file:line, and its id where the table has one."""
    where = f"{t.table.file}:{t.line(pos)}"
    if t.table.key:
        rid = t.frame[t.table.key].iat[pos]
        if not pd.isna(rid):
            where += f" ({rid})"
    return where


def _day(value) -> dt.date | None:
    return None if pd.isna(value) else value.date()


def _num(x: float) -> str:
    return f"{x:,.0f}" if float(x) == int(x) else f"{x:,.2f}"


def record_ids(t: ParsedTable) -> pd.Series:
    """The id a citation uses for each record: the key, or composite key parts joined by ':'."""
    cols = key_columns(t.table)
    f = t.frame
    if len(cols) == 1:
        return f[cols[0]].astype("string")
    # joined column by column (a row-by-row join took seconds on a large dataset); a record
    # with an empty key part has no id (NA), as composite_keys_unique expects
    parts = [f[c].astype("string") for c in cols]
    return parts[0].str.cat(parts[1:], sep=":")


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
        # the columns as lists once: a cell read through the frame costs ~20 µs each
        columns = (f[c].tolist() for c in ("date", "date_start", "date_end", "date_precision"))
        for pos, (date, start, end, precision) in enumerate(zip(*columns)):
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
        lows, bests, highs, qualifiers = (f[c].tolist() for c in ("low", "best", "high", "qualifier"))
        for pos in range(len(f)):
            if not t.usable(pos, "low", "best", "high", "qualifier"):
                continue
            low, best, high = lows[pos], bests[pos], highs[pos]
            vals = {"low": low, "best": best, "high": high}
            present = {k for k, v in vals.items() if not pd.isna(v)}
            if not present:
                yield _p(t, pos, "best", "low, best and high are all empty; give at least one")
                continue
            for a, b in (("low", "best"), ("best", "high"), ("low", "high")):
                if a in present and b in present and vals[a] > vals[b]:
                    yield _p(t, pos, b, f"{vals[b]} is less than {a} {vals[a]}")
            q = qualifiers[pos]
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


# Rules added for duplicates, figures, names, orphans, disputes, dates and URLs -----------
# Each walks its rows once and looks other rows up in dicts built beforehand (no pairwise
# loops), so they stay fast as the tables grow.

# Event types where actor1 -> actor2 has a direction (visitor -> host, sender -> recipient):
# Kim's letter to Putin and Putin's telegram to Kim on one day are two events.
DIRECTED_TYPES = frozenset({"summit_or_visit", "letter_or_message"})


def likely_duplicate_events(tables: Tables) -> Iterator[Problem]:
    """Two day-precise events on the same day, of the same type, from the same source or
    between the same actors: probably one event entered twice. (A visit and the letter
    handed over at it share a day and a source but not a type: not flagged.) Actors count
    in either order except for directed types. Each later row is reported once, naming the
    first row it repeats; retracted rows are left out (a withdrawn event is kept on purpose
    beside its correction)."""
    t = tables["events"]
    f = t.frame
    first: dict[tuple, int] = {}
    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
    rows = zip(f["date_start"], f["date_precision"], f["source_id"], f["event_type"],
               f["actor1_id"], f["actor2_id"], f["status"])
    for pos, (day, precision, source, kind, a1, a2, status) in enumerate(rows):
        if pd.isna(day) or status == "retracted" or precision != "day" or pd.isna(kind):
            continue
        keys = []
        if not pd.isna(source):
            keys.append((("source", day, kind, source),
                         f"the same event_type {kind!r} and source_id {source!r}"))
        actors = tuple(a for a in (a1, a2) if not pd.isna(a))
        if actors:
            key_actors = actors if kind in DIRECTED_TYPES else tuple(sorted(actors))
            shown = " and ".join(key_actors)
            keys.append((("actors", day, kind, key_actors),
                         f"the same event_type {kind!r} and actors {shown}"))
        for key, why in keys:
            if key in first:
                reasons[(pos, first[key])].append(why)
            else:
                first[key] = pos
    days = list(f["date_start"])
    for (pos, other), why in sorted(reasons.items()):
        yield _p(t, pos, "date_start",
                 f"likely the same event as {_row(t, other)}: the same date_start "
                 f"{_day(days[pos])} and {' and '.join(why)}", "warning")


# A figure in running text: 12,000 / 12000 / 1.5 million / 3 billion; not part of a date, an
# ordinal, a decimal or a percentage. A bare 19xx/20xx is taken for a year and skipped.
_FIGURE = re.compile(
    r"(?<![\w.,/-])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s+(?P<scale>million|billion)\b)?(?![\w%]|[.,/-]\d)", re.IGNORECASE)
_SCALES = {"million": 10 ** 6, "billion": 10 ** 9}
_WORDING = re.compile(
    r"\b(?P<w>about|some|around|at least|more than|over|up to|at most)\s+(?:US\$|\$)?$",
    re.IGNORECASE)
WORDING_QUALIFIER = {"about": "about", "some": "about", "around": "about",
                     "at least": "at_least", "more than": "at_least", "over": "at_least",
                     "up to": "at_most", "at most": "at_most"}


def stated_figures(text: str) -> dict[int, tuple[str | None, str]]:
    """The whole numbers a text states, each with the qualifier its wording implies (None when
    the text gives none: then any qualifier fits) and the words that state it."""
    out: dict[int, tuple[str | None, str]] = {}
    for m in _FIGURE.finditer(text):
        raw, scale = m.group("n"), m.group("scale")
        if scale:
            value = round(float(raw.replace(",", "")) * _SCALES[scale.lower()])
        elif "." in raw:
            continue
        else:
            value = int(raw.replace(",", ""))
            if "," not in raw and len(raw) == 4 and 1900 <= value <= 2100:
                continue  # a year
        w = _WORDING.search(text, max(0, m.start() - 30), m.start())
        wording = WORDING_QUALIFIER[w.group("w").lower()] if w else None
        if value not in out or out[value][0] is None:
            out[value] = (wording, text[w.start() if w else m.start():m.end()])
    return out


def _wording_fits(wording: str | None, qualifier, column: str) -> bool:
    if wording is None or pd.isna(qualifier):
        return True
    if qualifier == "range":  # "at least" the low end, "up to" the high end
        return (wording, column) in (("at_least", "low"), ("at_most", "high"))
    return wording == qualifier


# Events that are the giving of a figure (a briefing, a statement, a casualty report): dated,
# like estimates, by the day the figure was given. Other events (a deployment, a battle, a
# shipment) are dated by when they happened, which a later statement's figure may well follow.
FIGURE_GIVING_EVENTS = ("intelligence_report", "official_statement", "casualty_report")


def event_figures_match_estimates(tables: Tables) -> Iterator[Problem]:
    """An event stating a figure that an estimate from the same source gives (best, low or
    high) describes that estimate: the wording ("about", "at least", "up to") should fit the
    estimate's qualifier (warning), and where the event is the giving of the figure (a report
    or statement, see FIGURE_GIVING_EVENTS) the dates must agree (error). Conservative:
    figures below 10 are left out (days, articles, ranks would match by chance), a bare
    19xx/20xx is a year, and one estimate of the same figure dated like the event is enough."""
    ev, es = tables["events"], tables["estimates"]
    by_figure: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
    for col in ("best", "low", "high"):
        for pos, (source, value) in enumerate(zip(es.frame["source_id"], es.frame[col])):
            if not pd.isna(source) and not pd.isna(value) and value >= 10:
                by_figure[(source, int(value))].append((pos, col))
    if not by_figure:
        return
    es_day, es_qualifier = list(es.frame["date_start"]), list(es.frame["qualifier"])
    rows = zip(ev.frame["source_id"], ev.frame["date_start"], ev.frame["title"],
               ev.frame["description"], ev.frame["event_type"])
    for pos, (source, day, title, desc, kind) in enumerate(rows):
        if pd.isna(source) or pd.isna(day):
            continue
        text = " ".join(x for x in (title, desc) if not pd.isna(x))
        dated_alike = kind in FIGURE_GIVING_EVENTS
        for value, (wording, phrase) in stated_figures(text).items():
            hits = by_figure.get((source, value))
            if not hits:
                continue
            same_day = [(p, c) for p, c in hits if es_day[p] == day]
            if not dated_alike:
                same_day = hits
            elif not same_day:
                named = ", ".join(f"{_row(es, p)} {c} {_num(value)} dated "
                                  f"{_day(es_day[p])}" for p, c in hits)
                yield _p(ev, pos, "date_start",
                         f"'{_day(day)}' does not match the date_start of the estimate from the "
                         f"same source {source!r} that gives the figure {_num(value)} stated "
                         f"here: {named}")
                continue
            if not any(_wording_fits(wording, es_qualifier[p], c) for p, c in same_day):
                quals = ", ".join(f"{_row(es, p)} has qualifier {es_qualifier[p]!r} "
                                  f"({c})" for p, c in same_day)
                yield _p(ev, pos, "description",
                         f"{phrase!r} (qualifier {wording!r}) does not fit the estimate from the "
                         f"same source that gives {_num(value)}: {quals}", "warning")


_EXACT_WORD = re.compile(r"\bexact(ly)?\b", re.IGNORECASE)


def round_figures_not_exact(tables: Tables) -> Iterator[Problem]:
    """qualifier 'exact' on a round figure (a multiple of 100, at least 1000) needs the notes
    to say why it is exact (with the word "exact"); most such figures are approximations."""
    for t in tables.values():
        if not t.table.estimates:
            continue
        f = t.frame
        for pos, (q, best, notes) in enumerate(zip(f["qualifier"], f["best"], f["notes"])):
            if q != "exact" or pd.isna(best) or best < 1000 or best % 100:
                continue
            if pd.isna(notes) or not _EXACT_WORD.search(notes):
                yield _p(t, pos, "qualifier",
                         f"'exact' on the round figure {_num(best)}; use 'about', or say in notes "
                         "why the figure is exact (with the word 'exact')")


_PERCENT = re.compile(
    r"(?:(?<![\w.%-])(?P<sign>[+\-\u2212])\s?|\b(?P<word>up|down)\s+(?:by\s+)?)"
    r"(?P<n>\d+(?:\.\d+)?)\s?%"
    r"(?:\s+(?P<conn>on|from|over|since|to|vs\.?|against|compared with)\s+(?P<year>(?:19|20)\d\d)\b)?",
    re.IGNORECASE)


def _prefer(rows: list[int], cols: dict[str, list], pos: int) -> list[int]:
    """The candidate rows closest to row pos: same source, else same basis, else all."""
    for col in ("source_id", "basis"):
        same = [r for r in rows if cols[col][r] == cols[col][pos]]
        if same:
            return same
    return rows


def trade_totals_add_up(tables: Tables) -> Iterator[Problem]:
    """A total equals its export + import (within 1%) where both exist for the same year,
    reporter and partner (error); a change stated in notes ("+N%", "down N%" on the previous
    year) fits the previous year's value of the same flow (within 2 points; warning)."""
    t = tables["trade"]
    cols = {c: list(t.frame[c]) for c in ("year", "reporter_iso3", "partner_iso3", "flow",
                                          "value", "unit", "source_id", "basis", "notes")}
    cols["value"] = [None if pd.isna(v) else float(v) for v in cols["value"]]
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for pos, (year, rep, par, flow, value, unit) in enumerate(zip(
            *(cols[c] for c in ("year", "reporter_iso3", "partner_iso3", "flow", "value", "unit")))):
        if value is not None and unit != "percent" and not any(
                pd.isna(x) for x in (year, rep, par, flow)):
            by_key[(int(year), rep, par, flow)].append(pos)
    for (year, rep, par, flow), positions in by_key.items():
        for pos in positions:
            if flow == "total":
                yield from _total_is_sum(t, cols, pos, by_key, (year, rep, par))
            yield from _stated_changes(t, cols, pos, by_key, (year, rep, par, flow))


def _total_is_sum(t, cols, pos, by_key, key) -> Iterator[Problem]:
    exports, imports = by_key.get((*key, "export"), []), by_key.get((*key, "import"), [])
    if not exports or not imports:
        return
    exports, imports = _prefer(exports, cols, pos), _prefer(imports, cols, pos)
    if len(exports) != 1 or len(imports) != 1:
        return  # several candidates: which pair belongs together is not clear
    (e,), (i,) = exports, imports
    value, ev, iv = cols["value"][pos], cols["value"][e], cols["value"][i]
    if abs(value - (ev + iv)) > 0.01 * value:
        off = abs(value - (ev + iv)) / value * 100 if value else float("inf")
        yield _p(t, pos, "value",
                 f"{_num(value)} is not export + import: {_row(t, e)} {_num(ev)} + "
                 f"{_row(t, i)} {_num(iv)} = {_num(ev + iv)}, {off:.1f}% off (at most 1%)")


def _stated_changes(t, cols, pos, by_key, key) -> Iterator[Problem]:
    notes = cols["notes"][pos]
    if pd.isna(notes):
        return
    year, rep, par, flow = key
    value = cols["value"][pos]
    seen, off = set(), []
    for m in _PERCENT.finditer(notes):
        if m.group("year"):
            named, conn = int(m.group("year")), m.group("conn").lower()
            if named != (year if conn == "to" else year - 1):
                continue  # a change relative to another year, or into the next year
        previous = [p for p in by_key.get((year - 1, rep, par, flow), []) if cols["value"][p] > 0]
        if not previous:
            continue
        stated = float(m.group("n"))
        if m.group("sign") in ("-", "\u2212") or (m.group("word") or "").lower() == "down":
            stated = -stated
        if stated in seen:
            continue
        seen.add(stated)
        implied = {p: (value / cols["value"][p] - 1) * 100 for p in _prefer(previous, cols, pos)}
        closest = min(implied, key=lambda p: abs(implied[p] - stated))
        if abs(implied[closest] - stated) > 2:
            off.append((m.group(0).strip(), closest, implied[closest], abs(implied[closest] - stated)))
    if off:  # one warning per row, however many of its statements are off
        said = " and ".join(repr(x[0]) for x in off)
        points = " and ".join(f"{x[3]:.1f}" for x in off)
        _, closest, implied, _ = off[0]
        yield _p(t, pos, "notes",
                 f"notes state {said} (a change on {year - 1}), but {_row(t, closest)} gives "
                 f"{_num(cols['value'][closest])} for {year - 1}, from which {_num(value)} is "
                 f"{implied:+.1f}%, {points} points off (at most 2)", "warning")


def _bare_name(name: str) -> str:
    """A name compared with others: case-folded, spaces collapsed, a bracketed suffix dropped."""
    name = re.sub(r"\s*\([^()]*\)\s*$", "", name)
    return " ".join(name.split()).casefold()


def entity_names_unique(tables: Tables) -> Iterator[Problem]:
    t = tables["entities"]
    names = list(t.frame["name"])
    first: dict[str, int] = {}
    for pos, name in enumerate(names):
        if pd.isna(name):
            continue
        bare = _bare_name(name)
        if not bare:
            continue
        if bare in first:
            other = first[bare]
            yield _p(t, pos, "name", f"{name!r} names the same entity as "
                     f"{names[other]!r} on {_row(t, other)}; merge the two or "
                     "tell them apart in the name")
        else:
            first[bare] = pos


def _referenced(tables: Tables, target: str) -> set[str]:
    """Every id of `target` that some cell points to: ref/refs columns and citations."""
    used: set[str] = set()
    for t in tables.values():
        for c in t.table.columns:
            if c.target != target or c.kind not in ("ref", "refs"):
                continue
            values = t.frame[c.name].dropna()
            if c.kind == "refs":
                used.update(x for items in values for x in items)
            else:
                used.update(values)
    cit = tables["citations"].frame
    used.update(cit.loc[cit["table"] == target, "record_id"].dropna())
    return used


def nothing_unreferenced(tables: Tables) -> Iterator[Problem]:
    """An entity or source that no table and no citation points to is probably left over."""
    for name in ("entities", "sources"):
        t = tables[name]
        used = _referenced(tables, name)
        key = t.table.key
        for pos, rid in enumerate(t.frame[key]):
            if not pd.isna(rid) and rid not in used:
                yield _p(t, pos, key, f"{rid!r} is referenced by no table and no citation; "
                         "remove it or cite it where it is used", "warning")


DISPUTABLE = ("events", "estimates", "routes")


def disputed_rows_cite_the_other_version(tables: Tables) -> Iterator[Problem]:
    cit = tables["citations"].frame
    contradicted = set(zip(cit.loc[cit["relation"] == "contradicts", "table"].astype("string"),
                           cit.loc[cit["relation"] == "contradicts", "record_id"]))
    for name in DISPUTABLE:
        t = tables[name]
        key = t.table.key
        for pos, (rid, status) in enumerate(zip(t.frame[key], t.frame["status"])):
            if status == "disputed" and not pd.isna(rid) and (name, rid) not in contradicted:
                yield _p(t, pos, "status",
                         f"'disputed', but citations.csv has no 'contradicts' citation for "
                         f"{rid!r} (table {name}) giving the other version")


# What "today" is for the date rules; tests replace it (monkeypatch rules.today).
today: Callable[[], dt.date] = dt.date.today


def dates_not_after_access(tables: Tables, on: dt.date | None = None) -> Iterator[Problem]:
    """No event or estimate starts after today, or after its source was accessed."""
    now = on or today()
    src = tables["sources"]
    accessed = {sid: (pos, _day(day)) for pos, (sid, day)
                in enumerate(zip(src.frame["source_id"], src.frame["date_accessed"]))
                if not pd.isna(sid)}
    for name in ("events", "estimates"):
        t = tables[name]
        for pos, (start, sid) in enumerate(zip(t.frame["date_start"], t.frame["source_id"])):
            start = _day(start)
            if start is None:
                continue
            why = []
            if start > now:
                why.append(f"after today ({now})")
            spos, seen = accessed.get(sid, (None, None))
            if seen is not None and start > seen:
                why.append(f"after the date_accessed '{seen}' of its source "
                           f"{_row(src, spos)}")
            if why:
                yield _p(t, pos, "date_start", f"'{start}' is {' and '.join(why)}; a source "
                         "cannot report what had not happened when it was read")


_URL_REFUSED = {'"': "a double quote", "<": "'<'", ">": "'>'"}


_URL_SUSPECT = re.compile(r'["<>]|[^\x21-\x7e]')  # the refused ASCII, and anything not printable ASCII


def _bad_url_char(url: str) -> tuple[int, str] | None:
    for m in _URL_SUSPECT.finditer(url):  # most URLs: no match, no loop over characters
        i, ch = m.start(), m.group()
        if ch in _URL_REFUSED:
            return i, _URL_REFUSED[ch]
        if ch.isspace():
            return i, f"whitespace (U+{ord(ch):04X})"
        if unicodedata.category(ch) == "Cf":
            return i, f"an invisible character (U+{ord(ch):04X})"
    return None


def urls_have_no_stray_characters(tables: Tables) -> Iterator[Problem]:
    """A URL holding '"', '<', '>' or whitespace was copied with text or markup around it.
    (Whitespace is already refused by the cell check, which then blanks the cell here, so
    such a URL is reported once, by that check.)"""
    t = tables["sources"]
    for pos, url in enumerate(t.frame["url"]):
        if pd.isna(url):
            continue
        bad = _bad_url_char(url)
        if bad:
            i, what = bad
            yield _p(t, pos, "url", f"{url!r} contains {what} at character {i + 1}; a URL "
                     "cannot hold '\"', '<', '>' or whitespace (was it copied with the HTML or "
                     "text around it?); record the address alone, such characters "
                     "percent-encoded (%22, %3C, %3E, %20)")


def urls_are_unique(tables: Tables) -> Iterator[Problem]:
    """One source per document: a second row with the same URL splits its citations."""
    t = tables["sources"]
    first: dict[str, int] = {}
    for pos, url in enumerate(t.frame["url"]):
        if pd.isna(url):
            continue
        if url in first:
            yield _p(t, pos, "url", f"{url!r} is already the URL of {_row(t, first[url])}; keep one "
                     "source and point every reference at it")
        else:
            first[url] = pos


CHECKS = (composite_keys_unique, references_resolve, citations_resolve, treaty_ids_are_treaties,
          dates_agree, estimates_consistent, verdicts_match_ratings, trade_units_match,
          empty_cells_explained, one_compared_clause_per_treaty, quotes_have_flags,
          likely_duplicate_events, event_figures_match_estimates, round_figures_not_exact,
          trade_totals_add_up, entity_names_unique, nothing_unreferenced,
          disputed_rows_cite_the_other_version, dates_not_after_access,
          urls_have_no_stray_characters, urls_are_unique)


def cross_table_problems(tables: Tables) -> list[Problem]:
    return [p for check in CHECKS for p in check(tables)]
