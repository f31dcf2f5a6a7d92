"""The hand map: a controlled list of hand zones, each with its place on the SVG drawing.

A reflexology point's hand_zone is the editor's description ("the hollow in the middle of
the palm"); zone_for() reads it as one of these zones by its words, and ReflexologyPoint.clean
refuses a description no zone matches, so every live point can be drawn. The drawing is a
right palm facing the reader in a 300 x 400 box (templates/reflexology/hand_map.html).
"""

import re
from dataclasses import dataclass

from django.utils.html import format_html_join


@dataclass(frozen=True)
class Zone:
    """One area of the hand map: the words that name it and the shapes that draw it."""

    key: str
    label: str
    # Every group must match the description; a group matches when any of its words does.
    words: tuple
    shapes: tuple  # (element, ((attribute, value), ...)) pairs, SVG coordinates

    def svg(self):
        """The zone's shapes as SVG elements (coordinates only; the look is in the CSS)."""
        return render_shapes(self.shapes)


def render_shapes(shapes):
    """SVG elements from (element, attributes) pairs, every value escaped."""
    return format_html_join(
        "",
        "<{} {}></{}>",
        ((tag, format_html_join(" ", '{}="{}"', attributes), tag) for tag, attributes in shapes),
    )


def _ellipse(cx, cy, rx, ry, rotate=0):
    attributes = (("cx", cx), ("cy", cy), ("rx", rx), ("ry", ry))
    if rotate:
        attributes += (("transform", f"rotate({rotate} {cx} {cy})"),)
    return ("ellipse", attributes)


def _rect(x, y, width, height, rotate=0, centre=(0, 0)):
    attributes = (("x", x), ("y", y), ("width", width), ("height", height), ("rx", 8))
    if rotate:
        attributes += (("transform", f"rotate({rotate} {centre[0]} {centre[1]})"),)
    return ("rect", attributes)


# Most specific first: the first zone whose words all match is the point's zone.
ZONES = (
    Zone(
        "thumb-pad",
        "Thumb pad",
        (("thumb",), ("pad", "tip")),
        (_ellipse(52, 176, 15, 20, -35),),
    ),
    Zone(
        "fingertips",
        "Fingertips",
        (("fingertip", "fingertips", "tips of the fingers", "finger tips"),),
        (
            _ellipse(100, 50, 12, 15),
            _ellipse(137, 32, 12, 15),
            _ellipse(174, 42, 12, 15),
            _ellipse(208, 80, 11, 14),
        ),
    ),
    Zone(
        "thumb-web",
        "Web between thumb and index finger",
        (("web", "between the thumb and", "between thumb and"),),
        (_ellipse(92, 215, 16, 22, -20),),
    ),
    Zone(
        "finger-base",
        "Base of the fingers",
        (("base of", "joins the palm", "join the palm", "where each finger", "knuckle"),),
        (_rect(86, 165, 132, 24),),
    ),
    Zone(
        "thumb-edge",
        "Edge of the hand on the thumb side",
        (("edge", "side"), ("thumb",)),
        (_rect(70, 220, 18, 120, -8, (79, 280)),),
    ),
    Zone(
        "little-finger-edge",
        "Edge of the hand on the little finger side",
        (("edge", "side"), ("little finger", "little-finger", "outer")),
        (_rect(214, 200, 16, 140),),
    ),
    Zone(
        "palm-centre",
        "Centre of the palm",
        (("palm",), ("centre", "center", "middle", "hollow")),
        (_ellipse(155, 255, 38, 32),),
    ),
    Zone(
        "heel",
        "Heel of the hand",
        (("heel",),),
        (_ellipse(155, 325, 48, 18),),
    ),
    Zone(
        "wrist",
        "Wrist",
        (("wrist",),),
        (_rect(100, 355, 110, 24),),
    ),
)
ZONES_BY_KEY = {zone.key: zone for zone in ZONES}


def _words(text):
    return " " + re.sub(r"[^a-z]+", " ", (text or "").lower()) + " "


def zone_for(hand_zone):
    """The Zone a point's hand_zone describes, or None."""
    text = _words(hand_zone)
    for zone in ZONES:
        if all(any(_words(word) in text for word in group) for group in zone.words):
            return zone
    return None


@dataclass(frozen=True)
class MapZone:
    """A zone drawn on one page's map, with the live points in it."""

    zone: Zone
    points: tuple
    index: int


@dataclass(frozen=True)
class HandMap:
    """One page's map: the zones with live points, and points no zone matches (table only)."""

    zones: tuple
    unplaced: tuple

    def outline(self):
        return outline_svg()


def map_zones(points):
    """The HandMap of points: zones in the order the page first lists their points."""
    found, unplaced = {}, []
    for point in points:
        zone = zone_for(point.hand_zone)
        if zone is None:
            unplaced.append(point)
        else:
            found.setdefault(zone.key, (zone, []))[1].append(point)
    zones = [
        MapZone(zone=zone, points=tuple(items), index=index)
        for index, (zone, items) in enumerate(found.values())
    ]
    return HandMap(zones=tuple(zones), unplaced=tuple(unplaced))


def zone_examples():
    """The zones' names for an editor's error message."""
    return ", ".join(zone.label.lower() for zone in ZONES)


def outline_svg():
    """The hand's outline: palm, four fingers and the thumb (decorative)."""
    parts = (
        _rect(84, 160, 150, 200),
        _rect(86, 40, 30, 140),
        _rect(122, 22, 30, 150),
        _rect(158, 32, 30, 145),
        _rect(194, 70, 27, 120),
        _rect(40, 160, 30, 110, -35, (55, 215)),
        _rect(100, 350, 110, 45),
    )
    return render_shapes(parts)
