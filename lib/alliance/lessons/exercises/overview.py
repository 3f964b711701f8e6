"""00_overview's exercises: expected answers and model answers."""
from __future__ import annotations

import pandas as pd

from ... import kit
from . import share


def expected_ex1(events: pd.DataFrame) -> pd.Series:
    return events["theme"].value_counts()


def answer_ex1(counts: pd.Series) -> kit.Note:
    c = counts[counts > 0].sort_values(ascending=False)
    if c.empty:
        return kit.note("No events to count.")
    return kit.note(f"{c.index[0]} has the most events ({c.iloc[0]} of {c.sum()}); "
                    f"{c.index[-1]} the fewest ({c.iloc[-1]}).", "finding")


def expected_ex2(estimates: pd.DataFrame, sources: pd.DataFrame) -> str:
    return str(sources.set_index("source_id").loc[estimates.iloc[0]["source_id"], "url"])


def answer_ex2(estimates: pd.DataFrame, sources: pd.DataFrame) -> kit.Note:
    est = estimates.iloc[0]
    src = sources.set_index("source_id").loc[est["source_id"]]
    from ...kit.tables import edtf_label
    from . import words
    return kit.note(f"The first estimate ({words(est['quantity'])}, as of {edtf_label(est['date'])}) comes from "
                    f"{src['publisher'] if pd.notna(src['publisher']) else src['title']}, at {src['url']}.",
                    "finding")


def expected_ex3(sources: pd.DataFrame) -> pd.Series:
    return sources["syndicated_from"].value_counts()


def answer_ex3(counts: pd.Series) -> kit.Note:
    c = counts[counts > 0].sort_values(ascending=False)
    if c.empty:
        return kit.note("No source in the dataset is recorded as a copy.")
    return kit.note(f"{c.index[0]} is copied most often ({c.iloc[0]} of the {c.sum()} copies "
                    f"recorded, from {len(c)} original outlets).", "finding")


def answer_ex4(counts: pd.Series) -> kit.Note:
    c = counts[counts > 0].sort_values(ascending=False)
    return kit.note(f"{c.index[0]} makes up {share(c.iloc[0], c.sum())} of the {c.sum()} "
                    f"sources; the next is {c.index[1]} ({c.iloc[1]}).", "finding")


