"""An article printed from Chromium (print media emulated): page one holds the article, not chrome."""

import pytest

from tests.factories import (
    ReferenceFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
    step_block,
)

# A4 with print.css's 2 cm margins, at the 96 px per inch of CSS: 17 cm x 25.7 cm.
SHEET_WIDTH, SHEET_HEIGHT = 643, 971


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_printed_article_starts_with_its_text_and_review(live_server, page):
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    technique = TechniquePageFactory(
        parent=section,
        title="Palm glide",
        diagram="effleurage",
        steps=[step_block("Warm the hands", "<p>Glide from fingertips to wrist.</p>")],
        references=[ReferenceFactory(key="trial-2020")],
    )
    page.set_viewport_size({"width": SHEET_WIDTH, "height": SHEET_HEIGHT})
    page.goto(live_server.url + technique.url)
    page.emulate_media(media="print")

    # Navigation, search and the jump button are not printed.
    for selector in (".primary-nav", ".site-search", ".article-header__jump"):
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    # The hero drawing is a small picture beside the text, and the review details and the
    # steps start on the first sheet, beside or above it rather than below it.
    hero = page.locator(".article-hero").first.bounding_box()
    assert hero is not None and hero["width"] < SHEET_WIDTH / 2
    steps = page.locator("#steps").first.bounding_box()
    assert steps["y"] < hero["y"] + hero["height"]
    for selector in (".review-box", "#steps"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["y"] < SHEET_HEIGHT, selector
    # On screen the same hero is wider: print.css is what shrank it.
    page.emulate_media(media="screen")
    assert page.locator(".article-hero").first.bounding_box()["width"] > hero["width"]
