"""Maps drawn offline from the Natural Earth basemaps in data/geo (no download at run time):
places with coordinates, and the routes between them, each with its sources."""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import pandas as pd


BASEMAP_SOURCE = "src_naturalearth_admin0_v4_1_0"
REGIONS = {  # name: (file, title, box or None for the file's own)
    "overview": ("overview-50m.geojson", "From Korea to Kursk", None),
    "far_east_korea": ("far-east-korea-10m.geojson", "The Russian Far East and Korea", None),
    "tumen_border": ("far-east-korea-10m.geojson",
                     "Where Russia and North Korea meet: the Tumen river mouth",
                     (129.4, 41.5, 133.6, 44.6)),
    "kursk": ("kursk-10m.geojson", "The Kursk front", None),
}
ROUTE_STYLE = {"sea": "--", "rail": "-", "road": "-", "air": ":", "unspecified": "-."}
CARRIES_COLOUR = {"munitions": "#c0392b", "troops": "#1f4e9c", "freight": "#8d6e63",
                  "passengers": "#2a9d8f"}
LAND, BORDER, SEA = "#f3f1ea", "#9a9a9a", "#dfe9f2"
ISO_NUMERIC = {"643": "RUS", "408": "PRK", "410": "KOR", "156": "CHN", "804": "UKR"}


def basemap(region: str, data_dir: str | None = None) -> dict:
    """The region's GeoJSON (recorded as read, like a table, for the dependency check)."""
    from .. import data
    return _geojson(data.data_file("geo/" + REGIONS[region][0], data_dir))


@lru_cache(maxsize=8)
def _geojson(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def in_box(places: pd.DataFrame, box) -> pd.DataFrame:
    x0, y0, x1, y1 = box
    p = places.dropna(subset=["latitude", "longitude"])
    return p[p["longitude"].between(x0, x1) & p["latitude"].between(y0, y1)]


def without_coordinates(places: pd.DataFrame, ids) -> list[str]:
    """Names of the given places that cannot be drawn: no source gave coordinates."""
    p = places[places["place_id"].isin(list(ids))]
    return sorted(p.loc[p["latitude"].isna() | p["longitude"].isna(), "name"])


LABELS_BY_REGION = {  # which place types get a name on each map (others are dots)
    "overview": ("city",),
    "far_east_korea": ("city", "military_site"),
    "tumen_border": ("city", "port", "military_site", "border_crossing", "rail_station"),
    "kursk": ("city", "admin1", "military_site"),
}


def draw(region: str, places: pd.DataFrame, routes: pd.DataFrame, sources: pd.DataFrame,
         highlight=()):
    """A regional map: countries, places with coordinates, and the routes inside the box."""
    from matplotlib.collections import PolyCollection

    from . import style
    geo = basemap(region)
    box = REGIONS[region][2] or geo["bbox"]
    x0, y0, x1, y1 = box
    aspect = 1 / math.cos(math.radians((y0 + y1) / 2))  # equirectangular, true at mid-latitude
    width = 11
    height = min(9.5, width * (y1 - y0) * aspect / (x1 - x0) + 1.2)
    fig, ax = style.figure(width, height)
    ax.set_facecolor(SEA)
    polys, faces = [], []
    for feature in geo["features"]:
        iso = ISO_NUMERIC.get(str(feature["properties"].get("iso_numeric")))
        for poly in feature["geometry"]["coordinates"]:
            polys.append(poly[0])
            faces.append(style.colour_of_country(iso) + "22" if iso in ("RUS", "PRK") else LAND)
    ax.add_collection(PolyCollection(polys, facecolors=faces, edgecolors=BORDER, linewidths=0.6))
    pl = places.set_index("place_id")
    drawn_routes = []
    for r in routes.itertuples():
        a, b = pl.loc[r.from_place_id], pl.loc[r.to_place_id]
        if pd.isna(a.latitude) or pd.isna(b.latitude):
            continue
        inside = [x0 <= p.longitude <= x1 and y0 <= p.latitude <= y1 for p in (a, b)]
        # the overview shows every route; a regional map only those wholly inside it
        if not all(inside) and region != "overview":
            continue
        ax.annotate("", xy=(b.longitude, b.latitude), xytext=(a.longitude, a.latitude),
                    arrowprops=dict(arrowstyle="-|>", color=CARRIES_COLOUR[r.carries], lw=1.6,
                                    ls=ROUTE_STYLE[r.mode], shrinkA=4, shrinkB=4,
                                    connectionstyle="arc3,rad=0.12"), annotation_clip=False)
        drawn_routes.append(r.Index)
    shown = in_box(places, box).sort_values("latitude", ascending=False)
    placed: list[tuple[float, float]] = []  # label anchors, in degrees, to avoid overlaps
    for p in shown.itertuples():
        big = p.place_id in highlight or p.place_type in ("military_site", "port", "border_crossing")
        ax.plot(p.longitude, p.latitude, "o", ms=6 if big else 4, color="#222" if big else "#555",
                mec="white", mew=0.8, zorder=5)
        if p.place_type in LABELS_BY_REGION[region] or p.place_id in highlight:
            dy = 3
            near = [q for q in placed if abs(q[0] - p.longitude) < (x1 - x0) / 8
                    and abs(q[1] - p.latitude) < (y1 - y0) / 40]
            dy -= 10 * len(near)  # stack labels of places a few km apart
            placed.append((p.longitude, p.latitude))
            ax.annotate(p.name, (p.longitude, p.latitude), xytext=(4, dy), textcoords="offset points",
                        fontsize=7.5, zorder=6)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(aspect)
    ax.grid(False)
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], color=c, lw=1.6, label=k) for k, c in CARRIES_COLOUR.items()
               if k in set(routes.loc[drawn_routes, "carries"])]
    handles += [Line2D([], [], color="#444", ls=ROUTE_STYLE[m], label=m)
                for m in ROUTE_STYLE if m in set(routes.loc[drawn_routes, "mode"])]
    if handles:
        ax.legend(handles=handles, fontsize=7.5, loc="lower right", framealpha=0.9, frameon=True)
    ax.set_title(REGIONS[region][1])
    rows = pd.concat([shown[["source_id"]], routes.loc[drawn_routes, ["source_id"]]])
    return style.finish(fig, rows, sources, extra_ids=[BASEMAP_SOURCE])
