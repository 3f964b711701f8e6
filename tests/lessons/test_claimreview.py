"""ClaimReview as fact-checkers' tools read it: read as linked data (pyld), with every property
Google's fact-check documentation requires (claimReviewed, reviewRating with alternateName,
url) or recommends (author, datePublished, itemReviewed; the Claim's author, datePublished,
appearance, firstAppearance; the Rating's ratingValue, bestRating, worstRating, name), and
every url an anchor that exists on the rendered claims page that embeds the JSON-LD."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from pyld import jsonld

from alliance import catalogue, data
from alliance.data.schema import RATING_OF_VERDICT
from alliance.lessons import claims

S = "http://schema.org/"
# Where the claims report would be published; the JSON-LD's relative urls resolve against it.
SITE = "https://example.org/alliance/"
PAGE = f"{SITE}report/{claims.CLAIMS_PAGE}"
# Offline stand-in for https://schema.org's JSON-LD context: its vocabulary, and `url` (like
# every URL-valued schema.org property) read as an IRI. Nothing is fetched in the tests.
SCHEMA_CONTEXT = {"@context": {"@vocab": S, "url": {"@id": f"{S}url", "@type": "@id"}}}


def offline_loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}
    raise AssertionError(f"the test would have fetched {url}")


def expand(doc, base=PAGE):
    return jsonld.expand(doc, {"base": base, "documentLoader": offline_loader})


def one(node, prop):
    values = node.get(S + prop, [])
    assert len(values) == 1, f"{prop}: {values!r}"
    return values[0]


def value(node, prop):
    v = one(node, prop)
    return v.get("@value", v.get("@id"))


class Page(HTMLParser):
    """The ids of a page's elements and the text of its JSON-LD scripts."""

    def __init__(self, text):
        super().__init__()
        self.ids, self.jsonld, self._in = set(), [], False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        self._in = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, d):
        if self._in:
            self.jsonld.append(d)

    def handle_endtag(self, tag):
        self._in = False


def check_review(node, claim_row):
    """Every required and recommended property, with the values it should carry."""
    assert node["@type"] == [S + "ClaimReview"]
    assert node["@id"] and node["@id"] != value(node, "url")
    # required
    assert value(node, "claimReviewed") == claim_row["claim_reviewed"]
    assert value(node, "url") == f"{PAGE}#{claim_row['claim_id']}"
    r = one(node, "reviewRating")
    assert r["@type"] == [S + "Rating"]
    assert value(r, "alternateName") == claim_row["verdict"].replace("_", " ")
    # recommended
    assert value(r, "name")
    if RATING_OF_VERDICT[claim_row["verdict"]] is not None:
        assert value(r, "ratingValue") == claim_row["rating_value"]
        assert (value(r, "bestRating"), value(r, "worstRating")) == (5, 1)
    else:   # unsupported / not checkable: no number on the scale, by design
        assert S + "ratingValue" not in r
    for who in ("author", "publisher"):
        org = one(node, who)
        assert value(org, "name") == claims.PUBLISHER
        assert value(org, "url") == f"{SITE}index.html"
    assert value(node, "datePublished") == str(claim_row["review_date"].date())
    claim = one(node, "itemReviewed")
    assert claim["@type"] == [S + "Claim"]
    assert value(one(claim, "author"), "name")
    assert value(claim, "datePublished")
    for prop in ("appearance", "firstAppearance"):
        work = one(claim, prop)
        assert work["@type"] == [S + "CreativeWork"]
        assert value(work, "name") and value(work, "datePublished")
        assert S + "url" in work or value(work, "description").startswith("No URL")


@pytest.fixture(scope="module")
def t():
    return data.load_all()


def test_the_claims_page_is_the_renderers_page_for_the_default_set():
    from alliance.render.jobs import jobs_of
    job, = jobs_of("05_claims_check", {"defaults": {}})
    assert claims.CLAIMS_PAGE == f"{job.slug}.html"
    assert claims.DEFAULT_ARTICLE == catalogue.LESSONS["05_claims_check"].defaults()["article"]


def test_every_review_reads_as_linked_data_with_every_google_property(t):
    c = claims.select(t["claims"], claims.DEFAULT_ARTICLE)
    reviews = claims.claimreview(c, t["sources"], claims.DEFAULT_ARTICLE)
    nodes = expand(reviews)
    assert len(nodes) == len(c) and len({n["@id"] for n in nodes}) == len(c)
    rows = c.set_index("claim_id", drop=False)
    for node in nodes:
        check_review(node, rows.loc[value(node, "identifier")])


def test_base_makes_every_url_absolute_and_the_same(t):
    c = claims.select(t["claims"], claims.DEFAULT_ARTICLE).head(3)
    relative = expand(claims.claimreview(c, t["sources"], claims.DEFAULT_ARTICLE))
    absolute = claims.claimreview(c, t["sources"], claims.DEFAULT_ARTICLE, base=SITE)
    assert all(r["url"].startswith(PAGE + "#clm_") for r in absolute)
    assert expand(absolute, base="https://elsewhere.example/") == relative


def test_a_script_end_tag_in_the_data_cannot_close_the_script(t):
    c = claims.select(t["claims"], claims.DEFAULT_ARTICLE).head(1).copy()
    c.loc[0, "rating_explanation"] = "</script><b>x</b>"
    html = claims.embed_claimreview(c, t["sources"], claims.DEFAULT_ARTICLE)._repr_html_()
    page = Page(html)
    assert json.loads(page.jsonld[0])[0]["reviewBody"] == "</script><b>x</b>"


@pytest.mark.parametrize("set_name", ["defaults", "what it gets wrong"])
def test_the_rendered_claims_report_embeds_the_jsonld_and_its_anchors_exist(executed, t, set_name):
    slug = executed.slug("05_claims_check", set_name)
    page = Page(executed.path("report", slug).read_text(encoding="utf-8"))
    assert len(page.jsonld) == 1
    nodes = expand(json.loads(page.jsonld[0]), base=f"{SITE}report/{slug}.html")
    values = executed.sets["05_claims_check"][set_name]
    shown = claims.select(t["claims"], claims.DEFAULT_ARTICLE, values.get("topics", ()),
                          values.get("verdicts", ()))
    assert len(nodes) == len(shown) > 0
    defaults = Page(executed.path("report", executed.slug("05_claims_check", "defaults"))
                    .read_text(encoding="utf-8"))
    rows = shown.set_index("claim_id", drop=False)
    for node in nodes:
        check_review(node, rows.loc[value(node, "identifier")])
        anchor = re.fullmatch(re.escape(PAGE) + "#(.+)", value(node, "url"))[1]
        assert anchor in defaults.ids     # the claim's <li id="clm_…"> on the claims page
