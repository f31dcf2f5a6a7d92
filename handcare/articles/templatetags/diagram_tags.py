"""Template tags for the instructional diagrams (diagrams.py) and hole-free card grids."""

from django import template

from .. import diagrams
from ..cards import grid_columns as columns_for

register = template.Library()


@register.simple_tag
def diagram(name, variant="full"):
    """A diagram as inline SVG ("full" with its description, "thumb" for cards)."""
    return diagrams.render(name or "", variant)


@register.inclusion_tag("components/diagram_figure.html")
def diagram_figure(name, where="hero"):
    """A diagram with its HTML legend, as a figure: at the top of an article or in a step."""
    found = diagrams.get(name)
    rows = [
        {"swatch": diagrams.swatch(kind, modifier), "text": text}
        for kind, modifier, text in diagrams.legend(name)
    ]
    return {"diagram": found, "name": name, "where": where, "legend": rows}


@register.filter
def grid_columns(cards):
    """How many columns a grid of these cards asks for, so no row is left with holes."""
    try:
        count = len(cards)
    except TypeError:
        count = len(list(cards))
    return columns_for(count)
