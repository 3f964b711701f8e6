"""The dataset's tables, declared once, split by table group.

Plain Python with no heavy imports: the loader, the validator, the data card, the data
package export and the renderer's dependency tracking all read this one spec. May import
only the standard library.

    vocab.py      every closed vocabulary
    columns.py    Col, Table and the registry of column kinds
    reference.py  sources, entities, places
    timeline.py   events, routes, votes
    treaty.py     treaty_articles, defense_clauses
    figures.py    estimates, trade
    claims.py     claims (citations is declared here, after every table it may point to)
"""
from __future__ import annotations

from . import claims, figures, reference, timeline, treaty
from .columns import KINDS, NOTES, SOURCE, Col, Table, dated_columns  # noqa: F401
from .vocab import *  # noqa: F401,F403 (re-exported: schema.QUANTITIES etc.)
from .vocab import RELATIONS

_DECLARED = (*reference.TABLES, *timeline.TABLES, *treaty.TABLES, *figures.TABLES, *claims.TABLES)

# Tables whose records a citation may point to: every table declared above.
CITABLE_TABLES: tuple[str, ...] = tuple(t.name for t in _DECLARED)

CITATIONS = Table(
    "citations", key=None, unique_together=("table", "record_id", "source_id"),
    description="Further sources for any record, including those that disagree.",
    columns=(
        Col("table", "vocab", required=True, vocab=CITABLE_TABLES),
        Col("record_id", required=True), SOURCE,
        Col("relation", "vocab", required=True, vocab=RELATIONS), NOTES))

TABLES: dict[str, Table] = {t.name: t for t in (*_DECLARED, CITATIONS)}

# Load order: a table's references point only to tables before it or to itself.
TABLE_NAMES: tuple[str, ...] = tuple(TABLES)


def key_columns(table: Table) -> tuple[str, ...]:
    return (table.key,) if table.key else table.unique_together
