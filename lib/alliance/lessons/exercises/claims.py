"""05_claims_check's exercises: expected answers and model answers."""
from __future__ import annotations

import pandas as pd

from ... import kit


def expected_ex1(selected: pd.DataFrame) -> pd.Series:
    return selected.groupby("topic", observed=True)["rating_value"].mean()


def answer_ex1(means: pd.Series) -> kit.Note:
    m = means.dropna().sort_values()
    if m.empty:
        return kit.note("No rated claim in this selection.")
    from . import words
    return kit.note(f"{words(m.index[0], start=True)} has the lowest average rating ({m.iloc[0]:.1f}); "
                    f"{words(m.index[-1])} the highest ({m.iloc[-1]:.1f}).", "finding")


def expected_ex2(selected: pd.DataFrame) -> pd.Series:
    return selected["evidence_source_ids"].explode().value_counts()


def answer_ex2(counts: pd.Series) -> kit.Note:
    c = counts[counts > 0].sort_values(ascending=False)
    if c.empty:
        return kit.note("No evidence is cited in this selection.")
    n = int(c.iloc[0])
    times = f"{n} claim{'s' if n != 1 else ''}"
    top = c[c == n]
    if len(top) > 1:  # a tie: no one source stands out
        return kit.note(f"No one source stands out: {len(top)} share the top count ({times} each); "
                        f"{len(c)} sources are cited in all.", "finding")
    from ... import data
    src = data.sources().set_index("source_id")
    sid = c.index[0]
    name = f"{src.at[sid, 'publisher']}'s \u201c{src.at[sid, 'title']}\u201d" if sid in src.index else sid
    return kit.note(f"{name} is cited most often ({times}); {len(c)} sources are cited in all.", "finding")


def required_columns() -> list[str]:
    from ...data.schema import TABLES
    return list(TABLES["claims"].column_names)


def answer_ex3() -> kit.Note:
    cols = required_columns()
    return kit.note(f"Each claim has {len(cols)} columns: {', '.join(cols)}.", "finding")


def evidence_per_topic(selected: pd.DataFrame) -> pd.Series:
    return selected["evidence_source_ids"].str.len().groupby(selected["topic"], observed=True).mean()


def answer_ex4(means: pd.Series) -> kit.Note:
    m = means.dropna().sort_values()
    if m.empty:
        return kit.note("No claims in this selection.")
    return kit.note(f"Claims on {m.index[-1]} cite the most evidence on average ({m.iloc[-1]:.1f} "
                    f"sources); claims on {m.index[0]} the least ({m.iloc[0]:.1f}).", "finding")
