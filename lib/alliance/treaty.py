"""Reading the 2024 treaty: articles by topic, the defence clause compared, the road to force."""
from __future__ import annotations

import pandas as pd

TREATY_2024 = "ent_treaty_rus_prk_2024"
STEP_TYPES = ("agreement_signed", "ratification", "entry_into_force", "treaty_invocation")

CLAUSE_FIELDS = {  # defense_clauses column -> row label of the comparison matrix
    "clause_ref": "Clause",
    "year_signed": "Signed",
    "trigger": "What triggers it",
    "obligation": "What each party must do",
    "automaticity": "Automatic or consultative",
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
    return m.map(_cell)


def _cell(v) -> str:
    if v is True:
        return "yes"
    if v is False:
        return "no"
    return "—" if pd.isna(v) else str(v)


def what_is_new(clauses: pd.DataFrame, base: str = TREATY_2024,
                older=("ent_treaty_ussr_prk_1961", "ent_treaty_rus_prk_2000")) -> pd.DataFrame:
    """Features where the base clause differs from each older treaty."""
    c = clauses[clauses["in_comparison"].fillna(False)].set_index("treaty_id")
    rows = []
    for field, label in CLAUSE_FIELDS.items():
        if field in ("clause_ref", "year_signed"):
            continue
        row = {"feature": label, "2024": _cell(c.at[base, field]) if base in c.index else "—"}
        for t in older:
            row[t] = _cell(c.at[t, field]) if t in c.index else "—"
        rows.append(row)
    return pd.DataFrame(rows)


def ratification_steps(events: pd.DataFrame) -> pd.DataFrame:
    """Treaty steps in order, with days since signing and since the previous step."""
    s = events[events["event_type"].isin(STEP_TYPES)].sort_values("date_start").copy()
    signed = s.loc[s["event_type"] == "agreement_signed", "date_start"]
    origin = signed.min() if not signed.empty else s["date_start"].min()
    s["days since signing"] = (s["date_start"] - origin).dt.days
    s["days since previous step"] = s["date_start"].diff().dt.days.astype("Int64")
    return s.reset_index(drop=True)


# Drawing -------------------------------------------------------------------------------

def draw_topic_grid(arts: pd.DataFrame, sources: pd.DataFrame):
    """Articles (rows) by topic (columns); empty rows are articles no source summarised."""
    from . import lesson, plots
    if arts.empty:
        return lesson.nothing_to_show(arts, "No articles carry the selected topics.")
    grid = topic_grid(arts)
    fig, ax = plots.figure(9, 0.28 * len(grid) + 2.0)
    ax.imshow(grid.values, aspect="auto", cmap="Blues", vmin=0, vmax=1.4)
    ax.set_xticks(range(len(grid.columns)), [c.replace("_", " ") for c in grid.columns],
                  rotation=40, ha="right", fontsize=8)
    labels = ["Preamble" if n == 0 else f"Art. {n}" for n in grid.index]
    ax.set_yticks(range(len(grid)), labels, fontsize=8)
    ax.grid(False)
    for i, n in enumerate(grid.index):
        if not grid.iloc[i].any():
            ax.text(-0.4, i, "no source gives this article's content", fontsize=7,
                    va="center", color="#a00")
    ax.set_title("The 2024 treaty's articles by topic")
    plots.finish(fig, arts, sources)
    return fig


def draw_steps(steps: pd.DataFrame, sources: pd.DataFrame):
    """Each step from signature to force (and the first invocation) on one time axis."""
    from . import lesson, plots
    if steps.empty:
        return lesson.nothing_to_show(steps, "No treaty steps recorded.")
    fig, ax = plots.figure(11, 0.45 * len(steps) + 1.8)
    for i, row in enumerate(steps.itertuples()):
        y = len(steps) - 1 - i
        plots.spans(ax, steps.iloc[[i]], y, plots.THEME_COLOURS["treaty"], height=0.5, min_days=3)
        ax.text(row.date_start + pd.Timedelta(days=6), y, row.title, va="center", fontsize=8)
    ax.set_yticks(range(len(steps)), [f"day {d}" for d in steps["days since signing"][::-1]],
                  fontsize=8)
    ax.set_xlim(steps["date_start"].min() - pd.Timedelta(days=15),
                steps["date_start"].max() + pd.Timedelta(days=200))
    plots.date_axis(ax)
    ax.set_title("From signature to force, and the first invocation")
    plots.finish(fig, steps, sources)
    return fig
