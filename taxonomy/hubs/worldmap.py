"""The world map of the subject's partners: every country drawn, coloured by its number of
articles, each a link to its hub; a region's map zoomed onto its countries.

Server-rendered SVG from Natural Earth's public-domain 1:110m outlines (``taxonomy/data/
world-110m.json``, built once by ``scripts/build_world_map.py``), read once per process. Building a
map is a pass over the countries (``MapRow``s the view reads in one query, with one aggregate query
for the counts): nothing here touches the database.
"""

import functools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import mark_safe

OUTLINES = Path(__file__).resolve().parent.parent / "data" / "world-110m.json"
LEVELS = 4  # count steps above 1, in a geometric series: at most LEVELS + 1 classes
COLOURS = LEVELS + 1  # colour steps for countries with articles (level 0: none yet)
ZOOM_MARGIN = 0.08  # of the region's box, on each side
PATH_DATA = re.compile(r"[MLHVCSQTAZmlhvcsqtaz0-9eE.,+\s-]*")
MIN_ZOOM_WIDTH = 120  # units (of the 1000-wide world): small regions are not blown up beyond this


@functools.cache
def outlines():
    """``{"width", "height", "countries": {alpha2: {"d", "box", "name" (no ISO code only)}}}``,
    read once per process."""
    data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    for code, outline in data["countries"].items():  # drawn as they are (``Shape.markup``)
        if not PATH_DATA.fullmatch(outline["d"]):
            raise ValueError(f"{OUTLINES}: the outline of {code} is not SVG path data")
    return data


@dataclass
class MapRow:
    """A country as the map and its table show it."""

    code: str  # ISO alpha-2
    name: str
    url: str
    count: int = 0
    region: str = ""
    region_url: str = ""


@dataclass
class Shape:
    row: MapRow
    d: str
    level: int  # 0 (no articles) … COLOURS
    subject: bool = False
    outside: bool = False  # drawn for context around a region's countries

    @property
    def title(self):
        if self.subject:
            return f"{self.row.name}: the subject of every article"
        if self.outside:  # a region's map counts its own countries only
            return self.row.name
        if not self.row.count:
            return f"{self.row.name}: no articles yet"
        return f"{self.row.name}: {self.row.count} article{'' if self.row.count == 1 else 's'}"

    @property
    def focusable(self):
        """Countries with articles are in the keyboard's path; the rest are reached by the table
        (they have none) or the pointer."""
        return bool(self.row.count) and not self.outside

    def markup(self):
        """The shape as SVG: a link to the country's hub (or a plain group where it has none), with
        its title. Built here rather than in the template: a map is some 180 of them, and the
        template engine took most of a hub's time drawing them."""
        title, d = escape(self.title), self.d
        outside = " map-outside" if self.outside else ""
        if not self.row.url:
            return f'<g class="map-country map-level-0{outside}"><title>{title}</title><path d="{d}"/></g>'
        subject = " map-subject" if self.subject else ""
        tabindex = "" if self.focusable else ' tabindex="-1"'
        return (
            f'<a href="{escape(self.row.url)}" class="map-country map-level-{self.level}{subject}{outside}"'
            f'{tabindex}><title>{title}</title><path d="{d}"/></a>'
        )


def table_row(row):
    """A row of the map's table (``MapRow``): the country and its hub, its region, its count."""
    region = f'<a href="{escape(row.region_url)}">{escape(row.region)}</a>' if row.region_url else ""
    return (
        f'<tr><th scope="row"><a href="{escape(row.url)}">{escape(row.name)}</a></th>'
        f'<td>{region}</td><td class="num">{row.count}</td></tr>'
    )


@dataclass
class LegendStep:
    level: int
    label: str


@dataclass
class WorldMap:
    view_box: str
    shapes: list
    legend: list
    rows: list  # the table: countries with articles (a region's: all its countries), most first
    subject: MapRow | None = None
    unmapped: list = field(default_factory=list)  # rows with articles but too small to draw

    @property
    def shapes_markup(self):
        return mark_safe("\n".join(shape.markup() for shape in self.shapes))  # noqa: S308 - escaped in markup()

    @property
    def table_markup(self):
        return mark_safe("\n".join(table_row(row) for row in self.rows))  # noqa: S308 - escaped in table_row()


def levels(peak):
    """Lower bounds of the colour steps for counts 1 … ``peak``: a geometric series, so that one
    country with many articles does not wash all the others into the first step."""
    if peak < 1:
        return []
    return sorted({1} | {math.ceil(peak ** (k / LEVELS)) for k in range(1, LEVELS + 1)})


def colour(step, steps):
    """The colour (1 … ``COLOURS``) of count class ``step`` of ``steps`` (1-based): spread over
    the palette, the darkest always for the most articles."""
    if steps <= 1:
        return COLOURS
    return 1 + round((step - 1) * (COLOURS - 1) / (steps - 1))


def level_of(count, bounds):
    if count < 1:
        return 0
    return colour(max(n for n, low in enumerate(bounds, 1) if count >= low), len(bounds))


def legend(bounds, peak):
    steps = [LegendStep(0, "No articles yet")]
    for n, low in enumerate(bounds, 1):
        high = bounds[n] - 1 if n < len(bounds) else peak
        steps.append(LegendStep(colour(n, len(bounds)), str(low) if low == high else f"{low}–{high}"))
    return steps


def zoomed_view_box(codes, margin=ZOOM_MARGIN):
    data = outlines()["countries"]
    boxes = [data[code]["box"] for code in codes if code in data]
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    width, height = max(x1 - x0, MIN_ZOOM_WIDTH), max(y1 - y0, MIN_ZOOM_WIDTH / 2)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    width, height = width * (1 + 2 * margin), height * (1 + 2 * margin)
    return f"{cx - width / 2:.1f} {cy - height / 2:.1f} {width:.1f} {height:.1f}"


def build(rows, subject_code, focus=None):
    """The map of ``rows`` (every country, ``MapRow``), the subject drawn apart; with ``focus`` (the
    codes of a region's countries) zoomed onto them, the others drawn faded around them."""
    data = outlines()
    by_code = {row.code: row for row in rows}
    subject = by_code.get(subject_code)
    partners = [row for row in rows if row.code != subject_code and (focus is None or row.code in focus)]
    peak = max((row.count for row in partners), default=0)
    bounds = levels(peak)
    shapes = []
    for code, outline in data["countries"].items():
        row = by_code.get(code) or MapRow(code, outline.get("name", code), "")
        outside = focus is not None and code not in focus
        is_subject = code == subject_code
        level = 0 if is_subject or outside else level_of(row.count, bounds)
        shapes.append(Shape(row, outline["d"], level, subject=is_subject, outside=outside))
    view_box = (focus and zoomed_view_box(focus)) or f"0 0 {data['width']} {data['height']}"
    if focus is None:
        table = [row for row in partners if row.count]
    else:
        table = list(partners)
    table.sort(key=lambda row: (-row.count, row.name))
    return WorldMap(
        view_box=view_box,
        shapes=shapes,
        legend=legend(bounds, peak),
        rows=table,
        subject=subject if focus is None or subject_code in focus else None,
        unmapped=[row for row in table if row.count and row.code not in data["countries"]],
    )
