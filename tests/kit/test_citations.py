"""The generated Sources section."""
from __future__ import annotations

import pandas as pd
import pytest

from alliance import data
from alliance.kit import citations as cite

@pytest.fixture(scope="module")
def events():
    return data.events()


def test_sources_section_escapes_and_links():
    sources = pd.DataFrame([{"source_id": "src_a", "title": "<b>A & B</b>", "publisher": "X",
                             "url": "https://example.org/?a=1&b=2", "date_published": "2024",
                             "syndicated_from": None, "notes": None}])
    html = cite.sources_html(sources, ["src_a"])
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in html
    assert 'href="https://example.org/?a=1&amp;b=2"' in html
