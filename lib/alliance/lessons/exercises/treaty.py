"""02_treaty's exercises: expected answers and model answers."""
from __future__ import annotations

import pandas as pd

from ... import kit


def expected_ex1(articles: pd.DataFrame) -> pd.Series:
    return articles["topics"].explode().value_counts()


def answer_ex1(counts: pd.Series) -> kit.Note:
    c = counts[counts > 0].sort_values(ascending=False)
    top = c[c == c.iloc[0]]
    from . import words
    named = [words(t) for t in top.index]
    named[0] = named[0][:1].upper() + named[0][1:]
    return kit.note(f"{', '.join(named)} appear{'s' if len(top) == 1 else ''} in the "
                    f"most articles ({c.iloc[0]}).", "finding")


def expected_ex2(clauses: pd.DataFrame) -> set[str]:
    return set(clauses[clauses["automaticity"] == "automatic"]["treaty_id"].astype(str))


def answer_ex2(automatic: pd.DataFrame) -> kit.Note:
    from ...kit.tables import names_of
    rows = automatic.sort_values("year_signed")
    names = names_of(rows["treaty_id"])
    def named(t, y) -> str:
        name = names.get(t, t)
        return name if str(y) in name else f"{name} ({y})"
    listed = "; ".join(named(t, y) for t, y in zip(rows["treaty_id"], rows["year_signed"]))
    return kit.note(f"{len(rows)} treaties promise automatic help: {listed}.", "finding")


def ratification(steps: pd.DataFrame) -> pd.DataFrame:
    """The steps from signature to entry into force (later invocations are not ratification)."""
    return steps[steps["event_type"].isin(["ratification", "entry_into_force"])]


def expected_ex3(steps: pd.DataFrame) -> str:
    r = ratification(steps)
    return str(r.loc[r["days since previous step"].astype(float).idxmax(), "title"])


def answer_ex3(steps: pd.DataFrame) -> kit.Note:
    r = ratification(steps)
    row = r.loc[r["days since previous step"].astype(float).idxmax()]
    return kit.note(f"The longest wait was {row['days since previous step']} days, before: "
                    f"{row['title']} ({row['date']}).", "finding")


def disputed_dates(steps: pd.DataFrame, citations: pd.DataFrame) -> pd.DataFrame:
    disputed = steps[steps["status"] == "disputed"]
    other = citations[(citations["table"] == "events") & (citations["relation"] == "contradicts")]
    return disputed[["event_id", "date", "title"]].merge(other, left_on="event_id", right_on="record_id")


def answer_ex4(table: pd.DataFrame) -> kit.Note:
    if table.empty:
        return kit.note("No disputed step has a contradicting source recorded.")
    return kit.note(f"{table['event_id'].nunique()} disputed steps have {len(table)} "
                    f"contradicting source records.", "finding")
