"""Who and where: the sources we read, the actors they name, the places with coordinates."""
from __future__ import annotations

from .columns import Col, NOTES, SOURCE, Table
from .vocab import *  # noqa: F403 (the vocabularies these tables use)

TABLES = (
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
)
