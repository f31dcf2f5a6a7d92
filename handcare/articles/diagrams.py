"""Instructional hand diagrams, drawn as SVG from the data in this module.

Each diagram is a hand outline (palm or back, fingers up, thumb on the left) with marks that
teach: where to work, which way to move (arrows), and how firmly (line weight and dash, with a
legend; colour is only a third cue). Editors choose a diagram by name on an article (its top
image) or on a step; the drawing itself is code, so it changes only with a deploy, and a
reviewed page never shows a drawing that nobody could review.

Colours come from CSS custom properties (handcare.css, "Diagrams"), so diagrams follow light,
dark and forced-colour modes; presentation attributes are the fallback without the style sheet.
No style="" attribute and no id is written, so any number of diagrams can share a page.
"""

import math
from dataclasses import dataclass, field
from functools import cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

VIEWBOX = (0, 0, 320, 400)

# Pressure levels as StepBlock names them (blocks.PressureLevel), drawn as weight and dash.
PRESSURES = {
    "none": {"label": "Movement only, no pressure", "width": 2.5, "dash": "1 6"},
    "light": {"label": "Light pressure", "width": 2.5, "dash": "7 5"},
    "moderate": {"label": "Moderate pressure", "width": 4.5, "dash": ""},
    "firm": {"label": "Firm pressure", "width": 7.5, "dash": ""},
}

# The hand, in viewBox units. Shared with anything else that draws this hand (a zone map).
PALM_PATH = (
    "M96 198C96 182 110 172 128 172L244 170C262 170 274 182 274 200L272 292"
    "C270 330 246 352 210 356L150 356C118 352 100 330 98 296Z"
)
WRIST = (140, 330, 100, 90)  # x, y, width, height: runs off the bottom of the drawing
# (base, tip, width) of the index, middle, ring and little fingers.
FINGERS = (
    ((122, 190), (108, 66), 32),
    ((166, 184), (164, 40), 34),
    ((208, 186), (218, 56), 32),
    ((248, 198), (268, 104), 28),
)
THUMB = (((132, 312), (92, 270), (60, 214)), 38)
OUTLINE_WIDTH = 3

LANDMARKS = {
    "palm_centre": (186, 262),
    "heel": (186, 336),
    "thenar": (134, 292),
    "hypothenar": (244, 292),
    "web": (104, 220),
    "thumb_pad": (68, 228),
    "thumb_joint": (96, 276),
    "wrist": (190, 378),
    "wrist_crease_little": (232, 352),
    "wrist_crease_thumb": (148, 352),
}


def along(finger, t):
    """The point a fraction t of the way from a finger's base to its tip."""
    (x1, y1), (x2, y2), _ = finger
    return (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t)


FINGERTIPS = tuple(along(finger, 0.9) for finger in FINGERS)
FINGER_BASES = tuple(along(finger, 0.08) for finger in FINGERS)


@dataclass(frozen=True)
class Stroke:
    """A movement along points, arrow at the end (both ends when both=True)."""

    points: tuple
    pressure: str = "light"
    both: bool = False


@dataclass(frozen=True)
class Circles:
    """Small circling movements around a centre, clockwise, with an arrowhead."""

    centre: tuple
    radius: float = 16
    pressure: str = "moderate"


@dataclass(frozen=True)
class Press:
    """Press and hold one point: a dot with a ring."""

    centre: tuple
    pressure: str = "moderate"


@dataclass(frozen=True)
class Zone:
    """A numbered area of the hand (reflexology map): an ellipse or a band along points."""

    number: int
    name: str
    centre: tuple = (0, 0)
    radii: tuple = (0, 0)
    band: tuple = ()


@dataclass(frozen=True)
class Diagram:
    """One drawing: what it is called, what it shows in words, and its marks."""

    name: str
    title: str
    description: str
    view: str = "palm"  # "palm" or "back" of the hand
    marks: tuple = ()
    zones: tuple = ()
    legend_notes: tuple = field(default=())

    @property
    def pressures(self):
        """Pressure levels the marks use, lightest first (what the legend explains)."""
        used = {mark.pressure for mark in self.marks if hasattr(mark, "pressure")}
        return [level for level in PRESSURES if level in used]

    @property
    def has_presses(self):
        return any(isinstance(mark, Press) for mark in self.marks)

    @property
    def has_movement(self):
        return any(isinstance(mark, Stroke | Circles) for mark in self.marks)


def _fingers_to_wrist(index, offset=0):
    tip, base = FINGERTIPS[index], FINGER_BASES[index]
    x = 170 + (index - 1.5) * 16 + offset
    return (tip, base, (x + (base[0] - x) * 0.35, 280), (x, 350))


def _finger_tip_out(index):
    (bx, by), (tx, ty), _ = FINGERS[index]
    beyond = (tx + (tx - bx) * 0.18, ty + (ty - by) * 0.18)
    x = 170 + (index - 1.5) * 16
    return ((x, 350), (x + (bx - x) * 0.6, 250), along(FINGERS[index], 0.3), beyond)


DIAGRAMS = {
    diagram.name: diagram
    for diagram in (
        Diagram(
            "effleurage",
            "Effleurage: light strokes from the fingertips to the wrist",
            "The back of a hand, fingers pointing up. Four light strokes, drawn as thin "
            "dashed lines, start at the fingertips and glide down over the back of the hand "
            "to the wrist, where arrows show the direction.",
            view="back",
            marks=tuple(Stroke(_fingers_to_wrist(i), "light") for i in range(4)),
        ),
        Diagram(
            "palm-glide",
            "Gliding over the palm: thumbs fan out from the heel of the hand",
            "The palm of a hand, fingers pointing up. Light dashed strokes start together at "
            "the heel of the hand and fan out towards the base of each finger.",
            marks=tuple(
                Stroke(((176 + i * 6, 338), (150 + i * 24, 270), FINGER_BASES[i]), "light")
                for i in range(4)
            ),
        ),
        Diagram(
            "petrissage",
            "Petrissage: kneading circles on the palm",
            "The palm of a hand. Three sets of small circling arrows drawn as medium solid "
            "lines: on the ball of the thumb, in the centre of the palm and on the fleshy "
            "edge below the little finger, each kneaded with moderate pressure.",
            marks=(
                Circles(LANDMARKS["thenar"], 18),
                Circles(LANDMARKS["palm_centre"], 20),
                Circles(LANDMARKS["hypothenar"], 18),
            ),
        ),
        Diagram(
            "thumb-pressing",
            "Thumb pressing: slow presses across the palm",
            "The palm of a hand. Nine points in three rows across the palm, each marked with "
            "a dot and a ring for a moderate press and hold. A dotted arrow shows the order: "
            "from the heel of the hand up towards the fingers.",
            marks=(
                Stroke(
                    ((140, 330), (232, 330), (232, 290), (140, 290), (140, 240), (232, 240)),
                    "none",
                ),
                *(Press((x, y), "moderate") for y in (330, 290, 240) for x in (140, 186, 232)),
            ),
            legend_notes=("Dotted line: move on to the next point.",),
        ),
        Diagram(
            "finger-rolling",
            "Finger rolling: along each finger from base to tip",
            "The palm of a hand. An arrow runs along the thumb and each finger, from where it "
            "joins the palm to its tip, drawn as a medium solid line for moderate pressure "
            "while the finger is rolled between your thumb and index finger.",
            marks=(
                *(Stroke((along(f, 0.05), along(f, 0.95)), "moderate") for f in FINGERS),
                Stroke((THUMB[0][0], THUMB[0][1], (64, 222)), "moderate"),
            ),
        ),
        Diagram(
            "wrist-mobilisation",
            "Wrist mobilisation: slow arcs and circles at the wrist",
            "The back of a hand. A wide double-headed arc above the fingers shows the hand "
            "bending slowly from side to side at the wrist, and a circling arrow around the "
            "wrist shows slow circles. Both are dotted: the movement, not pressure, matters.",
            view="back",
            marks=(
                Stroke(((60, 80), (110, 26), (190, 8), (270, 26), (316, 80)), "none", both=True),
                Circles((190, 364), 20, "none"),
            ),
        ),
        Diagram(
            "finishing-strokes",
            "Finishing strokes: feather-light strokes off the fingertips",
            "The back of a hand. Four light dashed strokes start at the wrist and run up over "
            "the back of the hand and along each finger, ending just past the fingertips, to "
            "close the massage.",
            view="back",
            marks=tuple(Stroke(_finger_tip_out(i), "light") for i in range(4)),
        ),
        Diagram(
            "deep-thumb-strokes",
            "Deep thumb strokes along the muscles of the palm",
            "The palm of a hand. Three thick solid arrows for firm, slow strokes: up the ball "
            "of the thumb, up the middle of the palm and up the fleshy edge below the little "
            "finger, each from the wrist towards the fingers.",
            marks=(
                Stroke(((150, 344), (126, 300), (112, 250)), "firm"),
                Stroke(((186, 344), (186, 280), (180, 214)), "firm"),
                Stroke(((226, 344), (248, 296), (252, 232)), "firm"),
            ),
        ),
        Diagram(
            "deep-kneading",
            "Deep hand massage: firm kneading and strokes",
            "The palm of a hand. Thick circling arrows knead the ball of the thumb and the "
            "edge below the little finger with firm pressure, and a medium arrow strokes up "
            "the centre of the palm with moderate pressure.",
            marks=(
                Circles(LANDMARKS["thenar"], 20, "firm"),
                Circles(LANDMARKS["hypothenar"], 20, "firm"),
                Stroke(((186, 344), (186, 284), (184, 220)), "moderate"),
            ),
        ),
        Diagram(
            "acupressure",
            "Acupressure: three places to press and hold",
            "The palm of a hand. A large ring with a thick outline on the web between the "
            "thumb and index finger for a firm hold; a medium ring in the centre of the "
            "palm for a moderate hold; and a row of medium rings along the crease where the "
            "palm meets the wrist, worked from the little-finger side to the thumb side "
            "along a dotted arrow, leaving out the middle of the wrist.",
            marks=(
                Press(LANDMARKS["web"], "firm"),
                Press(LANDMARKS["palm_centre"], "moderate"),
                Stroke(((238, 336), (136, 336)), "none"),
                Press((232, 340), "moderate"),
                Press((208, 344), "moderate"),
                Press((164, 344), "moderate"),
                Press((142, 340), "moderate"),
            ),
            legend_notes=("Dotted line: the order to press the points in.",),
        ),
        Diagram(
            "reflexology-zones",
            "The traditional hand reflexology map",
            "The palm of a hand with four numbered areas: 1, the pad of the thumb; 2, the "
            "hollow in the centre of the palm; 3, the ridge where the fingers join the palm; "
            "4, the thumb-side edge of the hand from the wrist to the thumb joint. The "
            "links reflexology draws from these areas to other parts of the body are "
            "traditional beliefs.",
            zones=(
                Zone(1, "Thumb pad", centre=LANDMARKS["thumb_pad"], radii=(18, 20)),
                Zone(2, "Centre of the palm", centre=LANDMARKS["palm_centre"], radii=(34, 28)),
                Zone(3, "Base of the fingers", centre=(188, 194), radii=(82, 15)),
                Zone(
                    4,
                    "Outer edge of the hand",
                    band=((144, 364), (124, 340), (106, 308), (94, 280)),
                ),
            ),
        ),
        Diagram(
            "thumb-walking",
            "Pressing reflexology points: thumb walking and small circles",
            "The palm of a hand. Small circling arrows on the thumb pad with moderate "
            "pressure; a medium arrow of short steps walking up the thumb-side edge of the "
            "hand from the wrist to the thumb joint; and a row of medium rings for presses "
            "along the base of the fingers, worked from the index finger to the little finger.",
            marks=(
                Circles(LANDMARKS["thumb_pad"], 13),
                Stroke(((146, 366), (126, 342), (108, 310), (96, 282)), "moderate"),
                Stroke(((118, 212), (258, 216)), "none"),
                *(Press(base, "moderate") for base in FINGER_BASES),
            ),
            legend_notes=("Dotted line: the order to press the points in.",),
        ),
    )
}


def diagram_choices():
    """(name, title) of every diagram, for the diagram fields' choices."""
    return [(diagram.name, diagram.title) for diagram in DIAGRAMS.values()]


def get(name):
    """The diagram with this name, or None (an unknown or empty name draws nothing)."""
    return DIAGRAMS.get(name or "")


# Drawing --------------------------------------------------------------------------------


def _num(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _pt(point):
    return f"{_num(point[0])} {_num(point[1])}"


def _smooth_path(points):
    """A path through the points (Catmull-Rom turned into cubic Béziers)."""
    if len(points) == 2:
        return f"M{_pt(points[0])}L{_pt(points[1])}"
    parts = [f"M{_pt(points[0])}"]
    padded = [points[0], *points, points[-1]]
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(f"C{_pt(c1)} {_pt(c2)} {_pt(p2)}")
    return "".join(parts)


def _arrowhead(tip, towards, pressure):
    """A filled triangle at tip, pointing away from `towards`."""
    size = 9 + PRESSURES[pressure]["width"] * 1.2
    angle = math.atan2(tip[1] - towards[1], tip[0] - towards[0])
    left = (
        tip[0] - size * math.cos(angle - 0.45),
        tip[1] - size * math.sin(angle - 0.45),
    )
    right = (
        tip[0] - size * math.cos(angle + 0.45),
        tip[1] - size * math.sin(angle + 0.45),
    )
    return (
        f'<path class="diagram__arrow diagram__arrow--{pressure}" fill="currentColor" '
        f'd="M{_pt(tip)}L{_pt(left)}L{_pt(right)}Z"/>'
    )


def _line_attrs(pressure):
    style = PRESSURES[pressure]
    dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
    return (
        f'class="diagram__mark diagram__mark--{pressure}" fill="none" stroke="currentColor" '
        f'stroke-width="{_num(style["width"])}" stroke-linecap="round"{dash}'
    )


def _draw_stroke(mark):
    points = list(mark.points)
    out = [f'<path {_line_attrs(mark.pressure)} d="{_smooth_path(points)}"/>']
    out.append(_arrowhead(points[-1], points[-2], mark.pressure))
    if mark.both:
        out.append(_arrowhead(points[0], points[1], mark.pressure))
    return "".join(out)


def _draw_circles(mark):
    (cx, cy), r = mark.centre, mark.radius
    start, end = math.radians(-60), math.radians(230)  # clockwise on screen (y points down)
    p0 = (cx + r * math.cos(start), cy + r * math.sin(start))
    p1 = (cx + r * math.cos(end), cy + r * math.sin(end))
    before = (cx + r * math.cos(end - 0.35), cy + r * math.sin(end - 0.35))
    arc = f"M{_pt(p0)}A{_num(r)} {_num(r)} 0 1 1 {_pt(p1)}"
    return f'<path {_line_attrs(mark.pressure)} d="{arc}"/>' + _arrowhead(
        p1, before, mark.pressure
    )


def _draw_press(mark):
    (cx, cy) = mark.centre
    ring = 8 + PRESSURES[mark.pressure]["width"]
    return (
        f'<circle class="diagram__dot diagram__dot--{mark.pressure}" fill="currentColor" '
        f'cx="{_num(cx)}" cy="{_num(cy)}" r="4"/>'
        f'<circle {_line_attrs(mark.pressure)} cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(ring)}"/>'
    )


def _draw_zone(zone):
    label_at = zone.centre
    if zone.band:
        shape = (
            f'<path class="diagram__zone diagram__zone--{zone.number}" fill="none" '
            f'stroke="currentColor" stroke-opacity="0.35" stroke-width="18" '
            f'stroke-linecap="round" d="{_smooth_path(zone.band)}"/>'
        )
        label_at = (zone.band[0][0] + 22, zone.band[0][1] + 6)
    else:
        (cx, cy), (rx, ry) = zone.centre, zone.radii
        shape = (
            f'<ellipse class="diagram__zone diagram__zone--{zone.number}" fill="currentColor" '
            f'fill-opacity="0.3" stroke="currentColor" stroke-dasharray="4 3" '
            f'cx="{_num(cx)}" cy="{_num(cy)}" rx="{_num(rx)}" ry="{_num(ry)}"/>'
        )
    x, y = label_at
    return shape + (
        f'<circle class="diagram__badge" fill="#fff" stroke="currentColor" '
        f'cx="{_num(x)}" cy="{_num(y)}" r="10"/>'
        f'<text class="diagram__badge-text" fill="currentColor" x="{_num(x)}" y="{_num(y + 4.5)}" '
        f'text-anchor="middle" font-size="13" font-weight="700">{zone.number}</text>'
    )


def _hand(view):
    """The hand: an outline layer (the shapes stroked wider) under a skin layer of the same."""
    x, y, w, h = WRIST
    thumb_points, thumb_width = THUMB
    thumb_d = "M" + "L".join(_pt(point) for point in thumb_points)

    def layer(css, colour, extra):
        shapes = [
            f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="18" stroke-width="{extra}"/>',
            f'<path d="{PALM_PATH}" stroke-width="{extra}"/>',
        ]
        for base, tip, width in FINGERS:
            shapes.append(
                f'<path d="M{_pt(base)}L{_pt(tip)}" fill="none" '
                f'stroke-width="{_num(width + extra)}"/>'
            )
        shapes.append(
            f'<path d="{thumb_d}" fill="none" stroke-width="{_num(thumb_width + extra)}"/>'
        )
        return (
            f'<g class="{css}" fill="{colour}" stroke="{colour}" stroke-linecap="round" '
            f'stroke-linejoin="round">{"".join(shapes)}</g>'
        )

    details = [_crease(finger, t) for finger in FINGERS for t in (0.4, 0.7)]
    if view == "back":
        # Nails say "back of the hand" at a glance.
        for finger in FINGERS:
            (bx, by), (tx, ty), width = finger
            nx, ny = along(finger, 0.86)
            angle = math.degrees(math.atan2(ty - by, tx - bx)) + 90
            details.append(
                f'<rect x="{_num(nx - width * 0.28)}" y="{_num(ny - 9)}" '
                f'width="{_num(width * 0.56)}" height="18" rx="6" '
                f'transform="rotate({_num(angle)} {_num(nx)} {_num(ny)})"/>'
            )
    else:
        # Two palm creases say "palm".
        details.append('<path d="M104 226C130 250 140 300 150 346"/>')
        details.append('<path d="M110 214C160 214 220 226 270 214"/>')
    return (
        layer("diagram__outline", "#4a5754", 2 * OUTLINE_WIDTH)
        + layer("diagram__skin", "#f6efe4", 0)
        + '<g class="diagram__detail" fill="none" stroke="#4a5754" stroke-opacity="0.45" '
        f'stroke-width="1.5" stroke-linecap="round">{"".join(details)}</g>'
    )


def _crease(finger, t):
    (bx, by), (tx, ty), width = finger
    cx, cy = along(finger, t)
    length = math.hypot(tx - bx, ty - by)
    nx, ny = -(ty - by) / length, (tx - bx) / length
    half = width * 0.3
    return f'<path d="M{_pt((cx - nx * half, cy - ny * half))}L{_pt((cx + nx * half, cy + ny * half))}"/>'


@cache
def render(name, variant="full"):
    """The diagram as inline SVG markup ("" for an unknown name); "thumb" is for cards.

    The SVG is an image with its own <title> and <desc>, so assistive technology announces
    what it teaches; the pressure legend is HTML beside it (see legend()).
    """
    diagram = get(name)
    if diagram is None:
        return mark_safe("")  # noqa: S308 (an empty string)
    view_word = "Back of the hand" if diagram.view == "back" else "Palm"
    marks = []
    for zone in diagram.zones:
        marks.append(_draw_zone(zone))
    for mark in diagram.marks:
        if isinstance(mark, Stroke):
            marks.append(_draw_stroke(mark))
        elif isinstance(mark, Circles):
            marks.append(_draw_circles(mark))
        elif isinstance(mark, Press):
            marks.append(_draw_press(mark))
    view_label = ""
    if variant == "full":
        view_label = (
            f'<text class="diagram__view" x="8" y="392" font-size="13" fill="currentColor">'
            f"{escape(view_word)}</text>"
        )
    description = "" if variant == "thumb" else f"<desc>{escape(diagram.description)}</desc>"
    x0, y0, width, height = VIEWBOX
    svg = (
        f'<svg class="diagram diagram--{variant} diagram--{escape(diagram.name)}" role="img" '
        f'viewBox="{x0} {y0} {width} {height}" xmlns="http://www.w3.org/2000/svg" '
        f'focusable="false" preserveAspectRatio="xMidYMid meet">'
        f"<title>{escape(diagram.title)}</title>{description}"
        f"{_hand(diagram.view)}"
        f'<g class="diagram__marks">{"".join(marks)}</g>{view_label}</svg>'
    )
    return mark_safe(svg)  # noqa: S308 (built from this module's data; text is escaped)


def legend(name):
    """(swatch kind, modifier, label) rows explaining a diagram's marks, for the HTML legend."""
    diagram = get(name)
    if diagram is None:
        return []
    rows = [("line", level, PRESSURES[level]["label"]) for level in diagram.pressures]
    if diagram.has_movement:
        rows.append(("arrow", "", "Arrow: the direction of movement"))
    if diagram.has_presses:
        rows.append(("ring", "", "Dot and ring: press and hold"))
    rows.extend(("note", "", note) for note in diagram.legend_notes)
    rows.extend(
        ("zone", str(zone.number), f"{zone.number}: {zone.name}") for zone in diagram.zones
    )
    return rows


SWATCH_VIEWBOX = "0 0 40 16"


@cache
def swatch(kind, modifier=""):
    """A small aria-hidden SVG sample of a legend row's mark (its text says what it means)."""
    head = (
        f'<svg class="diagram-legend__swatch" viewBox="{SWATCH_VIEWBOX}" aria-hidden="true" '
        f'focusable="false" xmlns="http://www.w3.org/2000/svg">'
    )
    if kind == "line":
        body = f'<path {_line_attrs(modifier)} d="M4 8L36 8"/>'
    elif kind == "arrow":
        body = f'<path {_line_attrs("moderate")} d="M4 8L26 8"/>' + _arrowhead(
            (36, 8), (26, 8), "moderate"
        )
    elif kind == "ring":
        body = _draw_press(Press((20, 8), "light")).replace('r="10.5"', 'r="7"')
    elif kind == "zone":
        body = (
            f'<ellipse class="diagram__zone diagram__zone--{escape(modifier)}" fill="currentColor" '
            f'fill-opacity="0.3" stroke="currentColor" stroke-dasharray="4 3" '
            f'cx="20" cy="8" rx="14" ry="6"/>'
        )
    else:
        return mark_safe("")  # noqa: S308 (an empty string)
    return mark_safe(head + body + "</svg>")  # noqa: S308 (fixed markup)
