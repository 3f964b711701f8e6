"""Offline maps."""
from __future__ import annotations

import socket

import pytest

from alliance import data
from alliance.kit import maps

@pytest.fixture(scope="module")
def t():
    return data.load_all()


def test_maps_are_drawn_without_touching_the_network(t, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    maps._geojson.cache_clear()
    for region in maps.REGIONS:
        chart = maps.draw(region, t["places"], t["routes"], t["sources"])
        footer = chart.figure.texts[-1].get_text()
        assert "Natural Earth" in chart.footer
        assert "Natural Earth" in footer


def test_basemaps_record_their_provenance():
    for region in maps.REGIONS:
        geo = maps.basemap(region)
        assert geo["source"]["dataset"].startswith("Natural Earth")
        assert len(geo["source"]["sha256"]) == 64
        assert geo["features"]


def test_regional_maps_draw_only_routes_wholly_inside(t):
    fig = maps.draw("tumen_border", t["places"], t["routes"], t["sources"]).figure
    # the Moscow-Pyongyang flight leaves the box: not drawn here
    rows_inside = [r for r in t["routes"].itertuples() if r.route_id in (
        "rte_rajin_dunai_munitions", "rte_chongjin_vladivostok_troops")]
    assert len(rows_inside) == 2
    arrows = [a for a in fig.axes[0].texts if a.get_text() == ""]
    assert len(arrows) == sum(
        1 for r in t["routes"].itertuples()
        if all(129.4 <= p.longitude <= 133.6 and 41.5 <= p.latitude <= 44.6
               for p in (t["places"].set_index("place_id").loc[[r.from_place_id, r.to_place_id]].itertuples()))
    )


def test_places_without_coordinates_are_listed(t):
    missing = maps.without_coordinates(t["places"], t["places"]["place_id"])
    assert "Kursk Oblast" in missing
    assert "Pyongyang" not in missing


@pytest.mark.parametrize("region", list(maps.REGIONS))
def test_the_title_labels_and_legend_lie_inside_the_picture(t, region):
    """A map keeps its aspect ratio: room for the source lines must not push its title out."""
    chart = maps.draw(region, t["places"], t["routes"], t["sources"])
    fig = chart.figure
    chart.png()  # drawn as the page shows it
    box = fig.get_tightbbox(fig.canvas.get_renderer())  # everything drawn, in inches
    width, height = fig.get_size_inches()
    assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, \
        f"{region}: drawn outside the {width}x{height} in picture: {box}"


def test_the_overview_names_its_landmarks_and_counts_the_places_it_leaves_to_the_detail_map(t):
    detail = maps.basemap(maps.OVERVIEW_DETAIL)["bbox"]
    x0, y0, x1, y1 = maps.CROWDED
    assert detail[0] <= x0 and detail[1] <= y0 and x1 <= detail[2] and y1 <= detail[3]
    chart = maps.draw("overview", t["places"], t["routes"], t["sources"])
    labels = {x.get_text() for x in chart.figure.axes[0].texts}
    crowded = maps.in_box(maps.in_box(t["places"], maps.basemap("overview")["bbox"]), maps.CROWDED)
    landmarks = set(crowded.loc[crowded["place_id"].isin(maps.LANDMARKS), "name"])
    assert landmarks and landmarks <= labels
    left = len(crowded) - len(landmarks)
    assert not set(crowded["name"]) - landmarks & labels
    assert any(x.startswith(f"{left} more places in Korea and Primorye") for x in labels)
    # the unnamed places are among those drawn (counted in the alt's first number), not more
    assert f"; of these places, {left} in Korea and Primorye are drawn unnamed" in chart.alt
    detail_labels = {x.get_text() for x in maps.draw(maps.OVERVIEW_DETAIL, t["places"], t["routes"],
                                                     t["sources"]).figure.axes[0].texts}
    assert set(crowded["name"]) <= detail_labels  # every one is named there


def test_a_maps_data_behind_is_its_places_and_routes():
    from alliance import data
    t = data.load_all()
    chart = maps.draw("far_east_korea", t["places"], t["routes"], t["sources"])
    kinds = chart.data["kind"].value_counts()
    assert kinds["place"] > 0 and kinds.get("route", 0) > 0
    assert chart.data.loc[chart.data["kind"] == "place", ["latitude", "longitude"]].notna().all().all()
    assert chart.data.loc[chart.data["kind"] == "route", "name"].str.contains(" → ").all()
    assert f"Drawn from {len(chart.data)} rows" in chart.alt
