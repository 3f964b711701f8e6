"""Claims of reviewed articles, and further sources for any record."""
from __future__ import annotations

from .columns import NOTES, Col, Table
from .vocab import *  # noqa: F403 (the vocabularies these tables use)

TABLES = (
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
    # citations is declared in __init__.py: the tables it may point to are derived from the
    # other declarations, so a new table is citable without a second list to keep.
)
