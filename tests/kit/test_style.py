"""Charts in the house style: a chart of unsourced rows cannot be made; its footer names the sources."""
from __future__ import annotations

import pandas as pd
import pytest

from alliance import data
from alliance.errors import NoSourcesError
from alliance.kit import citations as cite
from alliance.kit import style as plots

@pytest.fixture(scope="module")
def events():
    return data.events()


def test_a_chart_of_unsourced_rows_cannot_be_drawn():
    fig, _ = plots.figure()
    rows = pd.DataFrame({"source_id": ["src_x", None]})
    with pytest.raises(NoSourcesError, match="row 1 has no source_id"):
        plots.finish(fig, rows, data.sources())
    with pytest.raises(NoSourcesError, match="no 'source_id' column"):
        plots.finish(fig, pd.DataFrame({"x": [1]}), data.sources())
    with pytest.raises(NoSourcesError, match="unknown source ids: src_nowhere"):
        plots.finish(fig, pd.DataFrame({"source_id": ["src_nowhere"]}), data.sources())


def test_footer_names_the_outlets_of_the_rows_plotted_and_logs_them():
    cite.log.clear()
    sources = data.sources()
    rows = sources.head(3)[["source_id"]]
    fig, _ = plots.figure()
    chart = plots.finish(fig, rows, sources)
    ids = list(chart.source_ids)
    footer = fig.texts[-1].get_text()
    assert footer.startswith("Source: ")
    for publisher in sources.head(3)["publisher"].dropna():
        assert publisher in footer
    assert "3 documents, listed under Sources" in footer
    assert cite.log.ids == ids


def test_a_long_title_is_wrapped_to_stay_inside_the_figure():
    fig, ax = plots.figure(6, 3)
    ax.barh(["a very long estimator name indeed", "another long one"], [1, 2])
    title = "Latest figure of each estimator: North Korean troops sent to Russia"
    ax.set_title(title)
    chart = plots.finish(fig, pd.DataFrame({"source_id": [data.sources()["source_id"].iloc[0]]}), data.sources())
    shown = ax.get_title(loc="left")
    assert "\n" in shown and shown.replace("\n", " ") == title
    artist = next(c for c in ax.get_children() if getattr(c, "get_text", lambda: None)() == shown)
    fig.canvas.draw()
    assert artist.get_window_extent().x1 <= fig.get_figwidth() * fig.dpi
    assert chart.alt.startswith(title)  # the alt keeps the title whole
