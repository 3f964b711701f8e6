"""Read one table: bytes -> text cells with their CSV line numbers -> checked, typed frame.

Every problem is collected, none raised, so one run reports all of them. Cell formats are
checked by a pandera schema built from `schema.TABLES`; cross-table rules live in checks.py.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import edtf
from ..paths import display_path
from .problems import Problem
from .schema import Col, Table

BOM = b"\xef\xbb\xbf"
# said by every problem that leaves a table incomplete (its rows not all read)
WAITING = "; the checks across tables run once every file reads whole"
# Strings that spreadsheet tools and pandas treat as "missing": refused, so that an empty cell
# is the one way to say "unknown" and no real value is ever read as NaN.
MISSING_WORDS = frozenset({"NA", "N/A", "n/a", "na", "None", "none", "null", "NULL", "Null",
                           "nan", "NaN", "NAN", "-", "?", "#N/A", "unknown", "Unknown"})

_SLUG = r"[a-z0-9][a-z0-9_.-]*"
_PATTERNS = {
    "day": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "is not a date (YYYY-MM-DD)"),
    "int": (re.compile(r"^-?\d+$"), "is not a whole number (digits only, e.g. 12000)"),
    "url": (re.compile(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$"),
            "does not look like a URL (http:// or https://, a host name, no spaces)"),
    "qid": (re.compile(r"^Q[1-9][0-9]*$"), "is not a Wikidata id (Q followed by digits)"),
    "iso3": (re.compile(r"^[A-Z]{3}$"), "is not an ISO 3166-1 alpha-3 code (e.g. RUS, PRK)"),
    "lang": (re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"),
             "is not a BCP 47 language tag (e.g. en, ko, ru, zh-Hans)"),
    "yesno": (re.compile(r"^(yes|no)$"), "is not one of: yes, no"),
}


@dataclass
class ParsedTable:
    table: Table
    path: Path
    frame: pd.DataFrame            # typed; a bad cell is missing here and reported in problems
    lines: list[int]               # CSV line number of each row, by position
    problems: list[Problem] = field(default_factory=list)
    bad: set[tuple[int, str]] = field(default_factory=set)  # (position, column) reported above
    # the file could not be read whole (missing, not a file, not CSV, a broken quote, rows
    # dropped): its rows are incomplete, so rules across tables would only echo that one cause
    incomplete: bool = False

    def line(self, position: int) -> int:
        return self.lines[position]

    def usable(self, position: int, *columns: str) -> bool:
        """True when none of these cells of the row was already reported as malformed."""
        return not any((position, c) in self.bad for c in columns)


# Raw reading --------------------------------------------------------------------------

def _decode(data: bytes, shown: str, header: list[str] | None) -> tuple[str, list[Problem]]:
    problems = []
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as err:
            prefix = raw[:err.start].decode("utf-8", "replace")
            fields = next(csv.reader([prefix]), [""])
            column = header[len(fields) - 1] if header and len(fields) <= len(header) else f"field {len(fields)}"
            problems.append(Problem(
                shown, lineno, column,
                f"byte 0x{raw[err.start]:02x} at character {len(prefix) + 1} is not valid UTF-8; "
                "save the file as UTF-8 (it may be Latin-1 or Windows-1252)"))
    return data.decode("utf-8", "replace"), problems


def file_problem(path: Path, shown: str, what: str) -> str | None:
    """Why `path` cannot be read as a data file, judged from its directory entry alone: a
    symlink, a folder or a FIFO is named as such and never opened (a FIFO would block)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return f"file is missing; expected {what}"
    except OSError as err:
        return f"cannot be examined ({err.strerror}); expected {what}"
    if stat.S_ISLNK(st.st_mode):
        return (f"is a symbolic link (to {os.readlink(path)}); data files must be regular files "
                f"inside the data folder, so copy the file here; expected {what}")
    if stat.S_ISDIR(st.st_mode):
        return f"is a folder, not a file; expected {what}"
    if not stat.S_ISREG(st.st_mode):
        return f"is not a regular file (a pipe, socket or device); expected {what}"
    return None


def read_bytes(path: Path, shown: str, what: str) -> tuple[bytes | None, str | None]:
    """The file's bytes, or why it cannot be read (without reading what is not a file)."""
    why = file_problem(path, shown, what)
    if why is not None:
        return None, why
    try:
        return path.read_bytes(), None
    except PermissionError:
        return None, f"cannot be read (permission denied); make it readable; expected {what}"
    except OSError as err:
        return None, f"cannot be read ({err.strerror}); expected {what}"


def _other_separator(first_line: str, expected: list[str]) -> str | None:
    """'tab' or 'semicolon' when the header is split by that instead of commas."""
    by_comma = sum(h.strip() in expected for h in first_line.split(","))
    for sep, name in (("\t", "tab"), (";", "semicolon")):
        if sum(h.strip().strip('"') in expected for h in first_line.split(sep)) > max(1, by_comma):
            return name
    return None


def _open_quote(text: str, start_line: int) -> tuple[int, int] | None:
    """(line, character) of the quote that opened the cell a CSV reader choked on, scanning
    the record that begins on `start_line`: the place to look, not where the reader gave up.
    None when no quote is to blame."""
    pos = 0
    for _ in range(start_line - 1):
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return None
    i, n = pos, len(text)
    field_start, quoted, opened, spanning = True, False, None, None
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"':
                after = text[i + 1:i + 2]
                if after == '"':
                    i += 2
                    continue
                if after not in (",", "\n", "\r", ""):
                    return _line_char(text, opened)  # closed, then text: the opener was unpaired
                quoted = False
                if spanning is None and "\n" in text[opened:i]:
                    spanning = opened
            i += 1
            continue
        if ch == "\n":
            break
        if field_start and ch == '"':
            quoted, opened = True, i
        field_start = ch == ","
        i += 1
    target = opened if quoted else spanning
    return _line_char(text, target) if target is not None else None


def _line_char(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_cells(table: Table, path: Path) -> tuple[pd.DataFrame, list[int], list[Problem], frozenset[str], bool]:
    """The table's cells as text, the CSV line of each row, the problems of the file's shape,
    the expected columns the header lacks (their cells read as empty), and whether rows were
    lost (the file is missing, unreadable or broken part way)."""
    shown = display_path(path)
    expected = list(table.column_names)
    empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in expected})
    data, why = read_bytes(path, shown, "a CSV with the header: " + ",".join(expected))
    if data is None:
        return empty, [], [Problem(shown, 1, "file", why.replace("file is missing", "table file is missing") + WAITING)], frozenset(), True
    problems: list[Problem] = []
    if data.startswith(BOM):
        problems.append(Problem(shown, 1, "header", "file starts with a UTF-8 byte-order mark "
                                "(BOM); save it as UTF-8 without BOM"))
        data = data[len(BOM):]
    if not data.strip():
        problems.append(Problem(shown, 1, "header", "file is empty; expected a header row: "
                                + ",".join(expected) + WAITING))
        return empty, [], problems, frozenset(), True
    first = data.split(b"\n", 1)[0].decode("utf-8", "replace")
    sep = _other_separator(first, expected)
    if sep:
        return empty, [], problems + [Problem(
            shown, 1, "file", f"this file is {sep}-separated; the tables are comma-separated: "
            "save it as CSV with commas (cells holding a comma in double quotes)" + WAITING)], frozenset(), True
    header_guess = next(csv.reader([first]), [])
    text, decode_problems = _decode(data, shown, header_guess)
    problems += decode_problems

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as err:
        return empty, [], problems + [Problem(shown, 1, "header", f"cannot read the header: {err}" + WAITING)], frozenset(), True
    header = [h.strip() for h in header]
    for name in expected:
        if name not in header:
            problems.append(Problem(shown, 1, name, "required column is missing; expected the "
                                    "header: " + ",".join(expected)))
    seen = set()
    for name in header:
        if name in seen:
            problems.append(Problem(shown, 1, name, "column appears twice in the header"))
        elif name not in expected:
            problems.append(Problem(shown, 1, name or "(blank)", "unexpected column; this table's "
                                    "columns are: " + ",".join(expected)))
        seen.add(name)

    rows, lines = [], []
    position = {name: header.index(name) for name in expected if name in header}
    last_line = 1
    lost = False
    try:
        for record in reader:
            start = last_line + 1
            last_line = reader.line_num
            if not record or record == [""]:
                problems.append(Problem(shown, start, "row", "blank line; remove it"))
                continue
            if len(record) != len(header):
                lost = True
                quote = _open_quote(text, start) if last_line > start else None
                if quote:
                    line, char = quote
                    problems.append(Problem(
                        shown, line, "row", f"a quote opened at character {char} is not closed "
                        f"on its line: lines {start}-{last_line} were read as one row; close the "
                        "quote (a quote inside a quoted cell is written twice: \"\")" + WAITING))
                else:
                    problems.append(Problem(
                        shown, start, "row", f"has {len(record)} fields, the header has "
                        f"{len(header)}; quote any cell that contains a comma" + WAITING))
                continue
            rows.append([record[position[n]] if n in position else "" for n in expected])
            lines.append(start)
    except csv.Error as err:
        lost = True
        quote = _open_quote(text, last_line + 1)
        if quote is None:
            problems.append(Problem(shown, last_line + 1, "row", f"cannot read this row: {err}; "
                                    "the rest of the file is not checked" + WAITING))
        else:
            line, char = quote
            problems.append(Problem(
                shown, line, "row", f"a quote opened at character {char} is never closed "
                f"properly ({err} on line {reader.line_num}); close it (a quote inside a quoted "
                "cell is written twice: \"\"); the rest of the file is not checked" + WAITING))
    frame = pd.DataFrame(rows, columns=expected, dtype=object) if rows else empty
    return frame, lines, problems, frozenset(n for n in expected if n not in header), lost


def check_data_file(path: Path) -> list[Problem]:
    """A non-table file a lesson reads (a GeoJSON basemap): a regular file, valid JSON, a
    FeatureCollection with features."""
    import json
    shown = display_path(path)
    what = "a GeoJSON FeatureCollection (see data/geo/README.md)"
    data, why = read_bytes(path, shown, what)
    if data is None:
        return [Problem(shown, 1, "file", why)]
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        return [Problem(shown, data[:err.start].count(b"\n") + 1, "file",
                        f"byte 0x{data[err.start]:02x} is not valid UTF-8; expected {what}")]
    except json.JSONDecodeError as err:
        return [Problem(shown, err.lineno, f"character {err.colno}",
                        f"is not valid JSON ({err.msg}); expected {what}")]
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list) or not features:
        return [Problem(shown, 1, "features", f"has no list of features; expected {what}")]
    return []


# Cell checks, as a pandera schema -----------------------------------------------------

def _pa():
    """pandera, imported only when cells are checked (its import alone costs ~0.5 s; a load
    of data whose validation stamp matches never needs it)."""
    import pandera.pandas as pa
    return pa


def _element(fn, error: str):
    # Empty cells and missing-words pass every format check: each has its own message.
    pa = _pa()
    return pa.Check(lambda v: v == "" or v in MISSING_WORDS or bool(fn(v)),
                    element_wise=True, error=error)


def _edtf_ok(v: str) -> bool:
    try:
        edtf.parse(v)
        return True
    except edtf.EDTFError:
        return False


def _day_ok(v: str) -> bool:
    try:
        dt.date.fromisoformat(v)
        return bool(_PATTERNS["day"][0].match(v))
    except ValueError:
        return False


def _float_ok(v: str) -> bool:
    try:
        return math.isfinite(float(v)) and not v.strip() != v
    except ValueError:
        return False


def _in_range(c: Col):
    def ok(v: str) -> bool:
        try:
            x = float(v)
        except ValueError:
            return True  # the format check reports it
        return (c.min is None or x >= c.min) and (c.max is None or x <= c.max)
    bounds = (f"at least {c.min:g}" if c.max is None else
              f"at most {c.max:g}" if c.min is None else f"between {c.min:g} and {c.max:g}")
    return _element(ok, f"is out of range: expected a number {bounds}")


def column_checks(table: Table, c: Col) -> list:
    pa = _pa()
    checks = [
        pa.Check(lambda v: v not in MISSING_WORDS, element_wise=True,
                 error="is not allowed as a value: leave the cell empty for unknown"),
        _element(lambda v: v == v.strip(), "has leading or trailing spaces"),
    ]
    if c.required:
        checks.append(pa.Check(lambda v: v != "", element_wise=True,
                               error="is empty; a value is required"))
    if c.kind == "id":
        rx = re.compile(rf"^{table.prefix}{_SLUG}$")
        checks.append(_element(rx.match, f"is not an id of the form {table.prefix}lowercase_slug"))
    elif c.kind == "ref":
        checks.append(_element(re.compile(rf"^[a-z]+_{_SLUG}$").match,
                               "is not an id (prefix_lowercase_slug)"))
    elif c.kind == "refs":
        if c.vocab:
            vocab = set(c.vocab)
            checks.append(_element(lambda v: all(x in vocab for x in v.split(";")),
                                   "has an item that is not one of: " + ", ".join(c.vocab)
                                   + " (items separated by ';' without spaces)"))
        else:
            rx = re.compile(rf"^[a-z]+_{_SLUG}(;[a-z]+_{_SLUG})*$")
            checks.append(_element(rx.match, "is not a ';'-separated list of ids without spaces"))
    elif c.kind == "vocab":
        vocab = set(c.vocab)
        checks.append(_element(lambda v: v in vocab, "is not one of: " + ", ".join(c.vocab)))
    elif c.kind == "day":
        checks.append(_element(_day_ok, _PATTERNS["day"][1]))
    elif c.kind == "edtf":
        checks.append(_element(_edtf_ok, f"is not an EDTF date ({edtf.FORMS}, optional ~ or ?)"))
    elif c.kind == "float":
        checks.append(_element(_float_ok, "is not a number (e.g. 42.9 or -130.5)"))
    elif c.kind in _PATTERNS:
        rx, error = _PATTERNS[c.kind]
        checks.append(_element(rx.match, error))
    if c.kind in ("int", "float") and (c.min is not None or c.max is not None):
        checks.append(_in_range(c))
    if c.max_len:
        checks.append(_element(lambda v: len(v) <= c.max_len,
                               f"is longer than {c.max_len} characters"))
    return checks


_SCHEMAS: dict = {}


def cell_schema(table: Table):
    pa = _pa()
    if table.name not in _SCHEMAS:
        _SCHEMAS[table.name] = pa.DataFrameSchema(
            {c.name: pa.Column(object, checks=column_checks(table, c), nullable=False,
                               unique=c.name == table.key, report_duplicates="all")
             for c in table.columns},
            name=table.name, ordered=False)
    return _SCHEMAS[table.name]


def check_cells(table: Table, frame: pd.DataFrame, lines: list[int], shown: str,
                skip: frozenset[str] = frozenset()) -> tuple[list[Problem], set[tuple[int, str]]]:
    """Run the pandera schema lazily; each failure case becomes a Problem.

    Returns the problems and the (position, column) cells whose value is unusable. A
    duplicate id is a problem but still a well-formed value, so it stays usable. Columns in
    `skip` (missing from the file, already reported once) are not checked cell by cell.
    """
    if frame.empty:
        return [], set()
    pa = _pa()
    schema = cell_schema(table)
    if skip:
        schema = schema.remove_columns(list(skip))
    try:
        schema.validate(frame, lazy=True)
        return [], set()
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    problems, bad = [], set()
    keys = frame[table.key] if table.key else None
    for case in cases.itertuples(index=False):
        if pd.isna(case.index):
            continue
        pos = int(case.index)
        value = case.failure_case
        if case.check == "field_uniqueness":
            others = [lines[i] for i in (keys[keys == value].index) if i != pos]
            msg = f"{value!r} is a duplicate id (also on line {', '.join(map(str, others))})"
        else:
            msg = f"{value!r} {case.check}"
            bad.add((pos, case.column))
        problems.append(Problem(shown, lines[pos], case.column, msg))
    return problems, bad


# Typing -------------------------------------------------------------------------------

def _typed(table: Table, frame: pd.DataFrame, bad: set[tuple[int, str]]) -> pd.DataFrame:
    """Convert checked text cells to their types; cells reported as bad become missing."""
    out = {}
    for c in table.columns:
        raw = [("" if (i, c.name) in bad else v) for i, v in enumerate(frame[c.name])]
        if c.kind == "day":
            out[c.name] = pd.to_datetime(pd.Series([v or None for v in raw], dtype=object),
                                         format="%Y-%m-%d").astype("datetime64[ns]")
        elif c.kind == "int":
            out[c.name] = pd.array([int(v) if v else pd.NA for v in raw], dtype="Int64")
        elif c.kind == "float":
            out[c.name] = pd.array([float(v) if v else pd.NA for v in raw], dtype="Float64")
        elif c.kind == "vocab":
            out[c.name] = pd.Categorical([v or None for v in raw], categories=list(c.vocab))
        elif c.kind == "yesno":
            out[c.name] = pd.array([{"yes": True, "no": False}.get(v, pd.NA) for v in raw],
                                   dtype="boolean")
        elif c.kind == "refs":
            out[c.name] = pd.Series([v.split(";") if v else [] for v in raw], dtype=object)
        else:
            out[c.name] = pd.Series([v or None for v in raw], dtype="string")
    return pd.DataFrame(out)


def parse_table(table: Table, data_dir: Path, check: bool = True) -> ParsedTable:
    """Read, check and type one table. check=False skips the cell checks: only for data whose
    validation stamp says it passed them unchanged (see data/stamp.py)."""
    path = Path(data_dir) / table.file
    shown = display_path(path)
    frame, lines, problems, missing, lost = read_cells(table, path)
    if not check:
        return ParsedTable(table, path, _typed(table, frame, set()), lines, problems, set(), lost)
    cell_problems, bad = check_cells(table, frame, lines, shown, missing)
    bad |= {(pos, name) for name in missing for pos in range(len(frame))}
    return ParsedTable(table, path, _typed(table, frame, bad), lines, problems + cell_problems, bad,
                       lost)
