"""Parameter declarations and their checks: a registry of parameter kinds, the Param type,
and the check every lesson runs right after its `parameters` cell.

A notebook's `parameters` cell holds plain literal defaults with type annotations (so it runs
the same in JupyterLab and under papermill, and `papermill --help-notebook` describes each
parameter); `kit.start(...)` checks the values against the declarations in the catalogue and
stops with a message naming the parameter, the bad value and what is allowed. The renderer
checks every named parameter set the same way before any kernel starts. Kept free of pandas.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from .errors import ParameterError

STATUS_RANK = {"claimed": 1, "disputed": 2, "reported": 2, "confirmed": 3}
MIN_STATUSES = ("claimed", "reported", "confirmed")
ENTITY_IDS = r"^ent_[a-z0-9_.-]+$"


def _parse_list_text(p: "Param", value: str) -> Any:
    """`papermill -p estimators '["ent_nis"]'` passes a string: read it as JSON, then YAML."""
    try:
        return json.loads(value)
    except ValueError:
        pass
    try:
        import yaml
        parsed = yaml.safe_load(value)
    except Exception as err:  # yaml's errors carry their own position
        raise ParameterError(f"could not be read as a JSON or YAML list ({err})", parameter=p.name,
                             value=value, allowed=p.allowed()) from None
    if isinstance(parsed, str) and p.kind == "list" and "," not in value and "[" not in value:
        return [parsed]  # a single bare item: -p estimators ent_nis
    return parsed


def _check_str(p: "Param", value: Any) -> str:
    if not isinstance(value, str):
        raise p.type_error(value)
    if (p.choices and value not in p.choices) or (p.pattern and not re.match(p.pattern, value)):
        raise ParameterError("is not allowed", parameter=p.name, value=value, allowed=p.allowed())
    return value


def _check_date(p: "Param", value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise p.type_error(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ParameterError("is not a date", parameter=p.name, value=value, allowed=p.allowed())
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise ParameterError(f"is not a real date ({err})", parameter=p.name, value=value) from None


def _check_list(p: "Param", value: Any) -> list:
    if isinstance(value, str):
        value = _parse_list_text(p, value)
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise p.type_error(value)
    item_type = int if p.kind == "int_list" else str
    for item in value:
        if not isinstance(item, item_type) or isinstance(item, bool):
            raise ParameterError(f"is a {type(item).__name__}", parameter=p.name, value=item,
                                 allowed=p.allowed(), hint="an item of the list")
        if (p.choices and item not in p.choices) or (p.pattern and not re.match(p.pattern, item)):
            raise ParameterError("is not allowed", parameter=p.name, value=item, allowed=p.allowed())
    return list(value)


def _check_int(p: "Param", value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise p.type_error(value)
    return value


@dataclass(frozen=True)
class Kind:
    """A parameter kind: how a value is checked and how papermill names its type."""
    check: Any        # (Param, value) -> normalised value
    annotation: str   # the type annotation written in the parameters cell


# Every Param names one of these; an unknown kind raises when the Param is declared.
KINDS: dict[str, Kind] = {
    "str": Kind(_check_str, "str"),
    "date": Kind(_check_date, "str"),
    "list": Kind(_check_list, "list"),
    "int_list": Kind(_check_list, "list"),
    "int": Kind(_check_int, "int"),
}


@dataclass(frozen=True)
class Param:
    name: str
    kind: str                      # one of KINDS
    default: Any
    help: str
    choices: tuple[str, ...] = ()  # allowed values (of each item, for lists); empty = any
    pattern: str = ""              # for open vocabularies (e.g. ids): a regex each item must match
    ref: str = ""                  # table whose ids the values must be (checked against the data)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"parameter {self.name!r}: unknown kind {self.kind!r}; the kinds are: "
                             + ", ".join(KINDS))
        KINDS[self.kind].check(self, self.default)  # a default must pass its own check

    def describe(self) -> str:
        return (f"{self.name} ({self.kind}): {self.help}; allowed: {self.allowed()}; "
                f"default {self.default!r}")

    def allowed(self) -> str:
        if self.choices:
            return ("one of " if self.kind == "str" else "a list of ") + ", ".join(self.choices)
        if self.kind == "date":
            return "a date as 'YYYY-MM-DD'"
        if self.kind == "int_list":
            return "a list of years (whole numbers)"
        if self.pattern:
            return f"{'an id' if self.kind == 'str' else 'a list of ids'} matching {self.pattern}"
        return f"a {self.kind}"

    def type_error(self, value: Any) -> ParameterError:
        return ParameterError(f"is a {type(value).__name__}", parameter=self.name, value=value,
                              allowed=self.allowed())

    def check(self, value: Any) -> Any:
        return KINDS[self.kind].check(self, value)

    def cell_line(self) -> str:
        """The line of the parameters cell: `name: type = default  # help`."""
        return self.cell_line_for(self.default)

    def cell_line_for(self, value: Any) -> str:
        literal = json.dumps(value, ensure_ascii=False)  # valid Python for str, int and lists
        return f"{self.name}: {KINDS[self.kind].annotation} = {literal}  # {self.help}"


def validate(params: tuple[Param, ...], values: dict[str, Any]) -> dict[str, Any]:
    """Check values against declarations; unknown names, wrong types and bad values raise.

    Missing names take their declared defaults; cross-parameter rules (end before start) are
    checked too. Returns the values, normalised (dates as datetime.date)."""
    known = {p.name for p in params}
    for name in values:
        if name not in known:
            raise ParameterError(f"unknown parameter {name!r}",
                                 allowed="one of " + ", ".join(sorted(known)))
    out = {p.name: p.check(values.get(p.name, p.default)) for p in params}
    if "start" in out and "end" in out and out["end"] < out["start"]:
        raise ParameterError(f"is before start {out['start']}", parameter="end",
                             value=out["end"], allowed="an end on or after the start")
    return out


def check_refs(params: tuple[Param, ...], values: dict[str, Any], known: dict[str, set[str]]) -> None:
    """Ids given as parameters must exist in the data (known: table -> its ids)."""
    for p in params:
        if not p.ref or p.name not in values:
            continue
        items = values[p.name] if isinstance(values[p.name], list) else [values[p.name]]
        for item in items:
            if item not in known[p.ref]:
                raise ParameterError(f"is not an id in {p.ref}.csv", parameter=p.name, value=item,
                                     allowed=f"{p.allowed()} that exists in the data")
