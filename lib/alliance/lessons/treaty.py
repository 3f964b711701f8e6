"""Reading the 2024 treaty: articles by topic, the defence clause compared, the road to force."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..kit import carry

TREATY_2024 = "ent_treaty_rus_prk_2024"
STEP_TYPES = ("agreement_signed", "ratification", "entry_into_force", "treaty_invocation")

CLAUSE_FIELDS = {  # defense_clauses column -> row label of the comparison matrix
    "clause_ref": "Clause",
    "year_signed": "Signed",
    "trigger": "What triggers it",
    "obligation": "What each party must do",
    "automaticity": "How help is owed",  # automatic, consultative or conditional (the vocabulary)
    "all_means": "'All means' wording",
    "national_law_clause": "Subject to national law",
    "un_charter_51": "Cites UN Charter Art. 51",
    "duration": "Duration",
}


def articles(treaty_articles: pd.DataFrame, topics=(), treaty_id: str = TREATY_2024) -> pd.DataFrame:
    a = treaty_articles[treaty_articles["treaty_id"] == treaty_id]
    if topics:
        a = a[a["topics"].map(lambda ts: bool(set(ts) & set(topics)))]
    out = a.sort_values("article_no").reset_index(drop=True)
    out.attrs["empty_note"] = ("No article of the treaty carries the topics "
                               + ", ".join(topics) + ". Choose other topics.")
    out.attrs["selected_rows"] = len(out)
    return out


def topic_grid(arts: pd.DataFrame) -> pd.DataFrame:
    """Articles x topics, True where an article carries the topic."""
    rows = arts[["article_no", "topics"]].explode("topics").dropna()
    grid = pd.crosstab(rows["article_no"], rows["topics"]).astype(bool)
    return grid.reindex(arts["article_no"], fill_value=False)


def coverage(arts: pd.DataFrame) -> dict[str, int]:
    """How many articles have a sourced summary, and how many not (a known gap)."""
    has = arts["summary"].notna()
    return {"articles": int((arts["article_no"] > 0).sum()),
            "with summary": int((has & (arts["article_no"] > 0)).sum()),
            "without summary": int((~has & (arts["article_no"] > 0)).sum())}


def compare_clauses(clauses: pd.DataFrame, entities: pd.DataFrame,
                    compare_with=(), base: str = TREATY_2024) -> pd.DataFrame:
    """The comparison matrix: one column per treaty (base first), one row per feature."""
    ids = [base] + [t for t in compare_with if t != base]
    c = clauses[clauses["in_comparison"].fillna(False)].set_index("treaty_id")
    missing = [t for t in ids if t not in c.index]
    if missing:
        raise KeyError("no defence clause recorded for: " + ", ".join(missing))
    names = entities.set_index("entity_id")["name"]
    m = c.loc[ids, list(CLAUSE_FIELDS)].T.rename(index=CLAUSE_FIELDS)
    m.columns = [names.get(t, t) for t in ids]
    return carry(m.map(_cell).rename_axis("feature").reset_index(), c.loc[ids].reset_index())


def _yes(v) -> bool:
    return not pd.isna(v) and bool(v)


def _cell(v) -> str:
    if pd.isna(v):
        return "—"
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    return str(v)


def what_is_new(clauses: pd.DataFrame, base: str = TREATY_2024,
                older=("ent_treaty_ussr_prk_1961", "ent_treaty_rus_prk_2000")) -> pd.DataFrame:
    """The base clause beside the older treaties, feature by feature, with a verdict:
    'same as 1961', 'new since 2000', ... (unknown cells make no verdict)."""
    c = clauses[clauses["in_comparison"].fillna(False)].set_index("treaty_id")
    years = {t: int(c.at[t, "year_signed"]) for t in [base, *older] if t in c.index}
    rows = []
    for field, label in CLAUSE_FIELDS.items():
        if field in ("clause_ref", "year_signed", "duration"):
            continue
        new = _cell(c.at[base, field]) if base in c.index else "—"
        row = {"feature": label, str(years.get(base, "new")): new}
        same, differs = [], []
        for t in older:
            old = _cell(c.at[t, field]) if t in c.index else "—"
            row[str(years.get(t, t))] = old
            if "—" not in (old, new) and field not in ("trigger", "obligation"):
                (same if old == new else differs).append(str(years.get(t, t)))
        row["compared with the older treaties"] = "; ".join(
            [f"same as {', '.join(same)}"] * bool(same) + [f"differs from {', '.join(differs)}"] * bool(differs)) or "—"
        rows.append(row)
    return carry(pd.DataFrame(rows), c.loc[[t for t in [base, *older] if t in c.index]].reset_index())


def article4_reading(clauses: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Article 4 step by step: the consultation that comes first (Art. 3), the trigger, the
    obligation, and the conditions attached, each with the source that states it."""
    c = clauses[clauses["treaty_id"] == TREATY_2024].set_index("clause_ref")
    a = articles[articles["treaty_id"] == TREATY_2024].set_index("article_no")
    rows = []
    if "Art. 3" in c.index:
        r = c.loc["Art. 3"]
        rows.append(("1. A threat of aggression", "Art. 3", f"{r['trigger']} {r['obligation']}",
                     r["source_id"]))
    if "Art. 4" in c.index:
        r = c.loc["Art. 4"]
        rows.append(("2. The trigger", "Art. 4", r["trigger"], r["source_id"]))
        quote = f' Wording: "{r["all_means_quote"]}".' if not pd.isna(r["all_means_quote"]) else ""
        rows.append(("3. The obligation", "Art. 4", f"{r['obligation']}{quote}", r["source_id"]))
        conditions = []
        if _yes(r["national_law_clause"]):
            conditions.append("assistance is given in accordance with each party's laws")
        if _yes(r["un_charter_51"]):
            conditions.append("it is framed as self-defence under Article 51 of the UN Charter")
        text = "; ".join(conditions) + "." if conditions else "no conditions recorded."
        rows.append(("4. The conditions", "Art. 4", text[0].upper() + text[1:], r["source_id"]))
    if 4 in a.index and not pd.isna(a.at[4, "summary"]):
        rows.append(("Summary of the article", "Art. 4", a.at[4, "summary"], a.at[4, "source_id"]))
    return pd.DataFrame(rows, columns=["step", "where", "what the text says", "source_id"])


def ratification_steps(events: pd.DataFrame) -> pd.DataFrame:
    """The 2024 treaty's steps in order (from its signing on; the 1961 and 2000 treaties'
    rows are background), with days since signing and since the previous step."""
    from .timeline import TREATY_SIGNED
    signed_on = events.loc[events["event_id"] == TREATY_SIGNED, "date_start"].min()
    s = events[events["event_type"].isin(STEP_TYPES) & (events["theme"] == "treaty")
               & (events["date_start"] >= signed_on)]
    s = s.sort_values("date_start").copy()
    signed = s.loc[s["event_type"] == "agreement_signed", "date_start"]
    origin = signed.min() if not signed.empty else s["date_start"].min()
    s["days since signing"] = (s["date_start"] - origin).dt.days
    s["days since previous step"] = s["date_start"].diff().dt.days.astype("Int64")
    return s.reset_index(drop=True)


# Drawing -------------------------------------------------------------------------------

def draw_topic_grid(arts: pd.DataFrame, sources: pd.DataFrame):
    """Articles (rows) by topic (columns); empty rows are articles no source summarised."""
    from .. import kit
    from ..kit import style
    if arts.empty:
        return kit.nothing_to_show(arts, "No articles carry the selected topics.")
    grid = topic_grid(arts)
    fig, ax = style.figure(9, 0.28 * len(grid) + 2.0)
    ax.imshow(grid.values, aspect="auto", cmap="Blues", vmin=0, vmax=1.4)
    ax.set_xticks(range(len(grid.columns)), [c.replace("_", " ") for c in grid.columns],
                  rotation=40, ha="right", fontsize=8)
    labels = ["Preamble" if n == 0 else f"Art. {n}" for n in grid.index]
    ax.set_yticks(range(len(grid)), labels, fontsize=8)
    ax.grid(False)
    for i in range(len(grid)):
        if not grid.iloc[i].any():
            ax.text(-0.4, i, "no source gives this article's content", fontsize=7,
                    va="center", color="#a00")
    ax.set_title("The 2024 treaty's articles by topic")
    return style.finish(fig, arts, sources)


def draw_steps(steps: pd.DataFrame, sources: pd.DataFrame):
    """Each step from signature to force (and the first invocation) on one time axis."""
    from .. import kit
    from ..kit import style
    if steps.empty:
        return kit.nothing_to_show(steps, "No treaty steps recorded.")
    fig, ax = style.figure(11, 0.45 * len(steps) + 1.8)
    for i, row in enumerate(steps.itertuples()):
        y = len(steps) - 1 - i
        style.spans(ax, steps.iloc[[i]], y, style.THEME_COLOURS["treaty"], height=0.5, min_days=3)
        ax.text(row.date_start + pd.Timedelta(days=6), y, row.title, va="center", fontsize=8)
    ax.set_yticks(range(len(steps)), [f"day {d}" for d in steps["days since signing"][::-1]],
                  fontsize=8)
    ax.set_ylim(-0.7, len(steps) - 0.3)
    ax.set_xlim(steps["date_start"].min() - pd.Timedelta(days=15),
                steps["date_start"].max() + pd.Timedelta(days=200))
    style.date_axis(ax)
    ax.set_title("From signature to force, and the first invocation")
    return style.finish(fig, steps, sources)


def draw_comparison(clauses: pd.DataFrame, entities: pd.DataFrame, sources: pd.DataFrame,
                    compare_with=(), base: str = TREATY_2024):
    """The yes/no features of each defence clause as a matrix: filled = yes, pale = no,
    hatched = not recorded (no stored source settled it)."""
    from ..kit import style
    fields = {"all_means": "'All means' wording", "national_law_clause": "Subject to national law",
              "un_charter_51": "Cites UN Charter Art. 51", "automatic": "Assistance is automatic"}
    ids = [base] + [t for t in compare_with if t != base]
    c = clauses[clauses["in_comparison"].fillna(False)].set_index("treaty_id").loc[ids]
    c = c.assign(automatic=c["automaticity"].astype(object).map(
        {"automatic": True, "consultative": False, "conditional": False}))
    names = entities.set_index("entity_id")["name"]
    fig, ax = style.figure(11, 0.55 * len(fields) + 2.6)
    for j, t in enumerate(ids):
        for i, field in enumerate(fields):
            v = c.at[t, field]
            unknown = pd.isna(v)
            ax.add_patch(style.matplotlib.patches.Rectangle(
                (j, i), 0.94, 0.9, facecolor="white" if unknown else ("#c0392b" if v else "#f2d7d5"),
                hatch="///" if unknown else None, edgecolor="#bbb"))
            ax.text(j + 0.47, i + 0.45, "?" if unknown else ("yes" if v else "no"),
                    ha="center", va="center", fontsize=9, color="white" if (not unknown and v) else "#333")
    ax.set_xlim(0, len(ids))
    ax.set_ylim(len(fields), 0)
    ax.set_xticks([j + 0.47 for j in range(len(ids))],
                  [f"{int(c.at[t, 'year_signed'])}\n{_short(names.get(t, t))}" for t in ids], fontsize=8)
    ax.set_yticks([i + 0.45 for i in range(len(fields))], list(fields.values()))
    ax.grid(False)
    ax.spines[["left", "bottom"]].set_visible(False)
    ax.tick_params(length=0)
    ax.set_title("The 2024 defence clause beside other alliances")
    return style.finish(fig, c.reset_index(), sources)


def _short(name: str) -> str:
    """A column label: the parties ('Russia–DPRK', 'US–ROK') where the name gives them,
    else the name, wrapped."""
    import re
    import textwrap
    m = re.search(r"([A-Z][A-Za-z]*–[A-Z][A-Za-z]*)", name)
    return m[1] if m else "\n".join(textwrap.wrap(name, 16))


# Sentences the page states, computed from what it shows -----------------------------------

def _day(d) -> str:
    d = pd.Timestamp(d)
    return f"{d.day} {d:%b %Y}"


def describe_articles(shown: pd.DataFrame, all_articles: pd.DataFrame, topics=()) -> str:
    """How many articles the table below holds, of how many."""
    whole = all_articles[all_articles["treaty_id"] == TREATY_2024]
    n_all = int((whole["article_no"] > 0).sum())
    preamble = bool((whole["article_no"] == 0).any())
    base = f"The treaty has {'a preamble and ' if preamble else ''}{n_all} articles."
    if not topics:
        return base + " The table lists every one, with our summary and its source."
    n = len(shown)
    names = [topic_name(t) for t in topics]
    words = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    which = f"the topic {words}" if len(names) == 1 else f"at least one of the topics {words}"
    if n == 0:
        return base + f" None carries {which}."
    return base + (f" {n} of them carr{'ies' if n == 1 else 'y'} {which} and "
                   f"{'is' if n == 1 else 'are'} listed below.")


def topic_name(topic: str) -> str:
    """A topic id as prose: 'mutual_defense' -> 'mutual defence' (the ids keep US spelling)."""
    from ..kit.tables import id_words
    return id_words(topic)


def describe_coverage(all_articles: pd.DataFrame) -> str:
    c = coverage(all_articles[all_articles["treaty_id"] == TREATY_2024])
    if c["without summary"] == 0:
        return f"Every one of the {c['articles']} articles has a summary from a stored source."
    return (f"{c['with summary']} of the {c['articles']} articles have a summary from a stored "
            f"source; {c['without summary']} have none (no stored page gives their content).")


def describe_comparison(compare_with, entities: pd.DataFrame) -> str:
    names = entities.set_index("entity_id")["name"]
    others = [names.get(t, t) for t in compare_with if t != TREATY_2024]
    if not others:
        return "No other treaty is chosen, so the 2024 clause stands alone below."
    n = len(others)
    return (f"The 2024 defence clause is set beside {n} other treat{'y' if n == 1 else 'ies'}: "
            + "; ".join(others) + ".")


def describe_steps(steps: pd.DataFrame) -> str:
    """From signing to entry into force, computed from the steps recorded."""
    if steps.empty:
        return "No step of the treaty is recorded."
    signed = steps[steps["event_type"] == "agreement_signed"]
    force = steps[steps["event_type"] == "entry_into_force"]
    if signed.empty or force.empty:
        return f"{len(steps)} steps are recorded, but not both the signing and the entry into force."
    s, f = signed["date_start"].min(), force["date_start"].min()
    between = steps[(steps["date_start"] > s) & (steps["date_start"] < f)]
    text = (f"Signed on {_day(s)}, the treaty entered into force on {_day(f)}, {(f - s).days} days "
            f"later, after {len(between)} recorded step{'s' if len(between) != 1 else ''} in between.")
    later = steps[steps["date_start"] > f]
    if not later.empty:
        text += (f" {len(later)} later step{'s' if len(later) != 1 else ''} (first on "
                 f"{_day(later['date_start'].min())}) cite{'s' if len(later) == 1 else ''} the treaty in force.")
    return text
