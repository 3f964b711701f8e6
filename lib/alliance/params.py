"""Each notebook's parameters, declared once, and the check that runs right after them.

A notebook's `parameters` cell holds plain literal defaults (so it runs the same in
JupyterLab and under papermill); the next cell calls `check(...)`, which stops with a
message naming the parameter, the bad value and what is allowed. The report runner checks
every named parameter set against the same declarations before any kernel starts.
Kept free of pandas so the runner can use it cheaply.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from .schema import CLAIM_TOPICS, FLOWS, QUANTITIES, THEMES, TREATY_TOPICS, VERDICTS

AUDIENCES = ("report", "teacher", "student")
STATUS_RANK = {"claimed": 1, "disputed": 2, "reported": 2, "confirmed": 3}
MIN_STATUSES = ("claimed", "reported", "confirmed")


class ParameterError(ValueError):
    """A parameter value that is not allowed; the message says which and what would be."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str                      # str, int, date, list (of str), int_list
    default: Any
    help: str
    choices: tuple[str, ...] = ()  # allowed values (of each item, for lists); empty = any
    pattern: str = ""              # for open vocabularies (e.g. ids): a regex each item must match
    ref: str = ""                  # table whose ids the values must be (checked against the data)

    def describe(self) -> str:
        allowed = self.allowed()
        return f"{self.name} ({self.kind}): {self.help}; allowed: {allowed}; default {self.default!r}"

    def allowed(self) -> str:
        if self.choices:
            return "one of " + ", ".join(self.choices) if self.kind == "str" else \
                "a list of " + ", ".join(self.choices)
        if self.kind == "date":
            return "a date as 'YYYY-MM-DD'"
        if self.kind == "int_list":
            return "a list of years (whole numbers)"
        if self.pattern:
            return f"a list of ids matching {self.pattern}"
        return f"a {self.kind}"


@dataclass(frozen=True)
class NotebookSpec:
    name: str
    title: str
    summary: str
    params: tuple[Param, ...]
    # tables it reads (the runner re-runs it when one changes; None: all). Every lesson reads
    # entities and sources (lesson.start checks ids in parameters against them).
    tables: tuple[str, ...] | None
    extra_files: tuple[str, ...] = field(default=())  # other data files it reads

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}


AUDIENCE = Param("audience", "str", "report",
                 "who the rendering is for: report hides code, teacher shows solutions, "
                 "student removes them", AUDIENCES)
ENTITY_IDS = r"^ent_[a-z0-9_.-]+$"

GEO_FILES = ("geo/overview-50m.geojson", "geo/far-east-korea-10m.geojson", "geo/kursk-10m.geojson")

NOTEBOOKS: dict[str, NotebookSpec] = {s.name: s for s in (
    NotebookSpec(
        "00_overview", "Start here: what is in the collection",
        "What the lessons cover and how to use them; the dataset itself: records per table, "
        "the period covered, the mix of sources, what is disputed; how to cite.",
        (AUDIENCE,),
        tables=None),  # reads every table
    NotebookSpec(
        "01_timeline", "How the alliance unfolded",
        "Every dated event from July 2023 on, in lanes by theme; the monthly tempo before and "
        "after the treaty; who visited whom.",
        (
            Param("start", "date", "2023-07-01", "first day shown"),
            Param("end", "date", "2026-03-31", "last day shown"),
            Param("themes", "list", list(THEMES), "timeline lanes to show", THEMES),
            Param("actors", "list", [], "keep only events involving these entity ids "
                  "(empty: everyone)", pattern=ENTITY_IDS, ref="entities"),
            Param("min_status", "str", "reported", "weakest status shown (claimed < reported "
                  "< confirmed; disputed ranks with reported)", MIN_STATUSES),
            AUDIENCE,
        ),
        tables=("events", "entities", "places", "sources", "citations")),
    NotebookSpec(
        "02_treaty", "What the 2024 treaty binds them to",
        "The 23 articles by topic, Article 4 read closely, the defence clause beside other "
        "alliances, and the road from signature to force.",
        (
            Param("compare_with", "list", [
                "ent_treaty_rus_prk_2000", "ent_treaty_ussr_prk_1961", "ent_treaty_prc_prk_1961",
                "ent_treaty_nato_1949", "ent_treaty_us_kor_1953", "ent_treaty_us_jpn_1960"],
                "treaties to set beside the 2024 treaty's Article 4 (entity ids of treaties)",
                pattern=r"^ent_treaty_[a-z0-9_]+$", ref="entities"),
            Param("topics", "list", [], "show only articles with these topics (empty: all)",
                  TREATY_TOPICS),
            AUDIENCE,
        ),
        tables=("treaty_articles", "defense_clauses", "events", "entities", "sources", "citations")),
    NotebookSpec(
        "03_troops", "The deployment, in numbers and on the map",
        "North Korean troops, casualties, prisoners, munitions and workers as each estimator "
        "counted them over time, and the sites and routes on offline maps.",
        (
            Param("quantities", "list", list(QUANTITIES), "quantities to chart", QUANTITIES),
            Param("estimators", "list", [], "keep only these estimators (entity ids; empty: all)",
                  pattern=ENTITY_IDS, ref="entities"),
            Param("start", "date", "2023-07-01", "first as-of date shown"),
            Param("end", "date", "2026-03-31", "last as-of date shown"),
            AUDIENCE,
        ),
        tables=("estimates", "entities", "places", "routes", "sources", "citations"),
        extra_files=GEO_FILES),
    NotebookSpec(
        "04_china_angle", "Where Beijing stands",
        "China-DPRK trade next to Russia-DPRK trade, the 2024 Security Council vote that ended "
        "the sanctions panel, and high-level contacts with both sides.",
        (
            Param("years", "int_list", list(range(2018, 2026)), "years of trade shown"),
            Param("flows", "list", ["total", "export", "import", "share"], "trade flows shown",
                  FLOWS),
            AUDIENCE,
        ),
        tables=("trade", "events", "votes", "entities", "sources")),
    NotebookSpec(
        "05_claims_check", "What the article gets right and wrong",
        "Every checkable claim of a reviewed article with its verdict, explanation and "
        "evidence, and the reviews as schema.org ClaimReview.",
        (
            Param("article", "str", "src_seed_article_2026-01",
                  "the reviewed article (a source id of type reviewed_article)",
                  pattern=r"^src_[a-z0-9][a-z0-9_.-]*$", ref="sources"),
            Param("topics", "list", [], "only claims on these topics (empty: all)", CLAIM_TOPICS),
            Param("verdicts", "list", [], "only these verdicts (empty: all)", VERDICTS),
            AUDIENCE,
        ),
        tables=("claims", "sources", "entities", "events")),
)}


# Checking ---------------------------------------------------------------------------

def _type_error(nb: str, p: Param, value: Any) -> ParameterError:
    return ParameterError(f"{nb}: parameter {p.name!r}: {value!r} is a "
                          f"{type(value).__name__}; expected {p.allowed()}")


def _check_one(nb: str, p: Param, value: Any) -> Any:
    where = f"{nb}: parameter {p.name!r}"
    if p.kind == "str":
        if not isinstance(value, str):
            raise _type_error(nb, p, value)
        if (p.choices and value not in p.choices) or (p.pattern and not re.match(p.pattern, value)):
            raise ParameterError(f"{where}: {value!r} is not allowed; expected {p.allowed()}")
        return value
    if p.kind == "date":
        if isinstance(value, dt.date):
            return dt.date(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise _type_error(nb, p, value)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ParameterError(f"{where}: {value!r} is not a date; expected {p.allowed()}")
        try:
            return dt.date.fromisoformat(value)
        except ValueError as err:
            raise ParameterError(f"{where}: {value!r} is not a real date ({err})") from None
    if p.kind in ("list", "int_list"):
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise _type_error(nb, p, value)
        item_type = int if p.kind == "int_list" else str
        for item in value:
            if not isinstance(item, item_type) or isinstance(item, bool):
                raise ParameterError(f"{where}: item {item!r} is a {type(item).__name__}; "
                                     f"expected {p.allowed()}")
            if p.choices and item not in p.choices:
                raise ParameterError(f"{where}: {item!r} is not allowed; expected "
                                     f"{p.allowed()}")
            if p.pattern and not re.match(p.pattern, item):
                raise ParameterError(f"{where}: {item!r} is not allowed; expected "
                                     f"{p.allowed()}")
        return list(value)
    if p.kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise _type_error(nb, p, value)
        return value
    raise AssertionError(f"unknown parameter kind {p.kind!r}")


def validate(notebook: str, values: dict[str, Any]) -> dict[str, Any]:
    """Check a set of parameter values; unknown names, wrong types and bad values raise.

    Missing names take their declared defaults. Cross-parameter rules (end before start)
    are checked too. Returns the values, normalised (dates as datetime.date).
    """
    if notebook not in NOTEBOOKS:
        raise ParameterError(f"unknown notebook {notebook!r}; the notebooks are: "
                             + ", ".join(NOTEBOOKS))
    spec = NOTEBOOKS[notebook]
    known = {p.name for p in spec.params}
    for name in values:
        if name not in known:
            raise ParameterError(f"{notebook}: unknown parameter {name!r}; this notebook takes: "
                                 + ", ".join(sorted(known)))
    out = {p.name: _check_one(notebook, p, values.get(p.name, p.default)) for p in spec.params}
    if "start" in out and "end" in out and out["end"] < out["start"]:
        raise ParameterError(f"{notebook}: parameter 'end': {out['end']} is before start "
                             f"{out['start']}; expected an end on or after the start")
    return out


def check_refs(notebook: str, values: dict[str, Any], known: dict[str, set[str]]) -> None:
    """Ids given as parameters must exist in the data (known: table -> its ids)."""
    for p in NOTEBOOKS[notebook].params:
        if not p.ref or p.name not in values:
            continue
        items = values[p.name] if isinstance(values[p.name], list) else [values[p.name]]
        for item in items:
            if item not in known[p.ref]:
                raise ParameterError(f"{notebook}: parameter {p.name!r}: {item!r} is not an id in "
                                     f"{p.ref}.csv; expected {p.allowed()} that exists in the data")


def check(notebook: str, **values: Any) -> SimpleNamespace:
    """The notebook's check cell: `p = params.check("01_timeline", start=start, ...)`."""
    return SimpleNamespace(notebook=notebook, **validate(notebook, values))


def help_text(notebook: str) -> str:
    return "\n".join(p.describe() for p in NOTEBOOKS[notebook].params)
