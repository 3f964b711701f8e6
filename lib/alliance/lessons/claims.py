"""Checking a reviewed article: verdicts by topic, each claim with its evidence, and the
reviews as schema.org ClaimReview (JSON-LD) for fact-checkers' tools."""
from __future__ import annotations

import html
import json

import pandas as pd

from ..errors import ParameterError
from ..data.schema import CLAIM_TOPICS, RATING_OF_VERDICT, VERDICTS

# A blue-to-vermillion scale (Okabe & Ito), readable under colour-vision deficiencies; the
# label text colour keeps contrast on each.
VERDICT_COLOURS = {"accurate": "#0072B2", "mostly_accurate": "#56B4E9", "mixed": "#F0E442",
                   "misleading": "#E69F00", "inaccurate": "#D55E00", "unsupported": "#999999",
                   "not_checkable": "#DDDDDD"}
VERDICT_TEXT = {"accurate": "#fff", "mostly_accurate": "#000", "mixed": "#000",
                "misleading": "#000", "inaccurate": "#000", "unsupported": "#000",
                "not_checkable": "#000"}
PUBLISHER = "alliance-notebooks"


def article(sources: pd.DataFrame, article_id: str) -> pd.Series:
    s = sources.set_index("source_id")
    if article_id not in s.index:
        raise ParameterError("is not a source id", parameter="article", value=article_id)
    row = s.loc[article_id]
    if row["source_type"] != "reviewed_article":
        raise ParameterError(f"is a {row['source_type']}, not a reviewed_article",
                             parameter="article", value=article_id,
                             hint="add the article to sources.csv with source_type reviewed_article")
    return row


def select(claims: pd.DataFrame, article_id: str, topics=(), verdicts=()) -> pd.DataFrame:
    c = claims[claims["article_source_id"] == article_id]
    if topics:
        c = c[c["topic"].isin(list(topics))]
    if verdicts:
        c = c[c["verdict"].isin(list(verdicts))]
    out = c.reset_index(drop=True)
    out.attrs["empty_note"] = (f"No claims of {article_id} match the topics "
                               f"{', '.join(topics) or 'any'} and verdicts {', '.join(verdicts) or 'any'}.")
    out.attrs["selected_rows"] = len(out)
    return out


def verdict_counts(c: pd.DataFrame) -> pd.DataFrame:
    """Claims per topic and verdict, verdicts in scale order."""
    t = pd.crosstab(c["topic"].astype(object), c["verdict"].astype(object))
    return t.reindex(columns=[v for v in VERDICTS if v in t.columns]).fillna(0).astype(int)


def verdict_table(c: pd.DataFrame) -> pd.DataFrame:
    """verdict_counts() as a table to show: one row per topic, with the claims' sources."""
    from ..kit import carry
    t = verdict_counts(c)
    t.columns.name = None
    return carry(t.rename_axis("topic").reset_index(), c)


def low_rated(c: pd.DataFrame) -> pd.DataFrame:
    """Claims rated mixed or worse (rating 3 or less), with their evidence."""
    from ..kit import carry
    low = c[c["rating_value"] <= 3]
    # where in the article each claim is, for the reader (the claim's id is the data's key)
    shown = low[["locator", "claim_reviewed", "verdict", "rating_explanation"]]
    return carry(shown.rename(columns={"locator": "where in the article"}), low)


def draw_verdicts(c: pd.DataFrame, sources: pd.DataFrame):
    from .. import kit
    from ..kit import style
    if c.empty:
        return kit.nothing_to_show(c)
    t = verdict_counts(c)
    t = t.loc[[x for x in CLAIM_TOPICS if x in t.index]][::-1]
    fig, ax = style.figure(12, 0.45 * len(t) + 1.8)
    left = pd.Series(0, index=t.index)
    for v in t.columns:
        ax.barh(t.index.str.replace("_", " "), t[v], left=left, color=VERDICT_COLOURS[v],
                label=v.replace("_", " "))
        left += t[v]
    ax.set_xlabel("claims")
    style.integer_ticks(ax.xaxis)
    style.legend_outside(ax, title="verdict")
    ax.set_title(f"Verdicts on {len(c)} claims, by topic")
    return style.finish(fig, c, sources, columns=("evidence_source_ids",), extra_ids=c["article_source_id"].unique())


def claims_html(c: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame | None = None) -> str:
    """Each claim with its verdict, explanation, evidence links and the timeline events it
    concerns (every string escaped)."""
    src = sources.set_index("source_id")
    ev = events.set_index("event_id") if events is not None else None
    items = []
    for r in c.itertuples():
        links = []
        for sid in r.evidence_source_ids:
            s = src.loc[sid]
            label = html.escape(str(s["publisher"] if pd.notna(s["publisher"]) else s["title"]))
            links.append(f'<a href="{html.escape(s["url"], quote=True)}">{label}</a>'
                         if pd.notna(s["url"]) else label)
        colour = VERDICT_COLOURS[r.verdict]
        items.append(
            f'<li id="{html.escape(r.claim_id, quote=True)}"><span style="background:{colour};color:{VERDICT_TEXT[r.verdict]};padding:0 0.4em;border-radius:3px">'
            f'{html.escape(r.verdict.replace("_", " "))}</span> <strong>{html.escape(r.claim_reviewed)}</strong>'
            f' <span style="color:#555">({html.escape(r.locator)})</span><br>'
            f'{html.escape(r.rating_explanation)}'
            + (f'<br><small>Evidence: {" · ".join(links)}</small>' if links else "")
            + _timeline(r.related_event_ids, ev) + "</li>")
    return "<ol class='alliance-claims'>\n" + "\n".join(items) + "\n</ol>"


def _timeline(event_ids, ev) -> str:
    if ev is None or not event_ids:
        return ""
    from ..kit.tables import edtf_label
    items = [f"{html.escape(edtf_label(str(ev.at[e, 'date'])))}: {html.escape(str(ev.at[e, 'title']))}"
             for e in event_ids if e in ev.index]
    return f'<br><small>On the timeline: {"; ".join(items)}</small>' if items else ""


def show_claims(c: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame | None = None):
    """Every claim with its verdict, explanation and evidence, as one list (a kit.Table)."""
    from .. import kit
    if c.empty:
        return kit.nothing_to_show(c)
    ids = [sid for ids in c["evidence_source_ids"] for sid in ids]
    return kit.Table(c, list(dict.fromkeys(ids)), claims_html(c, sources, events))


# Where the reviews are published: the report page of lesson 05's `defaults` set, which lists
# every claim of the default article, each <li> with id="<claim_id>". URLs in the JSON-LD are
# relative to that page's folder (reports/report/), so they resolve wherever reports/ is put
# on the web; `base` (the URL of the published reports/ folder) makes them absolute.
CLAIMS_PAGE = "05_claims_check--defaults.html"
REPORT_FOLDER = "report/"
DEFAULT_ARTICLE = "src_seed_article_2026-01"
BEST_RATING, WORST_RATING = 5, 1


def review_page(article_id: str) -> str:
    """The page (relative to reports/report/) whose claim list has the anchors of an article's
    reviews: the defaults page for the default article, else the page embedding them."""
    return CLAIMS_PAGE if article_id == DEFAULT_ARTICLE else ""


def _resolve(ref: str, base: str | None) -> str:
    from urllib.parse import urljoin
    if not base:
        return ref
    return urljoin(urljoin(base.rstrip("/") + "/", REPORT_FOLDER), ref)


def _article_work(art: pd.Series) -> dict:
    """The reviewed article as a CreativeWork: name, date, url or why there is none."""
    work = {"@type": "CreativeWork", "name": str(art["title"])}
    if pd.notna(art["date_published"]):
        work["datePublished"] = str(art["date_published"])
    if pd.notna(art["url"]):
        work["url"] = str(art["url"])
    else:
        from ..kit.citations import no_url
        work["description"] = no_url(art["notes"] if pd.notna(art["notes"]) else "sources.csv records none")
    if pd.notna(art["publisher"]):
        work["publisher"] = {"@type": "Organization", "name": str(art["publisher"])}
    return work


def _claim_author(art: pd.Series) -> dict:
    if pd.notna(art["author"]):
        return {"@type": "Person", "name": str(art["author"])}
    if pd.notna(art["publisher"]):
        return {"@type": "Organization", "name": str(art["publisher"])}
    return {"@type": "Person", "name": "Unnamed author",
            "description": "The reviewed article names no author or outlet."}


def rating(verdict: str, value) -> dict:
    """The verdict as a schema.org Rating: the verdict text, and for verdicts on the scale
    their value from WORST_RATING to BEST_RATING."""
    label = verdict.replace("_", " ")
    out = {"@type": "Rating", "alternateName": label}
    if RATING_OF_VERDICT[verdict] is not None:
        out.update(ratingValue=int(value), bestRating=BEST_RATING, worstRating=WORST_RATING,
                   name=f"{label.capitalize()} ({int(value)} on a scale of {WORST_RATING} to {BEST_RATING})")
    else:
        out["name"] = f"{label.capitalize()} (not rated on the {WORST_RATING}-{BEST_RATING} scale)"
    return out


def claimreview(c: pd.DataFrame, sources: pd.DataFrame, article_id: str,
                base: str | None = None) -> list[dict]:
    """schema.org ClaimReview objects, one per claim, with what Google's fact-check
    documentation requires (claimReviewed, reviewRating, url) and recommends (author,
    datePublished, itemReviewed; the Claim's author, datePublished, appearance and
    firstAppearance; the Rating's values and name)."""
    art = article(sources, article_id)
    work = _article_work(art)
    page = review_page(article_id)
    publisher = {"@type": "Organization", "name": PUBLISHER, "url": _resolve("../index.html", base)}
    out = []
    for r in c.itertuples():
        claim = {"@type": "Claim", "author": _claim_author(art), "appearance": work,
                 "firstAppearance": work}
        if "datePublished" in work:
            claim["datePublished"] = work["datePublished"]
        out.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "@id": _resolve(f"{page}#review-{r.claim_id}", base),
            "url": _resolve(f"{page}#{r.claim_id}", base),
            "claimReviewed": r.claim_reviewed,
            "reviewRating": rating(r.verdict, r.rating_value),
            "itemReviewed": claim,
            "author": publisher,
            "publisher": publisher,
            "datePublished": pd.Timestamp(r.review_date).date().isoformat(),
            "reviewBody": r.rating_explanation,
            "identifier": r.claim_id,
        })
    return out


def claimreview_json(c, sources, article_id, base=None) -> str:
    return json.dumps(claimreview(c, sources, article_id, base), ensure_ascii=False, indent=1)


def embed_claimreview(c: pd.DataFrame, sources: pd.DataFrame, article_id: str):
    """The reviews as JSON-LD in a <script type="application/ld+json"> for the page, with the
    first review shown for the reader (a kit.Table of the reviewed rows)."""
    from .. import kit
    if c.empty:
        return kit.nothing_to_show(c)
    reviews = claimreview(c, sources, article_id)
    # "</" cannot end the script element early once written as "<\/"
    data = json.dumps(reviews, ensure_ascii=False).replace("</", "<\\/")
    shown = html.escape(json.dumps(reviews[0], ensure_ascii=False, indent=1))
    n = len(reviews)
    text = (f"<p>{n} ClaimReview object{'s are' if n != 1 else ' is'} embedded in this page as "
            f"JSON-LD. The first:</p><pre class='alliance-jsonld'>{shown}</pre>"
            f'<script type="application/ld+json">{data}</script>')
    return kit.Table(c, [article_id], text)


# Sentences the page states, computed from what it shows -----------------------------------

GROUPS = (("accurate or mostly accurate", ("accurate", "mostly_accurate")), ("mixed", ("mixed",)),
          ("misleading or inaccurate", ("misleading", "inaccurate")),
          ("unsupported or not checkable", ("unsupported", "not_checkable")))


def describe_selection(reviewed: pd.Series, c: pd.DataFrame) -> str:
    date = reviewed["date_published"] if pd.notna(reviewed["date_published"]) else "undated"
    return f"{reviewed['title']} ({date}): {len(c)} claim{'s' if len(c) != 1 else ''} shown."


def describe_verdicts(c: pd.DataFrame) -> str:
    """How the claims shown split across the verdicts, largest group first."""
    if c.empty:
        return "No claim is shown."
    counts = [(label, int(c["verdict"].isin(vs).sum())) for label, vs in GROUPS]
    counts = [(label, n) for label, n in counts if n]
    head = f"Of the {len(c)} claim{'s' if len(c) != 1 else ''} shown, "
    return head + ", ".join(f"{n} {'is' if n == 1 else 'are'} rated {label}" for label, n in counts) + "."
