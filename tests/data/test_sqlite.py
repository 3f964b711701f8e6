"""python -m alliance export sqlite: alliance.db with keys and full-text search, and
Datasette serving it on loopback with facets and search that work over HTTP."""
from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from alliance import data
from alliance.data.schema import TABLES
from tests.support import ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("sqlite")
    db, meta = out / "alliance.db", out / "metadata.json"
    run = subprocess.run([sys.executable, "-m", "alliance", "export", "sqlite", "-o", str(db)],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert db.exists() and meta.exists()
    return db, meta


def test_every_table_with_every_row_its_keys_and_foreign_keys(built):
    db, _ = built
    con = sqlite3.connect(db)
    for name, table in TABLES.items():
        assert con.execute(f'select count(*) from "{name}"').fetchone()[0] == len(data.load(name))
        pk = [r[1] for r in sorted(con.execute(f'pragma table_info("{name}")'), key=lambda r: r[5]) if r[5]]
        assert pk == ([table.key] if table.key else list(table.unique_together))
        fks = {(r[3], r[2], r[4]) for r in con.execute(f'pragma foreign_key_list("{name}")')}
        assert fks == {(c.name, c.target, TABLES[c.target].key) for c in table.columns if c.kind == "ref"}
    con.execute("pragma foreign_keys = on")
    assert con.execute("pragma foreign_key_check").fetchall() == []


def test_full_text_search_on_titles_descriptions_and_claims(built):
    db, _ = built
    con = sqlite3.connect(db)
    hits = con.execute("select e.event_id from events e join events_fts f on e.rowid = f.rowid "
                       "where events_fts match 'Pyongyang'").fetchall()
    events = data.events()
    expected = events[events["title"].str.contains("Pyongyang", case=False)
                      | events["description"].str.contains("Pyongyang", case=False)]
    assert 0 < len(hits) and {h[0] for h in hits} >= set(
        expected[expected["title"].str.contains("Pyongyang")]["event_id"])
    claims = con.execute("select c.claim_id from claims c join claims_fts f on c.rowid = f.rowid "
                         "where claims_fts match 'Aurus'").fetchall()
    assert ("clm_01_aurus_drive",) in claims


def test_lists_are_json_arrays(built):
    db, _ = built
    con = sqlite3.connect(db)
    raw = dict(con.execute("select claim_id, evidence_source_ids from claims").fetchall())
    frame = data.claims().set_index("claim_id")
    for claim_id, text in raw.items():
        assert json.loads(text) == frame.at[claim_id, "evidence_source_ids"]


def test_datasette_metadata_names_titles_licence_and_sources_per_table(built):
    _, meta = built
    m = json.loads(meta.read_text(encoding="utf-8"))
    assert m["license"] == "CC BY 4.0"
    tables = m["databases"]["alliance"]["tables"]
    assert set(tables) == set(TABLES)
    for name, entry in tables.items():
        assert entry["title"] and entry["description"] == TABLES[name].description
        assert entry["source_url"] == "/alliance/sources" and entry["license_url"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read().decode("utf-8"))


@pytest.fixture(scope="module")
def datasette(built):
    db, meta = built
    port = free_port()
    exe = Path(sys.executable).parent / "datasette"
    if not exe.exists():
        pytest.fail("datasette is not installed: it is in the explore extra (make test installs it)")
    proc = subprocess.Popen([str(exe), "serve", str(db), "--metadata", str(meta),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):   # wait until it answers (or has died)
            if proc.poll() is not None:
                pytest.fail("datasette stopped: " + proc.stdout.read())
            try:
                get_json(f"{base}/-/versions.json")
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("datasette did not answer on " + base)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_datasette_facets_events_by_theme(datasette):
    out = get_json(f"{datasette}/alliance/events.json?_facet=theme&_size=0")
    counts = {r["value"]: r["count"] for r in out["facet_results"]["theme"]["results"]}
    assert counts == data.events()["theme"].astype(str).value_counts().to_dict()


def test_datasette_full_text_search_over_http(datasette):
    q = urllib.parse.quote("Aurus")
    rows = get_json(f"{datasette}/alliance/claims.json?_search={q}&_shape=array")
    assert "clm_01_aurus_drive" in {r["claim_id"] for r in rows}
    titles = get_json(f"{datasette}/alliance/events.json?_search=Shoigu&_shape=array&_size=max")
    events = data.events()
    shoigu = events[events["title"].str.contains("Shoigu") | events["description"].str.contains("Shoigu")]
    assert {r["event_id"] for r in titles} == set(shoigu["event_id"])
