"""The radar drawn as SVG on the server (no chart library).

Four quadrants (clockwise from top right) and four rings (Anvend in the middle). Each blip is
an `<a>` to its technology page with a `<title>` and an aria-label naming technology, ring and
quadrant. A blip's position comes from a hash of the technology's slug, so it stays put from
edition to edition as long as the technology keeps its ring and quadrant; blips in the same cell
are kept apart by trying the next hashed position until none is too close.
"""

import hashlib
import math
import random
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from smartby.radar.models import Quadrant, Ring
from smartby.radar.queries import MOVE_LABELS, Entry, Move, Radar

SIZE = 720
CENTRE = SIZE / 2
RING_EDGES = (0, 150, 214, 264, 306)  # radii; the inner ring is widest, as on most radars
BLIP_RADIUS = 10
MIN_DISTANCE = 2 * BLIP_RADIUS + 5
EDGE_MARGIN = BLIP_RADIUS + 4
LABEL_MARGIN = BLIP_RADIUS + 32  # the ring names sit on the vertical axis
CANDIDATES = 400  # tried lazily; the first clear one wins
# Quadrant i spans the angles [START[i], START[i] + 90) in SVG degrees (0 = right, 90 = down).
QUADRANT_START = (-90.0, 0.0, 90.0, 180.0)
QUADRANT_COLOURS = ("#1b4d89", "#1e6b3a", "#6a2c91", "#8a4200")  # white text ≥ 4.5:1
RING_FILLS = ("#dfe8f2", "#e9eff6", "#f2f5f9", "#f9fafc")
TEXT = "#1f2933"
SVG_NS = "http://www.w3.org/2000/svg"


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def distance(self, other: "Point") -> float:
        return math.hypot(self.x - other.x, self.y - other.y)


def polar(radius: float, degrees: float) -> Point:
    angle = math.radians(degrees)
    return Point(CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle))


def candidates(slug: str, quadrant: int, ring: int) -> Iterator[Point]:
    """The positions a technology tries in its cell, in a fixed order that depends only on its
    slug and the cell."""
    seed = int.from_bytes(hashlib.sha256(f"{slug}|{quadrant}|{ring}".encode()).digest()[:8])
    rng = random.Random(seed)
    inner = max(RING_EDGES[ring] + EDGE_MARGIN, 1.5 * LABEL_MARGIN)
    outer = RING_EDGES[ring + 1] - EDGE_MARGIN
    # Quadrants 0 and 2 start at the vertical axis, 1 and 3 end at it.
    vertical_first = quadrant % 2 == 0
    for _i in range(CANDIDATES):
        radius = inner + rng.random() * (outer - inner)
        edge = math.degrees(math.asin(min(1.0, EDGE_MARGIN / radius)))
        label = math.degrees(math.asin(min(1.0, LABEL_MARGIN / radius)))
        before, after = (label, edge) if vertical_first else (edge, label)
        angle = QUADRANT_START[quadrant] + before + rng.random() * max(0.0, 90 - before - after)
        yield polar(radius, angle)


def place(entries: list[Entry]) -> dict[int, Point]:
    """Blip number → position. Entries are placed in number order."""
    placed: dict[int, Point] = {}
    for entry in entries:
        others = list(placed.values())
        best, best_clearance = None, -1.0
        for p in candidates(
            entry.technology.slug, entry.blip.quadrant_index, entry.blip.ring_index
        ):
            clearance = min((p.distance(o) for o in others), default=math.inf)
            if clearance > best_clearance:
                best, best_clearance = p, clearance
            if clearance >= MIN_DISTANCE:
                break
        placed[entry.number] = best
    return placed


def blip_label(entry: Entry) -> str:
    return _("%(number)d. %(technology)s: %(ring)s, %(quadrant)s (%(move)s)") % {
        "number": entry.number,
        "technology": entry.technology.name,
        "ring": entry.blip.get_ring_display(),
        "quadrant": entry.blip.get_quadrant_display(),
        "move": MOVE_LABELS[entry.move].lower(),
    }


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _sector(r_in: float, r_out: float, start: float) -> str:
    """Path of an annulus sector of 90 degrees."""
    a, b = polar(r_out, start), polar(r_out, start + 90)
    path = f"M{_fmt(a.x)},{_fmt(a.y)} A{r_out},{r_out} 0 0 1 {_fmt(b.x)},{_fmt(b.y)} "
    if r_in == 0:
        return path + f"L{_fmt(CENTRE)},{_fmt(CENTRE)} Z"
    c, d = polar(r_in, start + 90), polar(r_in, start)
    return path + f"L{_fmt(c.x)},{_fmt(c.y)} A{r_in},{r_in} 0 0 0 {_fmt(d.x)},{_fmt(d.y)} Z"


def mark(parent: ET.Element, move: Move, at: Point, colour: str, css: str = "radar-mark") -> None:
    """The blip's shape: circle (unchanged), circle with a halo (new), triangle pointing up
    (moved in) or down (moved out)."""
    x, y, r = at.x, at.y, BLIP_RADIUS
    if move in (Move.IN, Move.OUT):
        s = r * 1.25
        if move == Move.IN:
            points = [(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)]
        else:
            points = [(x, y + s), (x + s, y - s * 0.8), (x - s, y - s * 0.8)]
        ET.SubElement(
            parent,
            "polygon",
            {
                "class": css,
                "points": " ".join(f"{_fmt(px)},{_fmt(py)}" for px, py in points),
                "fill": colour,
                "stroke": "#ffffff",
                "stroke-width": "1.5",
            },
        )
        return
    if move == Move.NEW:
        ET.SubElement(
            parent,
            "circle",
            {
                "cx": _fmt(x),
                "cy": _fmt(y),
                "r": _fmt(r + 3.5),
                "fill": "none",
                "stroke": colour,
                "stroke-width": "2",
            },
        )
    ET.SubElement(
        parent,
        "circle",
        {
            "class": css,
            "cx": _fmt(x),
            "cy": _fmt(y),
            "r": _fmt(r),
            "fill": colour,
            "stroke": "#ffffff",
            "stroke-width": "1.5",
        },
    )


def _text(parent: ET.Element, x: float, y: float, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(
        parent,
        "text",
        {
            "x": _fmt(x),
            "y": _fmt(y),
            "fill": TEXT,
            "font-family": "system-ui, sans-serif",
            "font-size": "13",
            **{k.replace("_", "-"): v for k, v in attrs.items()},
        },
    )
    el.text = text
    return el


def render(
    radar: Radar,
    *,
    url_of: dict[int, str],
    active_quadrant: str = "",
    standalone: bool = False,
) -> str:
    """The radar as an SVG document (standalone: with an XML declaration, a heading and the
    numbered list below the drawing, for download)."""
    entries = radar.entries
    title = _("Teknologiradar %(year)s") % {"year": radar.edition.year}
    columns = 2
    list_rows = math.ceil(len(entries) / columns) if standalone else 0
    top = 50 if standalone else 0
    height = SIZE + top + (list_rows * 20 + 70 if standalone else 0)
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 {-top} {SIZE} {height}",
            "class": "radar-svg",
            "role": "group",
            "aria-labelledby": "radar-svg-title",
            "font-family": "system-ui, sans-serif",
        },
    )
    if standalone:
        svg.set("width", str(SIZE))
        svg.set("height", str(height))
    ET.SubElement(svg, "title", {"id": "radar-svg-title"}).text = title
    ET.SubElement(svg, "desc").text = _(
        "Fire kvadranter og fire ringe fra Anvend i midten til Afvent yderst; hver nummereret "
        "teknologi er et link til dens historik."
    )
    if standalone:
        _text(svg, 0, -top + 26, radar.edition.title, font_size="22")

    background = ET.SubElement(svg, "g", {"class": "radar-grid", "aria-hidden": "true"})
    for q, quadrant in enumerate(Quadrant):
        cell = ET.SubElement(background, "g", {"data-quadrant": quadrant.value})
        for r in range(len(Ring)):
            ET.SubElement(
                cell,
                "path",
                {
                    "d": _sector(RING_EDGES[r], RING_EDGES[r + 1], QUADRANT_START[q]),
                    "fill": RING_FILLS[r],
                    "stroke": "#ffffff",
                    "stroke-width": "2",
                },
            )
    for r, ring in enumerate(Ring):
        mid = (RING_EDGES[r] + RING_EDGES[r + 1]) / 2
        for sign in (-1, 1):
            _text(
                background,
                CENTRE,
                CENTRE + sign * mid + 4,
                str(ring.label),
                text_anchor="middle",
                font_size="12",
                font_weight="bold",
            )
    corners = (
        (SIZE - 8, 20, "end"),
        (SIZE - 8, SIZE - 10, "end"),
        (8, SIZE - 10, "start"),
        (8, 20, "start"),
    )
    for (x, y, anchor), quadrant, colour in zip(corners, Quadrant, QUADRANT_COLOURS, strict=True):
        _text(
            background,
            x,
            y,
            str(quadrant.label),
            text_anchor=anchor,
            font_size="15",
            font_weight="bold",
            fill=colour,
        )

    positions = place(entries)
    blips = ET.SubElement(svg, "g", {"class": "radar-blips"})
    for entry in entries:
        at = positions[entry.number]
        colour = QUADRANT_COLOURS[entry.blip.quadrant_index]
        label = blip_label(entry)
        css = "radar-blip"
        if active_quadrant and entry.blip.quadrant != active_quadrant:
            css += " is-dimmed"
        link = ET.SubElement(
            blips,
            "a",
            {
                "href": url_of[entry.number],
                "class": css,
                "id": f"blip-{entry.number}",
                "data-blip": str(entry.number),
                "data-quadrant": entry.blip.quadrant,
                "aria-label": label,
            },
        )
        ET.SubElement(link, "title").text = label
        mark(link, entry.move, at, colour)
        number = _text(
            link,
            at.x,
            at.y + (3 if entry.move == Move.IN else -1 if entry.move == Move.OUT else 1),
            str(entry.number),
            text_anchor="middle",
            dominant_baseline="middle",
            font_size="10" if entry.number < 100 else "8",
            font_weight="bold",
            fill="#ffffff",
        )
        number.set("aria-hidden", "true")

    if standalone:
        _standalone_list(svg, radar, list_rows)
    body = ET.tostring(svg, encoding="unicode")
    if standalone:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
    return body


def _standalone_list(svg: ET.Element, radar: Radar, rows: int) -> None:
    y0 = SIZE + 30
    legend = "  ".join(
        f"{symbol} {MOVE_LABELS[move]}"
        for symbol, move in (
            ("●", Move.UNCHANGED),
            ("◎", Move.NEW),
            ("▲", Move.IN),
            ("▼", Move.OUT),
        )
    )
    _text(svg, 0, y0, legend, font_size="13")
    column_width = SIZE / 2
    for i, entry in enumerate(radar.entries):
        column, row = divmod(i, rows) if rows else (0, i)
        _text(
            svg,
            column * column_width,
            y0 + 28 + row * 20,
            f"{entry.number}. {entry.technology.name} – {entry.blip.get_ring_display()}",
            font_size="13",
        )
