"""The dataset as an SQLite database for people who explore with SQL (`python -m alliance
export sqlite`, `make explore`): one table per CSV with its primary key and foreign keys,
full-text search on titles, descriptions and claims, and a Datasette `metadata.json`
(titles, descriptions, licence, where each table's rows come from, useful facets).

Built with sqlite-utils (the `explore` extra) from the loaded, validated frames, so the
database holds exactly what the lessons read: lists as JSON arrays, dates as ISO text.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from .schema import TABLE_NAMES, TABLES, key_columns

# Full-text search: the columns people search in.
FTS = {
    "sources": ("title", "publisher"),
    "events": ("title", "description"),
    "claims": ("claim_reviewed", "rating_explanation"),
    "treaty_articles": ("heading", "summary"),
    "estimates": ("notes",),
}
FACETS = {
    "events": ["theme", "event_type", "status"],
    "estimates": ["quantity", "estimator_entity_id", "scope"],
    "claims": ["verdict", "topic"],
    "sources": ["source_type", "language"],
    "trade": ["reporter_iso3", "partner_iso3", "flow"],
}
LABEL_COLUMN = {"sources": "title", "entities": "name", "places": "name", "events": "title"}
LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"


def rows_of(frame) -> list[dict]:
    """A loaded frame's rows as SQLite stores them: None for missing, ISO text for dates,
    JSON arrays for lists, plain Python numbers."""
    import pandas as pd

    def cell(v):
        if isinstance(v, list):
            return json.dumps(v, ensure_ascii=False)
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
            return None
        if isinstance(v, pd.Timestamp):
            return v.date().isoformat()
        return v.item() if hasattr(v, "item") else v   # numpy scalars

    return [{k: cell(v) for k, v in record.items()} for record in frame.astype(object).to_dict("records")]


def build(data_dir: Path, db_path: Path, metadata_path: Path) -> dict[str, int]:
    """Write the database and its Datasette metadata; returns rows per table."""
    import sqlite_utils

    from .loading import data_version, load_all
    frames = load_all(data_dir)
    db_path = Path(db_path)
    if db_path.exists():
        db_path.unlink()
    db = sqlite_utils.Database(db_path)
    counts = {}
    for name in TABLE_NAMES:   # load order: a table's references point to tables before it
        table = TABLES[name]
        fks = [(c.name, c.target, TABLES[c.target].key) for c in table.columns
               if c.kind == "ref" and c.target]
        columns = {c.name: _sql_type(c.kind) for c in table.columns}
        pk = key_columns(table)
        db[name].create(columns, pk=pk[0] if len(pk) == 1 else pk, foreign_keys=fks,
                        not_null={c.name for c in table.columns if c.required})
        db[name].insert_all(rows_of(frames[name]))
        counts[name] = len(frames[name])
        if name in FTS:
            db[name].enable_fts(list(FTS[name]), create_triggers=True)
    for name in TABLE_NAMES:
        for c in TABLES[name].columns:
            if c.kind == "ref" and c.target:
                db[name].create_index([c.name], if_not_exists=True)
    db.close()
    Path(metadata_path).write_text(json.dumps(metadata(db_path.stem, data_version(data_dir)),
                                              ensure_ascii=False, indent=1) + "\n",
                                   encoding="utf-8")
    return counts


def _sql_type(kind: str):
    return {"int": int, "float": float, "yesno": int}.get(kind, str)   # yes/no as 1/0


def metadata(database: str, version: str) -> dict:
    """Datasette metadata: the dataset, and per table its title, description, source link,
    licence, facets and column descriptions."""
    from .schema import KINDS
    tables = {}
    for name, table in TABLES.items():
        entry = {
            "title": name.replace("_", " ").capitalize(),
            "description": table.description,
            "license": LICENSE, "license_url": LICENSE_URL,
            # every row names its source: the link leads to the table of documents
            "source": "each row's source_id, in the sources table" if name != "sources"
                      else "the documents we read (their metadata, not their text)",
            "source_url": f"/{database}/sources",
            "columns": {c.name: KINDS[c.kind] + (f" ({c.target})" if c.target else "")
                        for c in table.columns},
        }
        if name in FACETS:
            entry["facets"] = FACETS[name]
        if name in LABEL_COLUMN:
            entry["label_column"] = LABEL_COLUMN[name]
        if name in FTS:
            entry["fts_table"] = f"{name}_fts"
        tables[name] = entry
    return {
        "title": "alliance-notebooks: the Russia-North Korea alliance, source by source",
        "description": f"The curated tables (data version {version}), each row naming the "
                       "source that states it. Full-text search on titles, descriptions "
                       "and claims.",
        "license": LICENSE, "license_url": LICENSE_URL,
        "databases": {database: {"tables": tables}},
    }
