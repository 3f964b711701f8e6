"""The 2024 treaty article by article, and mutual-defence clauses compared."""
from __future__ import annotations

from .columns import Col, NOTES, SOURCE, Table
from .vocab import *  # noqa: F403 (the vocabularies these tables use)

TABLES = (
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
)
