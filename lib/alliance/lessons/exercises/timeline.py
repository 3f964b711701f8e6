"""01_timeline's exercises: expected answers and model answers."""
from __future__ import annotations

import pandas as pd

from ... import kit


def in_june_2024(events: pd.DataFrame) -> pd.DataFrame:
    return events[(events["date_start"] >= "2024-06-01") & (events["date_start"] <= "2024-06-30")]


def expected_ex1(events: pd.DataFrame) -> pd.Series:
    return in_june_2024(events).groupby("theme", observed=True).size()


def answer_ex1(counts: pd.Series) -> kit.Note:
    c = counts[counts > 0].sort_values(ascending=False)
    if c.empty:
        return kit.note("No event starts in June 2024.")
    return kit.note(f"{c.sum()} events start in June 2024; {c.index[0]} has the most ({c.iloc[0]}).",
                    "finding")


def expected_ex2(selected: pd.DataFrame) -> pd.Series:
    return (selected["status"] != "confirmed").groupby(selected["theme"], observed=True).mean()


def answer_ex2(shares: pd.Series) -> kit.Note:
    s = shares.dropna().sort_values(ascending=False)
    if s.empty:
        return kit.note("No events are selected, so there is no share to compare.")
    from . import words
    return kit.note(f"{words(s.index[0], start=True)} has the largest share of events that are not confirmed "
                    f"({round(100 * s.iloc[0])}%); {words(s.index[-1])} the smallest ({round(100 * s.iloc[-1])}%).",
                    "finding")


def expected_ex3(events: pd.DataFrame, citations: pd.DataFrame) -> set[str]:
    disputed = events[events["status"] == "disputed"]["event_id"]
    other = citations[(citations["table"] == "events") & (citations["relation"] == "contradicts")]
    return set(other[other["record_id"].isin(disputed)]["source_id"])


def answer_ex3(table: pd.DataFrame) -> kit.Note:
    if table.empty:
        return kit.note("No disputed event has a contradicting source recorded.")
    return kit.note(f"{table['title'].nunique()} disputed events have {len(table)} contradicting "
                    f"source records.", "finding")


def answer_ex4(rows: pd.DataFrame) -> kit.Note:
    if rows.empty:
        return kit.note("No event involving this person falls in the period shown.")
    types = rows["event_type"].astype(str).value_counts()
    return kit.note(f"{len(rows)} events from {rows['date_start'].min():%d %B %Y} to "
                    f"{rows['date_start'].max():%d %B %Y}; the most common kind is "
                    f"{types.index[0]} ({types.iloc[0]}).", "finding")


def per_year(selected: pd.DataFrame) -> pd.Series:
    return selected.groupby(selected["date_start"].dt.year).size()


def answer_ex5(counts: pd.Series) -> kit.Note:
    if counts.empty:
        return kit.note("No events are selected.")
    return kit.note(f"{counts.idxmax()} has the most selected events ({counts.max()} of {counts.sum()}).",
                    "finding")
