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
# The overview spans Kursk to Korea at a few pixels per degree: Korea and Primorye crowd into
# one corner, and the map of the Russian Far East and Korea names every place there. The
# overview draws those dots too but names only the places a reader finds their way by (and
# the highlighted ones), and says how many it left unnamed.
OVERVIEW_DETAIL = "far_east_korea"
CROWDED = (124.0, 37.0, 135.0, 46.0)  # Korea and Primorye (lon, lat), inside OVERVIEW_DETAIL
LANDMARKS = ("plc_pyongyang", "plc_seoul", "plc_vladivostok")
ROUTE_STYLE = {"sea": "--", "rail": "-", "road": "-", "air": ":", "unspecified": "-."}
CARRIES_COLOUR = {"munitions": "#D55E00", "troops": "#0072B2", "freight": "#000000",
                  "passengers": "#009E73"}
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


def draw(region: str, places: pd.DataFrame, routes: pd.DataFrame, sources: pd.DataFrame,
         highlight=()):
    """A regional map: countries, places with coordinates, and the routes inside the box."""
    from matplotlib.collections import PolyCollection

    from . import style
    geo = basemap(region)
    box = REGIONS[region][2] or geo["bbox"]
    x0, y0, x1, y1 = box
    aspect = 1 / math.cos(math.radians((y0 + y1) / 2))  # equirectangular, true at mid-latitude
    width = 12  # room on the right for the legend
    height = min(9.5, (width - 2) * (y1 - y0) * aspect / (x1 - x0) + 1.2)
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
    unnamed = shown.iloc[0:0]
    if region == "overview":
        unnamed = in_box(shown, CROWDED)
        unnamed = unnamed[~unnamed["place_id"].isin([*LANDMARKS, *highlight])]
    texts = []
    left_unnamed = set(unnamed["place_id"])
    for p in shown.itertuples():
        big = p.place_id in highlight or p.place_type in ("military_site", "port", "border_crossing")
        ax.plot(p.longitude, p.latitude, "o", ms=6 if big else 4, color="#222" if big else "#555",
                mec="white", mew=0.8, zorder=5)
        # every dot gets its name (on the overview: see OVERVIEW_DETAIL); adjustText moves
        # labels apart (Pyongyang/Wonsan, Chongjin/Vladivostok) and draws a leader line when a
        # label had to move
        if p.place_id not in left_unnamed:
            texts.append(ax.text(p.longitude, p.latitude, p.name, fontsize=7.5, zorder=6))
    if len(unnamed):
        ax.text(0.99, 0.02, f"{len(unnamed)} more place{'s' if len(unnamed) != 1 else ''} in "
                f"Korea and Primorye: named on the map “{REGIONS[OVERVIEW_DETAIL][1]}”",
                transform=ax.transAxes,
                ha="right", va="bottom", fontsize=7, color="#333", zorder=7,
                bbox=dict(boxstyle="round,pad=0.3", fc="white", ec="#bbb", lw=0.5))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(aspect)
    if texts:
        from adjustText import adjust_text
        # a fixed number of steps, not adjustText's default 1-second limit: the same labels on
        # every machine and run (a report that did not change is byte-for-byte the same)
        adjust_text(texts, ax=ax, expand=(1.2, 1.4), ensure_inside_axes=True, iter_lim=250,
                    arrowprops=dict(arrowstyle="-", color="#888", lw=0.5))
    ax.grid(False)
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], color=c, lw=1.6, label=k) for k, c in CARRIES_COLOUR.items()
               if k in set(routes.loc[drawn_routes, "carries"])]
    handles += [Line2D([], [], color="#444", ls=ROUTE_STYLE[m], label=m)
                for m in ROUTE_STYLE if m in set(routes.loc[drawn_routes, "mode"])]
    if handles:
        style.legend_outside(ax, handles=handles, title="routes", title_fontsize=8)
    ax.set_title(REGIONS[region][1])
    rows = pd.concat([shown[["source_id"]], routes.loc[drawn_routes, ["source_id"]]])
    n_routes = len(drawn_routes)
    alt = (f"Map: {REGIONS[region][1]}. {len(shown)} places with sourced coordinates "
           f"({', '.join(shown['name'].head(8))}{', …' if len(shown) > 8 else ''}) and "
           + (f"{n_routes} route{'s' if n_routes != 1 else ''}" if n_routes else "no routes")
           + (f"; of these places, {len(unnamed)} in Korea and Primorye are drawn unnamed (named "
              f"on the map {REGIONS[OVERVIEW_DETAIL][1]})" if len(unnamed) else ""))
    named = places.set_index("place_id")["name"]
    lines = routes.loc[drawn_routes]
    drawn = pd.concat([  # what the map draws, one row per place or route, with its source
        shown[["name", "latitude", "longitude", "source_id"]].assign(kind="place"),
        lines[["mode", "carries", "source_id"]].assign(
            kind="route", name=lines["from_place_id"].map(named) + " → " + lines["to_place_id"].map(named)),
    ], ignore_index=True)[["kind", "name", "latitude", "longitude", "mode", "carries", "source_id"]]
    return style.finish(fig, rows, sources, extra_ids=[BASEMAP_SOURCE], alt=alt, name=f"map-{region}",
                        data=drawn)


def describe_missing(places: pd.DataFrame) -> str:
    """Which places of the story cannot be drawn (no stored source gave coordinates)."""
    names = without_coordinates(places, places["place_id"])
    if not names:
        return "Every place in the data has sourced coordinates."
    return (f"{len(names)} of {len(places)} places cannot be drawn because no stored source gave "
            f"their coordinates: " + ", ".join(names) + ".")
