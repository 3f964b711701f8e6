"""Build the offline basemaps in this folder from Natural Earth (public domain).

Input: the TopoJSON files of the npm package world-atlas 2.0.2, a redistribution of Natural
Earth's Admin 0 country boundaries, version 4.1.0 (see README.md here). Get them with
`npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz`, then run
`python data/geo/make_basemap.py package/`. Uses only the standard library.

Each output is GeoJSON: the countries clipped to one map's box, coordinates rounded to
0.001 degree (about 100 m, far below what the maps can show).
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
MAPS = {  # output file: (input file, lon_min, lat_min, lon_max, lat_max)
    "overview-50m.geojson": ("countries-50m.json", 25.0, 30.0, 150.0, 62.0),
    "far-east-korea-10m.geojson": ("countries-10m.json", 104.0, 33.0, 146.0, 56.0),
    "kursk-10m.geojson": ("countries-10m.json", 30.0, 48.0, 42.0, 57.0),
}


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:  # quantized, delta-encoded
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, indices):
    pts = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc[1:] if pts else arc)  # consecutive arcs share an end point
    return pts


def clip(points, box):
    """Sutherland-Hodgman: a ring clipped to an axis-aligned box (convex)."""
    x0, y0, x1, y1 = box
    edges = [(lambda p: p[0] >= x0, lambda a, b: _at_x(a, b, x0)),
             (lambda p: p[0] <= x1, lambda a, b: _at_x(a, b, x1)),
             (lambda p: p[1] >= y0, lambda a, b: _at_y(a, b, y0)),
             (lambda p: p[1] <= y1, lambda a, b: _at_y(a, b, y1))]
    for inside, cross in edges:
        if not points:
            break
        out, prev = [], points[-1]
        for cur in points:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
        points = out
    return points


def _at_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _at_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def build(src: Path, box) -> dict:
    topo = json.loads(src.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = {"Polygon": [geom.get("arcs", [])], "MultiPolygon": geom.get("arcs", [])}.get(geom["type"], [])
        out = []
        for poly in polys:
            rings = [clip(ring(arcs, r), box) for r in poly]
            rings = [[[round(x, 3), round(y, 3)] for x, y in r] for r in rings if len(r) >= 3]
            if rings:
                out.append(rings)
        if out:
            features.append({"type": "Feature",
                             "properties": {"name": geom.get("properties", {}).get("name"),
                                            "iso_numeric": geom.get("id")},
                             "geometry": {"type": "MultiPolygon", "coordinates": out}})
    return {"type": "FeatureCollection", "bbox": list(box), "features": features}


def main(package: Path) -> None:
    for out, (name, *box) in MAPS.items():
        src = package / name
        digest = hashlib.sha256(src.read_bytes()).hexdigest()
        fc = build(src, tuple(box))
        fc["source"] = {"dataset": "Natural Earth Admin 0 countries v4.1.0 (public domain)",
                        "via": f"npm world-atlas 2.0.2 / {name}", "sha256": digest}
        (HERE / out).write_text(json.dumps(fc, separators=(",", ":")), encoding="utf-8")
        print(f"{out}: {len(fc['features'])} countries from {name} (sha256 {digest[:16]}…)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
