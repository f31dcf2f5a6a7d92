"""Instructional diagrams: valid, accessible SVG from data, used as hero, in steps and on cards."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from django.conf import settings

from handcare.articles import diagrams
from handcare.demo.content import reflexology as reflexology_content
from handcare.demo.content import techniques as technique_content
from tests.factories import (
    GuidePageFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
    step_block,
)

SVG = "{http://www.w3.org/2000/svg}"
NAMES = sorted(diagrams.DIAGRAMS)


def parse(markup):
    return ET.fromstring(str(markup))


@pytest.mark.parametrize("name", NAMES)
def test_every_diagram_is_valid_svg_that_says_what_it_shows(name):
    root = parse(diagrams.render(name))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox")
    children = list(root)
    assert children[0].tag == f"{SVG}title" and children[0].text.strip()
    assert children[1].tag == f"{SVG}desc" and len(children[1].text.split()) > 12
    # Strict CSP and many diagrams per page: no style attributes, no ids to clash.
    for element in root.iter():
        assert "style" not in element.attrib, element.tag
        assert "id" not in element.attrib, element.tag


@pytest.mark.parametrize("name", NAMES)
def test_card_thumbnails_are_valid_svg_with_a_title(name):
    root = parse(diagrams.render(name, "thumb"))
    assert root.get("role") == "img"
    assert list(root)[0].tag == f"{SVG}title"


@pytest.mark.parametrize("name", NAMES)
def test_each_diagram_marks_something_and_its_legend_explains_every_mark(name):
    diagram = diagrams.DIAGRAMS[name]
    assert diagram.marks or diagram.zones
    rows = diagrams.legend(name)
    texts = [text for _, _, text in rows]
    for level in diagram.pressures:
        assert diagrams.PRESSURES[level]["label"] in texts
    if diagram.has_movement:
        assert any("direction" in text for text in texts)
    for zone in diagram.zones:
        assert f"{zone.number}: {zone.name}" in texts
    for kind, modifier, _ in rows:
        if kind != "note":
            parse(diagrams.swatch(kind, modifier))


def test_pressure_is_never_told_by_colour_alone():
    # Each level has its own line weight or dash, in the SVG itself (no style sheet needed).
    looks = {(style["width"], style["dash"]) for style in diagrams.PRESSURES.values()}
    assert len(looks) == len(diagrams.PRESSURES)
    firm = parse(diagrams.render("deep-thumb-strokes"))
    widths = {
        el.get("stroke-width")
        for el in firm.iter()
        if "diagram__mark--firm" in el.get("class", "")
    }
    assert widths == {"7.5"}


def test_diagrams_follow_light_and_dark_through_the_style_sheet():
    css = (Path(settings.BASE_DIR) / "handcare/static/css/handcare.css").read_text()
    section = css[css.index("Imagery: instructional diagrams") :]
    assert "@media (prefers-color-scheme: dark)" in section
    assert "--diagram-skin" in section and "var(--diagram-skin)" in section
    assert "@media (forced-colors: active)" in section
    # Marks are drawn in currentColor, which those rules set per pressure level.
    assert 'stroke="currentColor"' in str(diagrams.render("effleurage"))


def test_unknown_names_draw_nothing():
    assert diagrams.render("no-such-diagram") == ""
    assert diagrams.legend("") == []


def test_choices_list_every_diagram_by_title():
    assert dict(diagrams.diagram_choices()) == {n: d.title for n, d in diagrams.DIAGRAMS.items()}


def test_the_hand_outline_is_shared_data():
    # Other drawings of this hand (the reflexology map) can use the same geometry.
    assert len(diagrams.FINGERS) == 4 and diagrams.PALM_PATH.startswith("M")
    assert set(diagrams.LANDMARKS) >= {"palm_centre", "thumb_pad", "wrist"}


@pytest.fixture
def section(db):
    return SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")


@pytest.mark.django_db
def test_a_technique_shows_its_diagram_as_hero_and_in_steps(client, section, settings):
    settings.HANDCARE_PAGE_CACHE = False
    page = TechniquePageFactory(
        parent=section,
        title="Kneading",
        diagram="petrissage",
        steps=[step_block("Glide", diagram="palm-glide"), step_block("Knead")],
    )
    html = client.get(page.url).content.decode()
    hero = html.split('<div class="article-layout')[0]
    assert 'class="article-hero article-hero--diagram diagram-figure"' in hero
    assert "<title>Petrissage: kneading circles on the palm</title>" in hero
    assert "Moderate pressure" in hero
    assert "article-hero__image" not in hero
    steps = html.split('id="steps"')[1]
    assert steps.count('class="step__diagram diagram-figure"') == 1
    assert "Gliding over the palm" in steps
    for svg in re.findall(r"<svg class=\"diagram .*?</svg>", html, re.S):
        parse(svg)


@pytest.mark.django_db
def test_listing_cards_get_the_diagram_as_thumbnail(client, section, settings):
    settings.HANDCARE_PAGE_CACHE = False
    TechniquePageFactory(parent=section, title="Drawn", diagram="finger-rolling")
    GuidePageFactory(parent=section, title="Plain")
    html = client.get(section.url).content.decode()
    assert html.count('<div class="card__thumb">') == 1
    assert "diagram--thumb diagram--finger-rolling" in html


@pytest.mark.django_db
def test_the_diagram_choice_is_page_content_that_goes_through_review(section):
    page = TechniquePageFactory(parent=section, diagram="effleurage")
    page.diagram = "petrissage"
    revision = page.save_revision()
    # The change is a revision a reviewer sees; readers keep the live choice until then.
    assert revision.content["diagram"] == "petrissage"
    page.refresh_from_db()
    assert page.diagram == "effleurage"


def test_demo_reflexology_page_shows_its_illustration_once():
    page = reflexology_content.PAGE
    hero_title = page["hero"].title
    figures = [block for block in page["fields"]["body"] if block.get("type") == "figure"]
    assert all(block["value"]["image"].title != hero_title for block in figures)
    assert diagrams.get(page["fields"]["diagram"]) is not None


def test_demo_techniques_each_have_a_diagram():
    for data in technique_content.PAGES:
        assert diagrams.get(data["fields"]["diagram"]) is not None, data["slug"]
