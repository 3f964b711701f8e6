"""data/datapackage.json: generated from the schema, never stale, valid for frictionless, and
strict enough that frictionless finds what the project's validator would refuse."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alliance import data
from alliance.data import package
from alliance.data.schema import TABLES
from tests.support import ROOT

DATA = ROOT / "data"
COMMITTED = DATA / "datapackage.json"


def frictionless_cli() -> str:
    path = Path(sys.executable).parent / "frictionless"
    if not path.exists():
        pytest.fail("frictionless is not installed: it is in the test extra")
    return str(path)


def test_committed_datapackage_is_what_the_schema_and_data_generate():
    assert COMMITTED.read_text(encoding="utf-8") == package.text(DATA), (
        "data/datapackage.json is stale: run `python -m alliance export datapackage`")


def test_export_command_writes_the_same_file(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("geo"))
    (copy / "datapackage.json").unlink()
    run = subprocess.run([sys.executable, "-m", "alliance", "export", "datapackage",
                          "--data-dir", str(copy)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert (copy / "datapackage.json").read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_descriptor_carries_keys_types_vocabularies_lists_dates_licence_and_version():
    d = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert d["profile"] == "tabular-data-package"
    assert d["version"] == data.data_version()
    assert d["licenses"][0]["name"] == "CC-BY-4.0" and d["sources"]
    resources = {r["name"]: r for r in d["resources"]}
    assert list(resources) == list(TABLES)
    for name, table in TABLES.items():
        schema = resources[name]["schema"]
        assert resources[name]["path"] == table.file
        assert [f["name"] for f in schema["fields"]] == list(table.column_names)
        assert schema["primaryKey"] == ([table.key] if table.key else list(table.unique_together))
        fields = {f["name"]: f for f in schema["fields"]}
        for col in table.columns:
            f = fields[col.name]
            assert f.get("constraints", {}).get("required", False) == col.required
            if col.kind == "vocab":
                assert f["constraints"]["enum"] == list(col.vocab)
            if col.kind == "refs":
                assert f["type"] == "list" and f["delimiter"] == ";"
            if col.kind == "edtf":
                assert f["type"] == "string" and f["constraints"]["pattern"] == package.EDTF_PATTERN
            if col.kind == "day":
                assert f["type"] == "date"
            if col.kind == "ref":
                fk = next(k for k in schema["foreignKeys"] if k["fields"] == col.name)
                assert fk["reference"] == {"resource": col.target, "fields": TABLES[col.target].key}
    events = {f["name"]: f for f in resources["events"]["schema"]["fields"]}
    assert events["date_start"]["type"] == "date" and events["date"]["type"] == "string"


def test_frictionless_validate_passes_on_the_committed_package():
    run = subprocess.run([frictionless_cli(), "validate", "data/datapackage.json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "VALID" in run.stdout and "INVALID" not in run.stdout


def _edit(path: Path, row: int, **values):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows[row].update(values)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


@pytest.mark.parametrize("table, row, values, error", [
    ("events", 0, {"theme": "gossip"}, "constraint-error"),              # enum
    ("events", 1, {"date": "2024-1-05"}, "constraint-error"),            # EDTF pattern
    ("events", 2, {"actor1_id": "ent_nobody"}, "foreign-key"),           # foreign key
    ("estimates", 0, {"low": "many"}, "type-error"),                     # integer
    ("claims", 1, {"claim_id": "clm_01_aurus_drive"}, "primary-key"),   # duplicate key
    ("defense_clauses", 0, {"in_comparison": "maybe"}, "type-error"),    # yes/no
], ids=["enum", "edtf", "foreign-key", "integer", "primary-key", "yesno"])
def test_frictionless_fails_on_a_deliberately_broken_copy(tmp_path, table, row, values, error):
    broken = tmp_path / "data"
    shutil.copytree(DATA, broken, ignore=shutil.ignore_patterns("geo"))
    _edit(broken / TABLES[table].file, row, **values)
    run = subprocess.run([frictionless_cli(), "validate", "--json", "datapackage.json"],
                         cwd=broken, capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    report = json.loads(run.stdout)
    errors = [(t["name"], e["type"]) for t in report["tasks"] for e in t["errors"]]
    assert (table, error) in errors
