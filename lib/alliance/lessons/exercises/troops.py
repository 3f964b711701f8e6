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
    from ...kit.tables import edtf_label
    # only totals so far are one series: a batch, a count at the front or a plan is another number
    totals = rows[rows["scope"] == "cumulative"]
    others = rows[rows["scope"] != "cumulative"]["scope"].value_counts()
    one = {"in_place": "count of those present at the time", "planned": "plan",
           "additional": "added batch", "period": "figure for a stated period"}
    rest = ", ".join(f"{n} {one[s] if n == 1 else troops.SCOPE_PLURALS[s]}" for s, n in others.items() if n)
    rest = f" The other {len(rows) - len(totals)} ({rest}) count something else." if rest else ""
    if totals.empty:
        return kit.note(f"The NIS gave {len(rows)} troops-sent figures, none a total so far.{rest}", "finding")
    v = troops.value(totals)
    first, last = totals.iloc[0], totals.iloc[-1]
    if len(totals) == 1:
        return kit.note(f"The NIS gave one total so far: {v.iloc[0]:,.0f} ({edtf_label(first['date'])}).{rest}",
                        "finding")
    top = v.idxmax()
    peak = (f"; the highest, {v[top]:,.0f}, on {edtf_label(totals.loc[top, 'date'])}"
            if top != v.index[-1] else "")
    return kit.note(f"The NIS gave {len(totals)} totals so far of troops sent, from {v.iloc[0]:,.0f} "
                    f"({edtf_label(first['date'])}) to {v.iloc[-1]:,.0f} ({edtf_label(last['date'])})"
                    f"{peak}.{rest}", "finding")


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
    if len(c) == 1:
        return kit.note(f"Only one estimator gives a latest total of troops killed: {c.iloc[0]:,.0f}.", "finding")
    return kit.note(f"{len(c)} estimators give a latest total of troops killed, from "
                    f"{c.min():,.0f} to {c.max():,.0f}.", "finding")
