"""Build ``taxonomy/data/world-110m.json``, the country outlines of the hubs' world map, once.

Input: ``countries-110m.json`` of the npm package ``world-atlas`` (2.0.2), which is Natural Earth's
public-domain 1:110m Admin 0 countries as TopoJSON keyed by ISO 3166-1 numeric code:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_map.py package/countries-110m.json

Output: per ISO alpha-2 code (pycountry), an SVG path in the Natural Earth I projection scaled to
``WIDTH`` units, rounded to a tenth of a unit with points closer than that dropped, and the box of
its main landmasses (for zooming a region map onto its countries, not onto overseas territories).
Antarctica is left out. Run it again only to change the projection or the detail.
"""

import json
import math
import sys
from pathlib import Path

import pycountry

OUTPUT = Path(__file__).resolve().parent.parent / "taxonomy" / "data" / "world-110m.json"
WIDTH = 1000
PRECISION = 1  # decimals
MIN_STEP = 0.5  # units: a point nearer than this to the last kept one is dropped
MAIN_LAND_SHARE = 0.2  # a polygon counts towards the box if at least this share of the largest
LEFT_OUT = {"010"}  # Antarctica
# Outlines Natural Earth draws apart from the ISO country they belong to here.
MERGED = {"N. Cyprus": "CY", "Somaliland": "SO", "Kosovo": "XK"}


def natural_earth(lon, lat):
    """The Natural Earth I projection (Šavrič et al. 2015), as in d3-geo's ``geoNaturalEarth1``."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, -y


def decode_arcs(topology):
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points):
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) as one piece on the side
    where most of it lies, the few points across pinned to the map's edge."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in zip(points, points[1:], strict=False)):
        return points
    east = sum(lon > 0 for lon, _ in points) >= len(points) / 2
    return [
        (180.0 if east and lon < 0 else -180.0 if not east and lon > 0 else lon, lat) for lon, lat in points
    ]


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def ne_name(geometry):
    return geometry.get("properties", {}).get("name", "")


def alpha2(geometry):
    name = geometry.get("properties", {}).get("name", "")
    if "id" not in geometry:
        return MERGED.get(name)
    country = pycountry.countries.get(numeric=geometry["id"])
    return country.alpha_2 if country else MERGED.get(name)


def _numbers(values):
    """SVG numbers, separated by a space only where a minus sign does not separate them."""
    text = ""
    for value in values:
        number = f"{round(value, PRECISION):g}"
        text += number if not text or number.startswith("-") else f" {number}"
    return text


def path(points):
    """A closed ring as compact SVG path data: an absolute start, then relative steps."""
    steps = [(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False)]
    return f"M{_numbers(points[0])}l{_numbers(v for step in steps for v in step)}z"


def area(points):
    return (
        abs(
            sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True))
        )
        / 2
    )


def main(source):
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]
    rings_by_code, names = {}, {}
    for geometry in geometries:
        code = alpha2(geometry)
        if code is None or geometry.get("id") in LEFT_OUT:
            continue
        names.setdefault(code, ne_name(geometry))
        for polygon in polygons(geometry):
            projected = [[natural_earth(lon, lat) for lon, lat in unwrap(ring(arcs, r))] for r in polygon]
            rings_by_code.setdefault(code, []).append(projected)
    xs = [x for polys in rings_by_code.values() for poly in polys for r in poly for x, _ in r]
    ys = [y for polys in rings_by_code.values() for poly in polys for r in poly for _, y in r]
    scale = WIDTH / (max(xs) - min(xs))
    x0, y0 = min(xs), min(ys)
    height = round((max(ys) - y0) * scale, PRECISION)

    countries = {}
    for code, polys in sorted(rings_by_code.items()):
        parts, boxes = [], []
        for poly in polys:
            for n, r in enumerate(poly):
                points, last = [], None
                for x, y in r:
                    point = (round((x - x0) * scale, PRECISION), round((y - y0) * scale, PRECISION))
                    if last is None or math.dist(point, last) >= MIN_STEP:
                        points.append(point)
                        last = point
                if len(points) < 3:
                    continue
                parts.append(path(points))
                if n == 0:
                    boxes.append((area(points), points))
        if not parts:
            continue
        largest = max(a for a, _ in boxes)
        main_land = [p for a, points in boxes if a >= MAIN_LAND_SHARE * largest for p in points]
        box = [
            min(x for x, _ in main_land),
            min(y for _, y in main_land),
            max(x for x, _ in main_land),
            max(y for _, y in main_land),
        ]
        countries[code] = {"d": "".join(parts), "box": box}
        if pycountry.countries.get(alpha_2=code) is None:  # Kosovo: named here, having no ISO code
            countries[code]["name"] = names[code]

    OUTPUT.write_text(
        json.dumps(
            {
                "about": (
                    "Country outlines for the hubs' world map, keyed by ISO 3166-1 alpha-2. Natural "
                    "Earth 1:110m Admin 0 (public domain) from the npm package world-atlas 2.0.2, "
                    "projected (Natural Earth I) and rounded by scripts/build_world_map.py; 'box' is "
                    "the bounding box [x0, y0, x1, y1] of a country's main landmasses; 'name' is given only for an "
                    "outline with no ISO 3166-1 country."
                ),
                "width": WIDTH,
                "height": height,
                "countries": countries,
            },
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(countries)} countries, {OUTPUT.stat().st_size} bytes -> {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1])
