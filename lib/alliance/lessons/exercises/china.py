"""04_china_angle's exercises: expected answers and model answers."""
from __future__ import annotations

import pandas as pd

from ... import kit
from .. import china

CUSTOMS = "China–DPRK, Chinese customs"
KOTRA = "DPRK–China, KOTRA estimate"


def expected_ex1(trade: pd.DataFrame) -> float:
    s = china.series(trade, "total", range(2019, 2022))[CUSTOMS]
    return float(s[2019] / s[2021])


def answer_ex1(factor: float) -> kit.Note:
    return kit.note(f"Chinese customs record a fall by a factor of {factor:.1f} from 2019 to 2021.",
                    "finding")


def expected_ex2(trade: pd.DataFrame) -> pd.Series:
    s = china.series(trade, "total", [2023, 2024])
    return ((s[KOTRA] / s[CUSTOMS] - 1) * 100).round(1)


def answer_ex2(gap: pd.Series) -> kit.Note:
    parts = [f"{y}: {v:+.1f}%" for y, v in gap.dropna().items()]
    return kit.note("KOTRA's estimate against the Chinese customs total, " + "; ".join(parts) + ".",
                    "finding")


def expected_ex3(said: pd.DataFrame, entities: pd.DataFrame) -> set[str]:
    return set(said.merge(entities, left_on="actor1_id", right_on="entity_id")["name"].astype(str))


def answer_ex3(speakers: pd.DataFrame) -> kit.Note:
    names = sorted(speakers["name"].astype(str).unique())
    if not names:
        return kit.note("No Chinese statement is recorded.")
    return kit.note(f"{len(speakers)} statements by {len(names)} speakers: {', '.join(names)}.", "finding")


def customs_totals(selected: pd.DataFrame) -> pd.DataFrame:
    return selected[(selected["flow"] == "total") & (selected["basis"].astype(str).str.contains("customs"))
                    & (selected["reporter_iso3"] == "CHN")]


def answer_ex4(rows: pd.DataFrame) -> kit.Note:
    if rows.empty:
        return kit.note("No Chinese customs totals in the years and flows selected.")
    top = rows.loc[rows["value"].astype(float).idxmax()]
    return kit.note(f"{len(rows)} years shown; the largest total is {top['year']} "
                    f"({float(top['value']):,.0f} {top['unit']}).", "finding")
