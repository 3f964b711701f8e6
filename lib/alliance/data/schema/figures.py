"""Numbers: estimates by estimator, and trade by year."""
from __future__ import annotations

from .columns import Col, dated_columns, NOTES, SOURCE, Table
from .vocab import *  # noqa: F403 (the vocabularies these tables use)

TABLES = (
    Table("estimates", key="estimate_id", prefix="est_", dated=True, estimates=True,
          description="Counts by estimator: troops, casualties, prisoners, munitions, workers.",
          columns=(
              Col("estimate_id", "id", required=True),
              Col("quantity", "vocab", required=True, vocab=QUANTITIES),
              Col("subject_entity_id", "ref", required=True, target="entities"),
              Col("place_id", "ref", target="places"), *dated_columns(),
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
)
