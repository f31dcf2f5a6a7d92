"""The reflexology hand map: zones from the CMS points, live points only, plain table without JS."""

import re

import pytest

from django.core.exceptions import ValidationError

from handcare.demo.content.reflexology import POINTS
from handcare.reflexology.hand_map import ZONES, map_zones, zone_for
from tests.factories import (
    ReflexologyPageFactory,
    ReflexologyPointFactory,
    SectionPageFactory,
    home_page,
)


@pytest.mark.parametrize(
    ("hand_zone", "key"),
    [
        ("The soft pad at the tip of the thumb, on the palm side", "thumb-pad"),
        ("the pad of the thumb", "thumb-pad"),
        ("The hollow in the middle of the palm", "palm-centre"),
        ("The padded ridge where each finger joins the palm", "finger-base"),
        (
            "The edge of the hand on the thumb side, from the wrist to the thumb joint",
            "thumb-edge",
        ),
        ("The tips of the fingers", "fingertips"),
        ("The web between the thumb and index finger", "thumb-web"),
        ("The outer edge, below the little finger", "little-finger-edge"),
        ("The inside of the wrist", "wrist"),
    ],
)
def test_zone_for(hand_zone, key):
    assert zone_for(hand_zone).key == key


def test_every_demo_point_is_on_the_map():
    assert all(zone_for(point["hand_zone"]) for point in POINTS)


def test_zone_keys_are_unique_and_drawn():
    assert len({zone.key for zone in ZONES}) == len(ZONES)
    assert all(zone.svg().startswith("<") for zone in ZONES)


@pytest.mark.django_db
def test_a_point_the_map_cannot_place_is_refused():
    point = ReflexologyPointFactory.build(hand_zone="somewhere on the elbow")
    with pytest.raises(ValidationError) as caught:
        point.full_clean()
    assert "hand_zone" in caught.value.message_dict
    assert "centre of the palm" in caught.value.message_dict["hand_zone"][0]
    point.hand_zone = "the hollow in the middle of the palm"
    point.full_clean(exclude=["reviewed_by", "last_review"])


def test_map_zones_groups_points_in_page_order():
    class P:
        def __init__(self, name, hand_zone):
            self.name, self.hand_zone = name, hand_zone

    hand_map = map_zones(
        [P("a", "middle of the palm"), P("b", "thumb pad"), P("c", "palm hollow"), P("d", "elbow")]
    )
    assert [(z.zone.key, [p.name for p in z.points]) for z in hand_map.zones] == [
        ("palm-centre", ["a", "c"]),
        ("thumb-pad", ["b"]),
    ]
    assert [p.name for p in hand_map.unplaced] == ["d"]


@pytest.mark.django_db
def test_reflexology_page_has_the_map_of_live_points(client):
    section = SectionPageFactory(parent=home_page(), slug="reflexology", topic="reflexology")
    thumb = ReflexologyPointFactory(name="Thumb pad", hand_zone="the pad of the thumb")
    palm = ReflexologyPointFactory(
        name="Palm", hand_zone="the middle of the palm", how_to_press="Small slow circles."
    )
    draft = ReflexologyPointFactory(name="Wrist point", hand_zone="the wrist", publish=False)
    page = ReflexologyPageFactory(parent=section, points=[thumb, palm, draft])
    other = ReflexologyPageFactory(parent=section, title="Reflexology for sleep", points=[palm])

    html = client.get(page.url).content.decode()
    # Hidden until hand-map.js shows it; the table stays for readers without JavaScript.
    assert '<div class="hand-map" data-hand-map hidden>' in html
    assert 'class="points-table"' in html
    zones = re.findall(r'<g class="hand-map__zone" data-zone="([a-z-]+)"', html)
    assert zones == ["thumb-pad", "palm-centre"]  # the draft point's wrist is not drawn
    assert "Wrist point" not in html
    # One tab stop for the map; each zone controls its detail.
    assert re.findall(r'data-zone="[a-z-]+" role="button" tabindex="(-?\d)"', html) == ["0", "-1"]
    for key in zones:
        assert f'aria-controls="hand-map-detail-{key}"' in html
        assert f'id="hand-map-detail-{key}"' in html
    assert 'aria-label="Centre of the palm: Palm"' in html
    detail = html.split('id="hand-map-detail-palm-centre"')[1].split("</section>")[0]
    assert "Small slow circles." in detail
    assert "Traditional belief, not tested" in detail
    assert f'<a href="{other.url}">Reflexology for sleep</a>' in detail
    assert 'src="/static/reflexology/hand-map.js"' in html


@pytest.mark.django_db
def test_no_live_points_no_map(client):
    section = SectionPageFactory(parent=home_page(), slug="reflexology", topic="reflexology")
    page = ReflexologyPageFactory(parent=section, points=[ReflexologyPointFactory(publish=False)])
    html = client.get(page.url).content.decode()
    assert "data-hand-map" not in html
