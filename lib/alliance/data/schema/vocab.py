"""Every closed vocabulary of the dataset (plain tuples and dicts, no imports)."""
from __future__ import annotations

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
    "intelligence_report", "military_exercise", "goods_transfer", "tourism",
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
    "goods_transfer": "economy_logistics", "tourism": "economy_logistics",
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
ROUTE_MODES = ("sea", "rail", "road", "air", "unspecified")
VOTES = ("yes", "no", "abstain")
ROUTE_CARRIES = ("munitions", "troops", "passengers", "freight")
