"""Draw the demo site's illustrations with Pillow, so no image is downloaded or licensed."""

import io
import math

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERO_SIZE = (1600, 900)
PORTRAIT_SIZE = (800, 800)
# Shapes are drawn at twice the size and scaled down, which smooths their edges.
SUPERSAMPLE = 2

PALETTES = {
    "sage": ("#e8efe6", "#a9c2a4", "#56735a"),
    "sand": ("#f6efe4", "#e2c9a6", "#9a6f45"),
    "rose": ("#f8ece9", "#e4b8b0", "#a0574f"),
    "sky": ("#eaf1f7", "#a9c4dc", "#3f6485"),
    "lavender": ("#efebf5", "#c3b6da", "#6a5a8c"),
    "teal": ("#e6f2f1", "#9ccbc6", "#2f6d68"),
    "night": ("#2b3150", "#48507a", "#c9cde8"),
    "clay": ("#f5e9e2", "#d9a98f", "#8a4f38"),
}


def _hex(colour, alpha=255):
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16), alpha)


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _gradient(size, top, bottom):
    """A soft diagonal gradient between two colours."""
    width, height = size
    small = Image.new("RGBA", (64, 36))
    pixels = small.load()
    for y in range(36):
        for x in range(64):
            t = min(1.0, (x / 63) * 0.45 + (y / 35) * 0.55)
            pixels[x, y] = _mix(top, bottom, t)
    return small.resize((width, height), Image.Resampling.BICUBIC)


def _capsule(p1, p2, radius, steps=18):
    """Polygon points of a rounded bar from p1 to p2: a stylised finger."""
    (x1, y1), (x2, y2) = p1, p2
    angle = math.atan2(y2 - y1, x2 - x1)
    points = []
    for centre, start in (((x2, y2), angle - math.pi / 2), ((x1, y1), angle + math.pi / 2)):
        for i in range(steps + 1):
            a = start + math.pi * i / steps
            points.append((centre[0] + radius * math.cos(a), centre[1] + radius * math.sin(a)))
    return points


def _hand_geometry(cx, cy, scale):
    """Palm ellipse and finger segments of an open left hand, palm towards the viewer."""
    s = scale
    palm = (cx - 150 * s, cy - 120 * s, cx + 150 * s, cy + 190 * s)
    fingers = [
        # (base, tip, radius): little, ring, middle, index finger.
        ((cx + 118 * s, cy - 70 * s), (cx + 175 * s, cy - 260 * s), 33 * s),
        ((cx + 52 * s, cy - 110 * s), (cx + 75 * s, cy - 355 * s), 37 * s),
        ((cx - 15 * s, cy - 118 * s), (cx - 20 * s, cy - 385 * s), 38 * s),
        ((cx - 85 * s, cy - 100 * s), (cx - 130 * s, cy - 340 * s), 36 * s),
    ]
    thumb = ((cx - 125 * s, cy + 40 * s), (cx - 300 * s, cy - 80 * s), 44 * s)
    wrist = (cx - 105 * s, cy + 150 * s, cx + 105 * s, cy + 420 * s)
    return {"palm": palm, "fingers": fingers, "thumb": thumb, "wrist": wrist}


def _draw_hand(layer, geometry, fill):
    draw = ImageDraw.Draw(layer)
    x0, _, x1, _ = geometry["wrist"]
    draw.rounded_rectangle(geometry["wrist"], radius=(x1 - x0) * 0.36, fill=fill)
    draw.ellipse(geometry["palm"], fill=fill)
    for base, tip, radius in [*geometry["fingers"], geometry["thumb"]]:
        draw.polygon(_capsule(base, tip, radius), fill=fill)


def _strokes(draw, geometry, colour, width):
    """Long gliding curves from the fingertips towards the wrist."""
    x0, y0, x1, y1 = geometry["palm"]
    for i in range(4):
        offset = (i - 1.5) * (x1 - x0) / 5
        points = []
        for step in range(41):
            t = step / 40
            x = (x0 + x1) / 2 + offset * (1 - t * 0.5) + math.sin(t * math.pi) * 30 * SUPERSAMPLE
            y = y0 - (y1 - y0) * 0.55 + (y1 - y0) * 1.5 * t
            points.append((x, y))
        draw.line(points, fill=colour, width=width, joint="curve")


def _rings(draw, centre, colour, width, count=3, gap=34):
    cx, cy = centre
    for i in range(1, count + 1):
        r = i * gap * SUPERSAMPLE
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=width)


def _arc_arrows(draw, geometry, colour, width):
    """Circling arcs around the wrist, for wrist mobilisation."""
    x0, y0, x1, y1 = geometry["wrist"]
    cx, cy = (x0 + x1) / 2, y0 + (y1 - y0) * 0.35
    rx, ry = (x1 - x0) * 0.95, (y1 - y0) * 0.32
    box = (cx - rx, cy - ry, cx + rx, cy + ry)
    draw.arc(box, start=200, end=340, fill=colour, width=width)
    draw.arc(box, start=20, end=160, fill=colour, width=width)


def _zones(draw, geometry, colours):
    """Translucent circles on the four traditional hand-reflexology zones."""
    (tb, tt, tr) = geometry["thumb"]
    px0, py0, px1, py1 = geometry["palm"]
    palm_centre = ((px0 + px1) / 2, (py0 + py1) / 2)
    finger_bases = [base for base, _, _ in geometry["fingers"]]
    outer_edge = (px0 + 14 * SUPERSAMPLE, py0 + (py1 - py0) * 0.78)
    thumb_pad = (tt[0] + (tb[0] - tt[0]) * 0.18, tt[1] + (tb[1] - tt[1]) * 0.18)
    spots = [(thumb_pad, 46), (palm_centre, 70), (outer_edge, 44)]
    spots += [(base, 30) for base in finger_bases]
    for index, (centre, radius) in enumerate(spots):
        r = radius * SUPERSAMPLE
        colour = colours[min(index, len(colours) - 1)]
        cx, cy = centre
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)


def _moon(draw, size, colour):
    width, height = size
    cx, cy, r = width * 0.2, height * 0.26, 90 * SUPERSAMPLE
    mask = Image.new("L", size, 0)
    mask_draw = ImageDraw.Draw(mask)
    mask_draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=255)
    ox, oy = cx + r * 0.45, cy - r * 0.2
    mask_draw.ellipse((ox - r, oy - r, ox + r, oy + r), fill=0)
    draw.bitmap((0, 0), mask, fill=colour)
    for i in range(14):
        sx = width * (0.06 + (i * 0.137) % 0.55)
        sy = height * (0.08 + (i * 0.291) % 0.5)
        sr = (3 + i % 3) * SUPERSAMPLE
        draw.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=colour)


def _bokeh(size, colour):
    """Large, very soft circles that give the background depth."""
    # Blurring is the slow part, so the circles are drawn and blurred at a small scale.
    width, height = size[0] // 8, size[1] // 8
    layer = Image.new("RGBA", (width, height), (*colour[:3], 0))
    draw = ImageDraw.Draw(layer)
    for i in range(6):
        r = (120 + 70 * (i % 3)) * SUPERSAMPLE / 8
        cx = width * (0.08 + 0.17 * i)
        cy = height * (0.2 + 0.13 * ((i * 7) % 5))
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
    layer = layer.filter(ImageFilter.GaussianBlur(60 * SUPERSAMPLE / 8))
    return layer.resize(size, Image.Resampling.BICUBIC)


def _soft_shadow(size, geometry_at, colour):
    """The hand's shadow, drawn small and blurred, then scaled up."""
    scale = 4
    small = (size[0] // scale, size[1] // scale)
    layer = Image.new("RGBA", small, (*colour[:3], 0))
    _draw_hand(layer, geometry_at(scale), colour)
    layer = layer.filter(ImageFilter.GaussianBlur(22 / scale))
    return layer.resize(size, Image.Resampling.BICUBIC)


def _encode(image):
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=88, optimize=True)
    return buffer.getvalue()


def draw_hero(motif, palette="sage"):
    """A 1600x900 abstract illustration: a stylised hand with a motif for the technique."""
    light, mid, deep = (_hex(c) for c in PALETTES[palette])
    size = (HERO_SIZE[0] * SUPERSAMPLE, HERO_SIZE[1] * SUPERSAMPLE)
    night = palette == "night"
    canvas = _gradient(size, light, mid)
    glow = (*_mix(light, (255, 255, 255, 255), 0.5)[:3], 90)
    canvas = Image.alpha_composite(canvas, _bokeh(size, glow))

    geometry = _hand_geometry(size[0] * 0.64, size[1] * 0.6, 1.2 * SUPERSAMPLE)

    def shadow_geometry(scale):
        return _hand_geometry(
            (size[0] * 0.64 + 24) / scale, (size[1] * 0.6 + 30) / scale, 1.2 * SUPERSAMPLE / scale
        )

    canvas = Image.alpha_composite(canvas, _soft_shadow(size, shadow_geometry, (*deep[:3], 70)))

    hand = Image.new("RGBA", size, (*light[:3], 0))
    hand_colour = (*_mix(light, (255, 255, 255, 255), 0.55)[:3], 235)
    if night:
        hand_colour = (*_mix(mid, deep, 0.35)[:3], 235)
    _draw_hand(hand, geometry, hand_colour)
    canvas = Image.alpha_composite(canvas, hand)

    overlay = Image.new("RGBA", size, (*deep[:3], 0))
    draw = ImageDraw.Draw(overlay)
    accent = (*deep[:3], 150)
    line = 7 * SUPERSAMPLE
    px0, py0, px1, py1 = geometry["palm"]
    palm_centre = ((px0 + px1) / 2, (py0 + py1) / 2)
    if motif == "strokes":
        _strokes(draw, geometry, accent, line)
    elif motif == "kneading":
        _rings(draw, (palm_centre[0] - 50 * SUPERSAMPLE, palm_centre[1]), accent, line, 2, 30)
        _rings(draw, (palm_centre[0] + 60 * SUPERSAMPLE, palm_centre[1] + 40), accent, line, 2, 30)
    elif motif == "press":
        _rings(draw, palm_centre, accent, line, 3, 30)
        r = 16 * SUPERSAMPLE
        draw.ellipse(
            (palm_centre[0] - r, palm_centre[1] - r, palm_centre[0] + r, palm_centre[1] + r),
            fill=accent,
        )
    elif motif == "fingers":
        for base, tip, _ in geometry["fingers"]:
            for t in (0.3, 0.6, 0.9):
                x = base[0] + (tip[0] - base[0]) * t
                y = base[1] + (tip[1] - base[1]) * t
                r = 9 * SUPERSAMPLE
                draw.ellipse((x - r, y - r, x + r, y + r), fill=accent)
    elif motif == "wrist":
        _arc_arrows(draw, geometry, accent, line)
    elif motif == "finish":
        for i in range(3):
            offset = (i + 1) * 26 * SUPERSAMPLE
            x0, y0, x1, y1 = geometry["palm"]
            box = (x0 - offset, y0 - offset * 1.6, x1 + offset, y1 + offset * 0.6)
            draw.arc(box, start=200, end=250, fill=accent, width=line // 2 + 2)
            draw.arc(box, start=290, end=340, fill=accent, width=line // 2 + 2)
    elif motif == "zones":
        zone_colours = [
            (*_hex(PALETTES["lavender"][2])[:3], 120),
            (*_hex(PALETTES["sand"][2])[:3], 110),
            (*_hex(PALETTES["teal"][2])[:3], 120),
            (*_hex(PALETTES["rose"][2])[:3], 110),
        ]
        _zones(draw, geometry, zone_colours)
    elif motif == "acupressure":
        tb, tt, _ = geometry["thumb"]
        web = ((tb[0] + geometry["fingers"][3][0][0]) / 2, tb[1] - 60 * SUPERSAMPLE)
        for centre in (web, palm_centre, (px1 - 40 * SUPERSAMPLE, py1 - 60 * SUPERSAMPLE)):
            _rings(draw, centre, accent, line // 2 + 2, 2, 18)
    elif motif == "moon":
        _moon(draw, size, (*deep[:3], 230))
    canvas = Image.alpha_composite(canvas, overlay)
    return _encode(canvas.resize(HERO_SIZE, Image.Resampling.LANCZOS))


def draw_portrait(initials, colour):
    """A square profile picture: the person's initials on a coloured circle."""
    size = (PORTRAIT_SIZE[0] * SUPERSAMPLE, PORTRAIT_SIZE[1] * SUPERSAMPLE)
    background = _hex("#f4f1ec")
    circle = _hex(colour)
    canvas = Image.new("RGBA", size, background)
    draw = ImageDraw.Draw(canvas)
    margin = 60 * SUPERSAMPLE
    draw.ellipse((margin, margin, size[0] - margin, size[1] - margin), fill=circle)
    font = ImageFont.load_default(size=300 * SUPERSAMPLE)
    draw.text(
        (size[0] / 2, size[1] / 2),
        initials,
        font=font,
        fill=(255, 255, 255, 255),
        anchor="mm",
    )
    return _encode(canvas.resize(PORTRAIT_SIZE, Image.Resampling.LANCZOS))
