"""The dataset's tables, declared once.

Plain Python with no heavy imports: the loader, the validator, the pandera models,
the data card and the report runner's dependency tracking all read this one spec.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Vocabularies -------------------------------------------------------------------------

SOURCE_TYPES = (
    "government_statement", "state_media", "intelligence_briefing", "military_statement",
    "news_report", "wire_service", "think_tank", "academic", "international_org", "dataset",
    "treaty_text", "reviewed_article", "reference_work", "video", "other",
)
ENTITY_TYPES = (
    "state", "government_body", "armed_force", "military_unit", "intelligence_agency", "person",
    "organization", "media_outlet", "international_org", "treaty",
)
PLACE_TYPES = (
    "city", "military_site", "border_crossing", "rail_station", "port", "admin1", "region",
    "airport", "sea", "site",
)
EVENT_TYPES = (
    "summit_or_visit", "agreement_signed", "ratification", "entry_into_force",
    "treaty_invocation", "official_statement", "letter_or_message", "troop_deployment",
    "combat", "capture", "casualty_report", "arms_transfer", "technology_transfer",
    "sanctions_action", "un_vote", "economic_agreement", "infrastructure", "labour",
    "intelligence_report", "military_exercise",
)
# The usual theme of each event type (curators start from it; an event about the UN or
# sanctions goes to sanctions_un whatever its type). Used when adding rows, not derived.
USUAL_THEME = {
    "summit_or_visit": "diplomacy", "economic_agreement": "economy_logistics",
    "agreement_signed": "treaty", "ratification": "treaty", "entry_into_force": "treaty",
    "treaty_invocation": "treaty",
    "troop_deployment": "military", "combat": "military", "capture": "military",
    "casualty_report": "military", "arms_transfer": "military", "technology_transfer": "military",
    "military_exercise": "military", "intelligence_report": "military",
    "sanctions_action": "sanctions_un", "un_vote": "sanctions_un",
    "infrastructure": "economy_logistics", "labour": "economy_logistics",
    "official_statement": "statements", "letter_or_message": "statements",
}
THEMES = ("diplomacy", "treaty", "military", "sanctions_un", "economy_logistics", "statements")
STATUSES = ("confirmed", "reported", "claimed", "disputed", "retracted")
DATE_PRECISIONS = ("day", "days", "week", "month", "quarter", "year", "range")
# What North Korea sends (troops, munitions, workers) and what Russia gives back (fuel, food,
# money, hardware, technology), plus the logistics that carry both. QUANTITY_DIRECTION says
# which way each flows; lesson 06 sets the two directions side by side.
QUANTITIES = (
    "troops_sent", "troops_killed", "troops_wounded", "casualties_total", "prisoners_captured",
    "artillery_shells", "shipping_containers", "ballistic_missiles", "artillery_systems",
    "rocket_launchers", "workers_sent",
    # what Russia gives
    "refined_petroleum_supplied", "crude_oil_supplied", "oil_tanker_deliveries",
    "food_supplied", "payments_to_dprk", "pay_per_soldier", "arms_sales_value",
    "air_defence_systems", "aircraft_supplied", "military_technology_items",
    # logistics and use
    "ship_voyages", "rail_cars", "flights", "missiles_fired",
)
QUANTITY_DIRECTION = {
    **{q: "prk_to_rus" for q in (
        "troops_sent", "troops_killed", "troops_wounded", "casualties_total",
        "prisoners_captured", "artillery_shells", "shipping_containers", "ballistic_missiles",
        "artillery_systems", "rocket_launchers", "workers_sent", "missiles_fired")},
    # arms_sales_value: what North Korea earns for its arms, i.e. a payment Russia makes
    **{q: "rus_to_prk" for q in (
        "refined_petroleum_supplied", "crude_oil_supplied", "oil_tanker_deliveries",
        "food_supplied", "payments_to_dprk", "pay_per_soldier", "arms_sales_value",
        "air_defence_systems", "aircraft_supplied", "military_technology_items")},
    **{q: "both" for q in ("ship_voyages", "rail_cars", "flights")},
}
QUALIFIERS = ("exact", "about", "at_least", "at_most", "range")
# What a figure counts: everything since the start, what is there at the time, a plan, a
# batch added since an earlier figure, or only a stated period (a week, a calendar year).
ESTIMATE_SCOPES = ("cumulative", "in_place", "planned", "additional", "period")
UNITS = ("persons", "rounds", "containers", "missiles", "systems", "barrels", "tonnes", "USD",
         "USD_per_month", "aircraft", "voyages", "railcars", "flights", "items")
TREATY_TOPICS = (
    "preamble", "mutual_defense", "security_consultation", "military_technical", "economic",
    "science_technology", "sanctions", "sovereignty", "international_order", "information",
    "culture_education", "health", "humanitarian", "legal", "justice_law_enforcement", "border",
    "energy", "transport", "final_provisions", "other",
)
AUTOMATICITY = ("automatic", "consultative", "conditional")
FLOWS = ("export", "import", "total", "share")
TRADE_UNITS = ("USD", "percent")
TRADE_BASES = ("reported_customs", "mirror", "official_statement", "estimate")
CLAIM_TOPICS = (
    "diplomacy", "treaty", "troops", "munitions", "sanctions_un", "china", "economy_logistics",
    "technology", "labour", "rhetoric",
)
# ClaimReview ratingValue for each verdict; None = no rating on the scale.
RATING_OF_VERDICT = {
    "accurate": 5, "mostly_accurate": 4, "mixed": 3, "misleading": 2, "inaccurate": 1,
    "unsupported": None, "not_checkable": None,
}
VERDICTS = tuple(RATING_OF_VERDICT)
RELATIONS = ("supports", "contradicts", "context")
# Tables whose records a citation may point to.
CITABLE_TABLES = (
    "sources", "entities", "places", "events", "routes", "votes", "treaty_articles",
    "defense_clauses", "estimates", "trade", "claims",
)
ROUTE_MODES = ("sea", "rail", "road", "air", "unspecified")
VOTES = ("yes", "no", "abstain")
ROUTE_CARRIES = ("munitions", "troops", "passengers", "freight")


# Column kinds -------------------------------------------------------------------------

@dataclass(frozen=True)
class Col:
    """One CSV column.

    kind: id (the table's key), ref (one id of another table), refs (';'-list of ids),
    text, vocab, day (YYYY-MM-DD), edtf, int, float, yesno, url, qid, iso3, lang.
    """
    name: str
    kind: str = "text"
    required: bool = False
    vocab: tuple[str, ...] = ()
    target: str = ""          # table a ref/refs column points to
    min: float | None = None
    max: float | None = None
    max_len: int | None = None


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Col, ...]
    key: str | None            # primary key column (None: composite, see unique_together)
    prefix: str = ""           # id prefix of the key
    unique_together: tuple[str, ...] = ()
    dated: bool = False        # has date/date_start/date_end/date_precision
    estimates: bool = False    # has low/best/high/qualifier
    description: str = ""

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def col(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)


def _dated_columns() -> tuple[Col, ...]:
    return (
        Col("date", "edtf", required=True),
        Col("date_start", "day", required=True),
        Col("date_end", "day"),  # empty only for an open-ended interval "A/.."
        Col("date_precision", "vocab", required=True, vocab=DATE_PRECISIONS),
    )


SOURCE = Col("source_id", "ref", required=True, target="sources")
NOTES = Col("notes")

TABLES: dict[str, Table] = {t.name: t for t in (
    Table("sources", key="source_id", prefix="src_", description="Every source behind the data.",
          columns=(
              Col("source_id", "id", required=True), Col("title", required=True),
              Col("publisher"), Col("author"),
              Col("source_type", "vocab", required=True, vocab=SOURCE_TYPES),
              Col("url", "url"), Col("date_published", "edtf"),
              Col("date_accessed", "day", required=True), Col("language", "lang", required=True),
              Col("syndicated_from"), NOTES)),
    Table("entities", key="entity_id", prefix="ent_", description="Every actor the tables name.",
          columns=(
              Col("entity_id", "id", required=True), Col("name", required=True),
              Col("entity_type", "vocab", required=True, vocab=ENTITY_TYPES),
              Col("country_iso3", "iso3"), Col("name_native"), Col("name_native_lang", "lang"),
              Col("romanization"), Col("aliases"), Col("wikidata_qid", "qid"), SOURCE, NOTES)),
    Table("places", key="place_id", prefix="plc_", description="Places with coordinates.",
          columns=(
              Col("place_id", "id", required=True), Col("name", required=True), Col("name_native"),
              Col("place_type", "vocab", required=True, vocab=PLACE_TYPES),
              Col("country_iso3", "iso3"),
              Col("latitude", "float", min=-90, max=90), Col("longitude", "float", min=-180, max=180),
              Col("geo_precision", "int", min=1, max=7), Col("wikidata_qid", "qid"), SOURCE, NOTES)),
    Table("events", key="event_id", prefix="evt_", dated=True, description="The timeline.",
          columns=(
              Col("event_id", "id", required=True), *_dated_columns(),
              Col("title", required=True, max_len=100), Col("description", required=True),
              Col("event_type", "vocab", required=True, vocab=EVENT_TYPES),
              Col("theme", "vocab", required=True, vocab=THEMES),
              Col("actor1_id", "ref", target="entities"), Col("actor2_id", "ref", target="entities"),
              Col("place_id", "ref", target="places"),
              Col("status", "vocab", required=True, vocab=STATUSES), SOURCE, NOTES)),
    Table("routes", key="route_id", prefix="rte_", dated=True,
          description="Links between places that carry munitions, troops, freight or people.",
          columns=(
              Col("route_id", "id", required=True),
              Col("from_place_id", "ref", required=True, target="places"),
              Col("to_place_id", "ref", required=True, target="places"),
              Col("mode", "vocab", required=True, vocab=ROUTE_MODES),
              Col("carries", "vocab", required=True, vocab=ROUTE_CARRIES),
              *_dated_columns(),  # when the source reports the route in use
              Col("status", "vocab", required=True, vocab=STATUSES), SOURCE, NOTES)),
    Table("votes", key=None, unique_together=("event_id", "voter_label"),
          description="How members voted in a recorded vote (one row per member, or per group "
                      "of members where the sources do not name them one by one).",
          columns=(
              Col("event_id", "ref", required=True, target="events"),
              Col("voter_id", "ref", target="entities"),  # empty for a group
              Col("voter_label", required=True),
              Col("vote", "vocab", required=True, vocab=VOTES),
              Col("members", "int", required=True, min=1, max=200),
              SOURCE, NOTES)),
    Table("treaty_articles", key=None, unique_together=("treaty_id", "article_no"),
          description="The 2024 treaty, article by article.",
          columns=(
              Col("treaty_id", "ref", required=True, target="entities"),
              Col("article_no", "int", required=True, min=0, max=99), Col("heading"),
              Col("summary"), Col("topics", "refs", vocab=TREATY_TOPICS), Col("quote", max_len=120),
              SOURCE, NOTES)),
    Table("defense_clauses", key=None, unique_together=("treaty_id", "clause_ref"),
          description="Mutual-defence clauses compared.",
          columns=(
              Col("treaty_id", "ref", required=True, target="entities"),
              Col("clause_ref", required=True),
              # yes: the treaty's main security clause, one per treaty, set side by side in
              # comparisons; no: a related clause (e.g. the 2024 treaty's Art. 3 consultation)
              Col("in_comparison", "yesno", required=True),
              Col("parties", required=True),
              Col("year_signed", "int", required=True, min=1900, max=2100),
              Col("trigger"), Col("obligation"),
              Col("automaticity", "vocab", vocab=AUTOMATICITY),
              Col("all_means", "yesno"), Col("all_means_quote", max_len=120),
              Col("national_law_clause", "yesno"), Col("un_charter_51", "yesno"),
              Col("duration"), SOURCE, NOTES)),
    Table("estimates", key="estimate_id", prefix="est_", dated=True, estimates=True,
          description="Counts by estimator: troops, casualties, prisoners, munitions, workers.",
          columns=(
              Col("estimate_id", "id", required=True),
              Col("quantity", "vocab", required=True, vocab=QUANTITIES),
              Col("subject_entity_id", "ref", required=True, target="entities"),
              Col("place_id", "ref", target="places"), *_dated_columns(),
              Col("low", "int", min=0), Col("best", "int", min=0), Col("high", "int", min=0),
              Col("scope", "vocab", required=True, vocab=ESTIMATE_SCOPES),
              Col("qualifier", "vocab", required=True, vocab=QUALIFIERS),
              Col("unit", "vocab", required=True, vocab=UNITS),
              Col("estimator_entity_id", "ref", required=True, target="entities"),
              Col("status", "vocab", required=True, vocab=STATUSES), SOURCE, NOTES)),
    Table("trade", key="trade_id", prefix="trd_", description="Trade by year.",
          columns=(
              Col("trade_id", "id", required=True),
              Col("year", "int", required=True, min=1990, max=2100),
              Col("reporter_iso3", "iso3", required=True), Col("partner_iso3", "iso3", required=True),
              Col("flow", "vocab", required=True, vocab=FLOWS),
              Col("value", "float", required=True, min=0),
              Col("unit", "vocab", required=True, vocab=TRADE_UNITS),
              Col("basis", "vocab", required=True, vocab=TRADE_BASES), SOURCE, NOTES)),
    Table("claims", key="claim_id", prefix="clm_", description="Claims of reviewed articles.",
          columns=(
              Col("claim_id", "id", required=True),
              Col("article_source_id", "ref", required=True, target="sources"),
              Col("locator", required=True), Col("claim_reviewed", required=True, max_len=100),
              Col("topic", "vocab", required=True, vocab=CLAIM_TOPICS),
              Col("verdict", "vocab", required=True, vocab=VERDICTS),
              Col("rating_value", "int", min=1, max=5),
              Col("rating_explanation", required=True),
              Col("evidence_source_ids", "refs", target="sources"),
              Col("related_event_ids", "refs", target="events"),
              Col("review_date", "day", required=True), NOTES)),
    Table("citations", key=None, unique_together=("table", "record_id", "source_id"),
          description="Further sources for any record, including those that disagree.",
          columns=(
              Col("table", "vocab", required=True, vocab=CITABLE_TABLES),
              Col("record_id", required=True), SOURCE,
              Col("relation", "vocab", required=True, vocab=RELATIONS), NOTES)),
)}

# Load order: a table's references point only to tables before it or to itself.
TABLE_NAMES: tuple[str, ...] = tuple(TABLES)


def key_columns(table: Table) -> tuple[str, ...]:
    return (table.key,) if table.key else table.unique_together
