"""The dataset as a Frictionless Data Package (`data/datapackage.json`), generated from the
table declarations in schema/ so that R, frictionless, Excel or OWID-style tooling see the
same keys, types and vocabularies the loader checks. Never edit datapackage.json by hand:
`python -m alliance export datapackage` rewrites it, and a test fails when it is stale.

Only the standard library: the data version is a hash of the CSV files.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .edtf import FORMS
from .schema import TABLE_NAMES, TABLES, Col, Table, key_columns

PROFILE = "tabular-data-package"
NAME = "alliance-notebooks"
LIST_DELIMITER = ";"
_SLUG = "[a-z0-9][a-z0-9_.-]*"
_EDTF_DAY = r"\d{4}(-\d{2}(-\d{2})?)?[~?%]?"
# The project's EDTF subset: a date, an interval A/B, or an interval open at one end.
EDTF_PATTERN = rf"({_EDTF_DAY}|{_EDTF_DAY}/{_EDTF_DAY}|{_EDTF_DAY}/\.\.|\.\./{_EDTF_DAY})"
PATTERNS = {
    "ref": rf"[a-z]+_{_SLUG}",
    "qid": r"Q[1-9][0-9]*",
    "iso3": r"[A-Z]{3}",
    "lang": r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*",
    "url": r"https?://[^\s/]+\.[^\s/]+(/\S*)?",
    "edtf": EDTF_PATTERN,
}
TYPES = {"id": "string", "ref": "string", "text": "string", "vocab": "string", "day": "date",
         "edtf": "string", "int": "integer", "float": "number", "yesno": "boolean",
         "url": "string", "qid": "string", "iso3": "string", "lang": "string", "refs": "list"}
LICENSES = [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
             "path": "https://creativecommons.org/licenses/by/4.0/"}]


def data_version(data_dir: Path) -> str:
    """The same short content hash as `alliance.data.data_version()`."""
    h = hashlib.sha256()
    for name in TABLE_NAMES:
        path = Path(data_dir) / TABLES[name].file
        h.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b""))
    return h.hexdigest()[:12]


def field(table: Table, c: Col) -> dict:
    f: dict = {"name": c.name, "type": TYPES[c.kind]}
    constraints: dict = {}
    if c.required:
        constraints["required"] = True
    if c.kind == "id":
        constraints["pattern"] = f"{table.prefix}{_SLUG}"
        constraints["unique"] = True
    elif c.kind in PATTERNS:
        constraints["pattern"] = PATTERNS[c.kind]
    if c.kind == "vocab":
        constraints["enum"] = list(c.vocab)
    if c.kind == "refs":
        f["delimiter"] = LIST_DELIMITER
        f["itemType"] = "string"
    if c.kind == "yesno":
        f["trueValues"], f["falseValues"] = ["yes"], ["no"]
    if c.kind == "url":
        f["format"] = "uri"
    if c.kind == "day":
        f["format"] = "default"   # YYYY-MM-DD
    if c.min is not None:
        constraints["minimum"] = int(c.min) if c.kind == "int" else c.min
    if c.max is not None:
        constraints["maximum"] = int(c.max) if c.kind == "int" else c.max
    if c.max_len is not None:
        constraints["maxLength"] = c.max_len
    f["description"] = _describe(c)
    if constraints:
        f["constraints"] = constraints
    return f


def _describe(c: Col) -> str:
    from .schema import KINDS
    text = KINDS[c.kind]
    if c.kind == "edtf":
        text += f" ({FORMS}, with a trailing ~ or ? for approximate or uncertain)"
    if c.kind == "refs" and c.vocab:
        text += " from: " + ", ".join(c.vocab)
    elif c.kind in ("ref", "refs") and c.target:
        text += f" (ids of {c.target}.csv)"
    return text


def foreign_keys(table: Table) -> list[dict]:
    """One per single-id reference column (lists of ids are checked by the project's
    validator: Table Schema foreign keys cannot name a list)."""
    out = []
    for c in table.columns:
        if c.kind == "ref" and c.target:
            target = TABLES[c.target]
            out.append({"fields": c.name,
                        "reference": {"resource": target.name, "fields": target.key}})
    return out


def resource(table: Table) -> dict:
    schema: dict = {"fields": [field(table, c) for c in table.columns],
                    "missingValues": [""],
                    "primaryKey": list(key_columns(table))}
    fks = foreign_keys(table)
    if fks:
        schema["foreignKeys"] = fks
    return {"name": table.name, "path": table.file, "profile": "tabular-data-resource",
            "title": table.name.replace("_", " ").capitalize(),
            "description": table.description, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "schema": schema}


def descriptor(data_dir: Path) -> dict:
    version = data_version(data_dir)
    return {
        "profile": PROFILE,
        "name": NAME,
        "title": "alliance-notebooks: a source-cited dataset on the Russia-North Korea alliance",
        "description": ("Events, estimates, the 2024 treaty, trade and claim reviews, every "
                        "factual row naming the source that states it. Generated from "
                        "lib/alliance/data/schema/ by `python -m alliance export datapackage`; "
                        "see README.md beside this file for the curation rules."),
        "version": version,
        "licenses": LICENSES,
        "sources": [{"title": "The documents listed in sources.csv (their metadata and our "
                              "paraphrase; the documents belong to their publishers)",
                     "path": "sources.csv"}],
        "keywords": ["Russia", "North Korea", "DPRK", "alliance", "fact-checking"],
        "resources": [resource(TABLES[name]) for name in TABLE_NAMES],
    }


def text(data_dir: Path) -> str:
    return json.dumps(descriptor(data_dir), ensure_ascii=False, indent=1) + "\n"


def write(data_dir: Path) -> Path:
    path = Path(data_dir) / "datapackage.json"
    path.write_text(text(data_dir), encoding="utf-8")
    return path
