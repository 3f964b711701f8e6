"""The catalogue of lessons: the one place that says which lessons exist, what each reads and
which parameters it takes. The README's lesson table, 00_overview's lesson list, the test
matrix and the render jobs are all derived from it (tests check each is complete).

A lesson's title is read from its notebook's `# ` heading, never typed twice. Imports only
the standard library and `params`, so the renderer's quick "nothing changed" check stays fast.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import params, paths
from .data.schema import (CLAIM_TOPICS, FLOWS, QUANTITY_DIRECTION, TABLES, THEMES, TREATY_TOPICS,
                          VERDICTS)
from .errors import ParameterError
from .params import ENTITY_IDS, MIN_STATUSES, Param

SENT_BY_PRK = tuple(q for q, d in QUANTITY_DIRECTION.items() if d == "prk_to_rus")
GIVEN_BY_RUS = tuple(q for q, d in QUANTITY_DIRECTION.items() if d == "rus_to_prk")
DIRECTIONS = tuple(dict.fromkeys(QUANTITY_DIRECTION.values()))  # prk_to_rus, rus_to_prk, both


@dataclass(frozen=True)
class Lesson:
    name: str                       # the notebook's file name without .ipynb
    summary: str                    # one line for the README, the overview and the index
    params: tuple[Param, ...]
    # data tables it reads (the renderer re-runs it when one changes; None: every table)
    tables: tuple[str, ...] | None
    files: tuple[str, ...] = ()     # other files under data/ it reads (basemaps)
    # parameter sets the test suite runs besides those in notebooks/params.yml: narrow,
    # empty and edge selections that a reader's set might hit
    test_sets: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return paths.NOTEBOOKS_DIR / f"{self.name}.ipynb"

    @property
    def title(self) -> str:
        return notebook_title(self.path)

    @property
    def number(self) -> str:
        return self.name.split("_", 1)[0]

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    def undeclared(self, reads: dict[str, list[str]]) -> list[str]:
        """What a run read that this lesson does not declare ({"tables": [...], "files": [...]}
        as the dataset layer records them): table files first, then other files."""
        tables = [TABLES[t].file for t in reads.get("tables", ())
                  if self.tables is not None and t not in self.tables]
        return tables + [f for f in reads.get("files", ()) if f not in self.files]

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def validate(self, values: dict[str, Any]) -> dict[str, Any]:
        try:
            return params.validate(self.params, values)
        except ParameterError as err:
            raise err.within(notebook=self.name) from None


@lru_cache(maxsize=64)
def _title(path: Path, mtime_ns: int) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def notebook_title(path: Path) -> str:
    """The notebook's `# ` heading (its file name if it has none)."""
    try:
        return _title(path, path.stat().st_mtime_ns)
    except (OSError, ValueError, KeyError):
        return path.stem


_DATES = dict(start="2023-07-01", end="2026-03-31")

LESSONS: dict[str, Lesson] = {lesson.name: lesson for lesson in (
    Lesson(
        "00_overview",
        "What the lessons cover and how to use them; the dataset itself: records per table, "
        "the period covered, the mix of sources, what is disputed; how to cite.",
        (), tables=None),
    Lesson(
        "01_timeline",
        "Every dated event in lanes by theme; the monthly tempo before and after the treaty; "
        "who visited whom.",
        (
            Param("start", "date", _DATES["start"], "first day shown"),
            Param("end", "date", _DATES["end"], "last day shown"),
            Param("themes", "list", list(THEMES), "timeline lanes to show", THEMES),
            Param("actors", "list", [], "keep only events involving these entity ids "
                  "(empty: everyone)", pattern=ENTITY_IDS, ref="entities"),
            Param("min_status", "str", "reported", "weakest status shown (claimed < reported "
                  "< confirmed; disputed ranks with reported)", MIN_STATUSES),
        ),
        tables=("events", "entities", "places", "sources", "citations"),
        test_sets={
            "treaty month": {"start": "2024-06-01", "end": "2024-06-30",
                             "themes": ["treaty", "diplomacy"]},
            "one actor, confirmed": {"actors": ["ent_shoigu"], "min_status": "confirmed"},
            "before the treaty": {"start": "2023-07-01", "end": "2024-05-31"},
            "empty": {"start": "2023-07-01", "end": "2023-07-02", "themes": ["treaty"]},
        }),
    Lesson(
        "02_treaty",
        "The treaty's articles by topic, Article 4 read closely, the defence clause beside "
        "other alliances, and the road from signature to force.",
        (
            Param("compare_with", "list", [
                "ent_treaty_rus_prk_2000", "ent_treaty_ussr_prk_1961", "ent_treaty_prc_prk_1961",
                "ent_treaty_nato_1949", "ent_treaty_us_kor_1953", "ent_treaty_us_jpn_1960"],
                "treaties to set beside the 2024 treaty's Article 4 (entity ids of treaties)",
                pattern=r"^ent_treaty_[a-z0-9_]+$", ref="entities"),
            Param("topics", "list", [], "show only articles with these topics (empty: all)",
                  TREATY_TOPICS),
        ),
        tables=("treaty_articles", "defense_clauses", "events", "entities", "sources", "citations"),
        test_sets={
            "defence articles beside NATO": {"compare_with": ["ent_treaty_nato_1949"],
                                             "topics": ["mutual_defense"]},
            "empty topic": {"topics": ["health"]},
        }),
    Lesson(
        "03_troops",
        "North Korean troops, casualties, prisoners, munitions and workers as each estimator "
        "counted them over time, and the sites and routes on offline maps.",
        (
            Param("quantities", "list", list(SENT_BY_PRK), "quantities to chart", SENT_BY_PRK),
            Param("estimators", "list", [], "keep only these estimators (entity ids; empty: all)",
                  pattern=ENTITY_IDS, ref="entities"),
            Param("start", "date", _DATES["start"], "first as-of date shown"),
            Param("end", "date", _DATES["end"], "last as-of date shown"),
        ),
        tables=("estimates", "entities", "places", "routes", "sources", "citations"),
        files=("geo/overview-50m.geojson", "geo/far-east-korea-10m.geojson",
               "geo/kursk-10m.geojson"),
        test_sets={
            "NIS in 2025": {"estimators": ["ent_nis"], "start": "2025-01-01", "end": "2025-12-31"},
            "empty": {"quantities": ["prisoners_captured"], "start": "2023-07-01",
                      "end": "2023-08-01"},
        }),
    Lesson(
        "04_china_angle",
        "China–DPRK trade next to Russia–DPRK trade, the 2024 Security Council vote that ended "
        "the sanctions panel, and high-level contacts with both sides.",
        (
            Param("years", "int_list", list(range(2018, 2026)), "years of trade shown"),
            Param("flows", "list", ["total", "export", "import", "share"], "trade flows shown",
                  FLOWS),
        ),
        tables=("trade", "events", "votes", "entities", "sources"),
        test_sets={
            "shares only": {"years": [2022, 2023, 2024], "flows": ["share"]},
            "empty": {"years": [1995], "flows": ["export"]},
        }),
    Lesson(
        "05_claims_check",
        "Every checkable claim of a reviewed article with its verdict, explanation and "
        "evidence, and the reviews as schema.org ClaimReview.",
        (
            Param("article", "str", "src_seed_article_2026-01",
                  "the reviewed article (a source id of type reviewed_article)",
                  pattern=r"^src_[a-z0-9][a-z0-9_.-]*$", ref="sources"),
            Param("topics", "list", [], "only claims on these topics (empty: all)", CLAIM_TOPICS),
            Param("verdicts", "list", [], "only these verdicts (empty: all)", VERDICTS),
        ),
        tables=("claims", "sources", "entities", "events"),
        test_sets={
            "troops, accurate": {"topics": ["troops"], "verdicts": ["accurate"]},
            "empty": {"verdicts": ["inaccurate"], "topics": ["rhetoric"]},
        }),
    Lesson(
        "06_exchange",
        "What North Korea sends and what Russia gives back, side by side over time: who "
        "estimates each flow, their latest figures with units, what is confirmed and what only "
        "claimed, and the transfers and agreements behind them.",
        (
            Param("directions", "list", list(DIRECTIONS), "flows shown (prk_to_rus: North Korea "
                  "sends; rus_to_prk: Russia gives; both: ships, rail, flights)",
                  DIRECTIONS),
            Param("estimators", "list", [], "keep only these estimators (entity ids; empty: all)",
                  pattern=ENTITY_IDS, ref="entities"),
            Param("start", "date", _DATES["start"], "first as-of date shown"),
            Param("end", "date", _DATES["end"], "last as-of date shown"),
        ),
        tables=("estimates", "events", "entities", "sources", "citations"),
        test_sets={
            "what North Korea sends, from mid-2025": {"directions": ["prk_to_rus"],
                                                      "start": "2025-06-01"},
            "NIS in 2025 (nothing from Russia)": {"estimators": ["ent_nis"],
                                                  "start": "2025-01-01", "end": "2025-12-31"},
            "empty": {"directions": ["both"], "start": "2023-07-01", "end": "2023-08-01"},
        }),
)}


def lesson(name: str) -> Lesson:
    """The lesson called `name`; an unknown name is a ParameterError listing the lessons."""
    if name not in LESSONS:
        raise ParameterError(f"unknown notebook {name!r}", allowed="one of " + ", ".join(LESSONS))
    return LESSONS[name]


def readme_table() -> str:
    """The README's lesson table (between its `lessons` markers)."""
    rows = ["| notebook | lesson | what it covers |", "|---|---|---|"]
    rows += [f"| `{x.name}` | {x.title} | {x.summary} |" for x in LESSONS.values()]
    return "\n".join(rows)
