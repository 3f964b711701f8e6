"""The dataset described by itself: size, period, kinds of sources, what is disputed."""
from __future__ import annotations

import pandas as pd

from ..data.schema import TABLES
from ..kit import carry


def cited(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per source the data cites (what a table about the whole dataset rests on)."""
    frames = [f[["source_id"]] for name, f in tables.items() if "source_id" in f and name != "sources"]
    return pd.concat(frames).drop_duplicates().reset_index(drop=True)


def records(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    out = pd.DataFrame({"table": list(tables), "records": [len(f) for f in tables.values()],
                        "what a row is": [TABLES[t].description for t in tables]})
    return carry(out, cited(tables))


def period(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The period the dataset covers, as a two-column table."""
    e, est = tables["events"], tables["estimates"]
    rows = [("events", f"{len(e):,}"),
            ("first event", f"{e['date_start'].min():%-d %b %Y}"),
            ("last event", f"{e['date_start'].max():%-d %b %Y}"),
            ("estimates", f"{len(est):,}"),
            ("first estimate", f"{est['date_start'].min():%-d %b %Y}"),
            ("last estimate", f"{est['date_start'].max():%-d %b %Y}")]
    return carry(pd.DataFrame(rows, columns=["measure", "value"]),
                 pd.concat([e[["source_id"]], est[["source_id"]]]))


def source_mix(sources: pd.DataFrame) -> pd.DataFrame:
    mix = sources["source_type"].value_counts()
    mix = mix[mix > 0].rename("sources").to_frame()
    mix["share (%)"] = (100 * mix["sources"] / mix["sources"].sum()).round(1)
    return carry(mix.rename_axis("source type").reset_index(), sources[["source_id"]])


def uncertainty(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """How firm the record is: statuses, disagreements, copies, gaps."""
    e, est, s = tables["events"], tables["estimates"], tables["sources"]
    cit = tables["citations"]
    rows = [
        ("events confirmed", int((e["status"] == "confirmed").sum())),
        ("events reported, claimed or disputed", int((e["status"] != "confirmed").sum())),
        ("events disputed (sources disagree)", int((e["status"] == "disputed").sum())),
        ("estimates disputed", int((est["status"] == "disputed").sum())),
        ("citations recording a contradicting source", int((cit["relation"] == "contradicts").sum())),
        ("sources that are copies of another outlet's report", int(s["syndicated_from"].notna().sum())),
        ("sources without a URL (each says why)", int(s["url"].isna().sum())),
        ("claims rated unsupported or not checkable",
         int(tables["claims"]["verdict"].isin(["unsupported", "not_checkable"]).sum())),
        ("treaty articles no source describes", int(tables["treaty_articles"]["summary"].isna().sum())),
        ("places without coordinates", int(tables["places"]["latitude"].isna().sum())),
    ]
    return carry(pd.DataFrame(rows, columns=["measure", "count"]), cited(tables))


def draw_records(tables: dict[str, pd.DataFrame], sources: pd.DataFrame):
    from ..kit import style
    drawn = records(tables)
    r = drawn.set_index("table")["records"].sort_values()
    from ..kit.tables import id_words
    r.index = [id_words(t) for t in r.index]
    fig, ax = style.figure(9, 4.2)
    ax.barh(r.index, r.values, color="#1f4e9c")
    for i, v in enumerate(r.values):
        ax.text(v, i, f" {v}", va="center", fontsize=8)
    ax.set_xlabel("records")
    ax.set_title("The dataset, table by table")
    # the chart shows every table, so its sources are every source the data cites
    alt = (f"The dataset, table by table: {len(r)} tables, {int(r.sum()):,} records; the largest "
           f"is {r.index[-1]} ({int(r.iloc[-1]):,}), the smallest {r.index[0]} ({int(r.iloc[0]):,})")
    return style.finish(fig, cited(tables), sources, alt=alt, data=drawn.drop(columns="source_id", errors="ignore"),
                        name="records-by-table")


def draw_source_mix(sources: pd.DataFrame):
    from ..kit import style
    drawn = source_mix(sources)
    mix = drawn.set_index("source type")["sources"].sort_values()
    fig, ax = style.figure(9, 4.2)
    ax.barh(mix.index.str.replace("_", " "), mix.values, color="#8d6e63")
    ax.set_xlabel("sources")
    ax.set_title("What kinds of sources the data rests on")
    alt = (f"What kinds of sources the data rests on: {int(mix.sum()):,} sources of {len(mix)} kinds; "
           f"the commonest is {mix.index[-1].replace('_', ' ')} ({int(mix.iloc[-1]):,})")
    return style.finish(fig, sources[["source_id"]], sources, alt=alt,
                        data=drawn.drop(columns="source_id", errors="ignore"), name="sources-by-kind")


def lesson_list():
    """The lessons, from the catalogue: number, linked title, what each covers."""
    import html

    from .. import catalogue, kit
    rows = [(x.number, x.name, x.title, x.summary) for x in catalogue.LESSONS.values()
            if x.name != "00_overview"]
    body = "".join(f'<tr><td>{n}</td><td><a href="{name}.ipynb">{html.escape(title)}</a></td>'
                   f"<td>{html.escape(summary)}</td></tr>" for n, name, title, summary in rows)
    frame = pd.DataFrame(rows, columns=["number", "notebook", "lesson", "what it covers"])
    table = ('<table class="alliance-table"><thead><tr><th></th><th>Lesson</th>'
             f"<th>What it covers</th></tr></thead><tbody>{body}</tbody></table>")
    return kit.Table(frame, (), table)


def describe_lessons() -> str:
    from .. import catalogue
    n = len(catalogue.LESSONS) - 1
    return f"{n} lessons follow this one; each can be re-run on its own question with its parameters."


def describe_source_mix(sources: pd.DataFrame) -> str:
    mix = source_mix(sources)
    top = mix.iloc[0]
    copies = int(sources["syndicated_from"].notna().sum())
    share = 100 * int(top["sources"]) / len(sources)  # from the counts: 69.45 is 69%, not 70%
    return (f"The most common kind of source is {top['source type'].replace('_', ' ')} "
            f"({int(top['sources']):,} of {len(sources):,}, {share:.0f}%); "
            f"{copies:,} sources are copies of another outlet's report, and name it.")


def citation(version: str) -> str:
    return ("alliance-notebooks contributors, alliance-notebooks: a source-cited dataset on the "
            f"Russia–North Korea alliance, data version {version}.")
