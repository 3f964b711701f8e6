"""03_troops's exercises: expected answers and model answers."""
from __future__ import annotations

import pandas as pd

from ... import kit
from .. import troops


def nis_troops(est: pd.DataFrame) -> pd.DataFrame:
    return est[(est["estimator_entity_id"] == "ent_nis") & (est["quantity"] == "troops_sent")]


def expected_ex1(est: pd.DataFrame) -> set[str]:
    return set(nis_troops(est)["estimate_id"])


def answer_ex1(rows: pd.DataFrame) -> kit.Note:
    rows = rows.sort_values("date_start")
    if rows.empty:
        return kit.note("The NIS gives no troops-sent figure.")
    v = troops.value(rows)
    first, last = rows.iloc[0], rows.iloc[-1]
    return kit.note(f"The NIS gave {len(rows)} troops-sent figures: {v.iloc[0]:,.0f} on {first['date']} "
                    f"and {v.iloc[-1]:,.0f} on {last['date']}.", "finding")


def shells_2024(est: pd.DataFrame) -> pd.DataFrame:
    return est[(est["quantity"] == "artillery_shells") & (est["scope"] == "cumulative")
               & (est["date_start"].dt.year == 2024)]


def expected_ex2(est: pd.DataFrame) -> pd.Series:
    return troops.value(shells_2024(est)).agg(["min", "max"])


def answer_ex2(span: pd.Series) -> kit.Note:
    lo, hi = float(span["min"]), float(span["max"])
    return kit.note(f"The 2024 totals-so-far range from {lo:,.0f} to {hi:,.0f} shells: the "
                    f"largest is {hi / lo:.1f} times the smallest.", "finding")


def expected_ex3(est: pd.DataFrame, citations: pd.DataFrame) -> set[str]:
    row = troops.latest(est, "troops_sent").query("estimator_entity_id == 'ent_msmt'")
    cited = citations[(citations["table"] == "estimates") & citations["record_id"].isin(row["estimate_id"])]
    return set(row["source_id"]) | set(cited["source_id"])


def answer_ex3(ids) -> kit.Note:
    return kit.note(f"{len(set(ids))} sources stand behind the latest MSMT troops-sent figure.", "finding")


def latest_killed(selected: pd.DataFrame) -> pd.DataFrame:
    return troops.latest(selected, "troops_killed")


def answer_ex4(counts: pd.Series) -> kit.Note:
    c = counts.dropna().sort_values(ascending=False)
    if c.empty:
        return kit.note("No estimator gives a total of troops killed in this selection.")
    return kit.note(f"{len(c)} estimators give a latest total of troops killed, from "
                    f"{c.min():,.0f} to {c.max():,.0f}.", "finding")
