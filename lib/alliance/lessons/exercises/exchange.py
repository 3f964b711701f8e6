"""06_exchange's exercises: expected answers and model answers."""
from __future__ import annotations

import pandas as pd

from ... import kit


def expected_ex1(selected: pd.DataFrame) -> pd.Series:
    """Figures per (direction, status)."""
    return selected.groupby("direction", observed=True)["status"].value_counts()


def answer_ex1(counts: pd.Series) -> kit.Note:
    if counts.empty:
        return kit.note("No figure is selected.")
    parts = []
    for direction, row in counts.unstack(fill_value=0).iterrows():
        total = int(row.sum())
        confirmed = int(row.get("confirmed", 0))
        from . import words
        parts.append(f"{words(direction)}: {confirmed} of {total} confirmed ({100 * confirmed / total:.0f}%)")
    return kit.note("; ".join(parts) + ".", "finding")


def expected_ex2(selected: pd.DataFrame) -> pd.Series:
    """Distinct estimators per direction."""
    return selected.groupby("direction", observed=True)["estimator_entity_id"].nunique()


def answer_ex2(n: pd.Series) -> kit.Note:
    if n.empty:
        return kit.note("No figure is selected.")
    return kit.note("Estimators per direction: " + "; ".join(f"{d}: {int(k)}" for d, k in n.items()) + ".",
                    "finding")


def expected_ex3(est: pd.DataFrame, citations: pd.DataFrame) -> set[str]:
    """Every source behind an estimate of payments to North Korea."""
    pay = est[est["quantity"] == "payments_to_dprk"]
    cited = citations[(citations["table"] == "estimates") & citations["record_id"].isin(pay["estimate_id"])]
    return set(pay["source_id"].astype(str)) | set(cited["source_id"].astype(str))


def answer_ex3(ids: set[str], est: pd.DataFrame) -> kit.Note:
    n = int((est["quantity"] == "payments_to_dprk").sum())
    return kit.note(f"{n} estimates of payments to North Korea rest on {len(ids)} sources.", "finding")


def confirmed_counts(selected: pd.DataFrame) -> pd.Series:
    conf = selected[selected["status"] == "confirmed"]
    return conf.groupby("quantity", observed=True).size().sort_values()


def answer_ex4(selected: pd.DataFrame) -> kit.Note:
    conf = selected[selected["status"] == "confirmed"]
    if conf.empty:
        return kit.note("None of the selected figures is confirmed.")
    return kit.note(f"{len(conf)} of {len(selected)} selected figures are confirmed, over "
                    f"{conf['quantity'].nunique()} quantities.", "finding")
