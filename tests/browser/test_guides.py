"""Interactive guides in the browser: follow-along mode, the routine builder, the hand map."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.factories import (
    AudienceFactory,
    GuidePageFactory,
    PersonFactory,
    ReflexologyPageFactory,
    ReflexologyPointFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
    step_block,
)

START = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def technique(transactional_db):
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    return TechniquePageFactory(
        parent=section,
        title="Palm glide",
        steps=[
            step_block("Warm the hands", "<p>Rub the palms together.</p>", duration="30 seconds"),
            step_block("Glide", "<p>Glide to the wrist.</p>", duration="1 to 2 minutes"),
            step_block("Rest", "<p>Let the hands rest.</p>"),
        ],
    )


def live_text(page):
    return page.locator(".follow-along__live")


def open_with_frozen_clock(page, url):
    """Open url on Playwright's fake clock, stopped: only run_for() moves time, not real seconds."""
    page.clock.install(time=START)
    page.goto(url)
    page.clock.pause_at(START + datetime.timedelta(hours=1))


def test_without_javascript_the_steps_are_a_plain_list(live_server, technique, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{technique.url}")
    expect(page.locator("ol.steps > li")).to_have_count(3)
    expect(page.get_by_role("button", name="Follow along")).to_have_count(0)
    context.close()


def test_follow_along_timer_runs_on_the_fake_clock(live_server, technique, page):
    open_with_frozen_clock(page, f"{live_server.url}{technique.url}")
    page.get_by_role("button", name="Follow along").click()

    panel = page.get_by_role("region", name="Follow along, one step at a time")
    expect(panel).to_be_visible()
    expect(page.locator("ol.steps")).to_be_hidden()
    heading = panel.get_by_role("heading", name="Warm the hands")
    expect(heading).to_be_focused()
    expect(panel.locator(".follow-along__progress")).to_have_text("Step 1 of 3")
    expect(panel.locator(".follow-along__time")).to_have_text("0:30")
    expect(live_text(page)).to_have_text(
        "Follow-along started. Step 1 of 3: Warm the hands. Timer 30 seconds."
    )

    page.clock.run_for(20_000)
    expect(panel.locator(".follow-along__time")).to_have_text("0:10")
    expect(live_text(page)).to_have_text("10 seconds left.")

    # Pausing stops the clock: time passing changes nothing.
    panel.get_by_role("button", name="Pause").click()
    expect(panel.locator(".follow-along__time")).to_have_text("0:10 (paused)")
    page.clock.run_for(60_000)
    expect(panel.locator(".follow-along__time")).to_have_text("0:10 (paused)")
    expect(live_text(page)).to_have_text("Paused, 10 seconds left.")
    panel.get_by_role("button", name="Resume").click()

    # Time up moves on to the next step, whose timer counts its longest time.
    page.clock.run_for(10_500)
    expect(panel.locator(".follow-along__progress")).to_have_text("Step 2 of 3")
    expect(panel.locator(".follow-along__time")).to_have_text("2:00")
    expect(live_text(page)).to_have_text(
        "Time is up. Step 2 of 3: Glide. Timer 2 minutes, at least 1 minute."
    )
    page.clock.run_for(60_500)
    expect(live_text(page)).to_contain_text("Shortest time done")
    expect(panel.locator(".follow-along__time")).to_have_text("0:59")


def test_follow_along_by_keyboard(live_server, technique, page):
    open_with_frozen_clock(page, f"{live_server.url}{technique.url}")
    start = page.get_by_role("button", name="Follow along")
    start.focus()
    page.keyboard.press("Enter")
    panel = page.get_by_role("region", name="Follow along, one step at a time")
    time = panel.locator(".follow-along__time")
    expect(time).to_have_text("0:30")

    page.keyboard.press("Space")
    expect(time).to_have_text("0:30 (paused)")
    page.keyboard.press("Space")
    expect(time).to_have_text("0:30")

    page.keyboard.press("ArrowRight")
    expect(panel.get_by_role("heading", level=3)).to_have_text("Glide")
    page.keyboard.press("ArrowRight")
    expect(panel.get_by_role("heading", level=3)).to_have_text("Rest")
    expect(panel.locator(".follow-along__no-time")).to_be_visible()
    expect(time).to_be_hidden()
    expect(live_text(page)).to_have_text("Step 3 of 3: Rest. No set time.")
    page.keyboard.press("ArrowLeft")
    expect(panel.get_by_role("heading", level=3)).to_have_text("Glide")

    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(page.locator("ol.steps")).to_be_visible()
    expect(start).to_be_focused()


def test_guide_step_lists_follow_along_too(live_server, page):
    section = SectionPageFactory(parent=home_page(), title="Guides", slug="guides")
    guide = GuidePageFactory(
        parent=section,
        body=[
            {
                "type": "steps",
                "value": {
                    "steps": [
                        {"name": "Shake out", "instructions": "<p>Loose.</p>", "duration": "90 s"}
                    ]
                },
            }
        ],
    )
    open_with_frozen_clock(page, f"{live_server.url}{guide.url}")
    page.get_by_role("button", name="Follow along").click()
    expect(page.locator(".follow-along__time")).to_have_text("1:30")
    # The only step: its button finishes and leaves follow-along.
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("button", name="Follow along")).to_be_focused()


@pytest.fixture
def routine_techniques(transactional_db):
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    AudienceFactory(name="Office workers", slug="office-workers")
    reviewer = PersonFactory()
    for title, role, steps in (
        ("Glide", "warm-up", [("Glide the back", "1 minute"), ("Glide the palm", "1 minute")]),
        ("Knead", "main", [("Knead the palm", "2 minutes"), ("Knead the thumb", "90 s")]),
        ("Roll", "main", [("Roll each finger", "20 seconds per finger")]),
        ("Shake out", "finish", [("Shake", "10 seconds per hand")]),
    ):
        TechniquePageFactory(
            parent=section,
            title=title,
            routine_role=role,
            reviewed_by=reviewer,
            steps=[step_block(name, f"<p>{name}.</p>", duration=d) for name, d in steps],
        )


def test_routine_builder_within_budget_then_follow_along(live_server, routine_techniques, page):
    page.goto(f"{live_server.url}/routines/")
    page.get_by_label("Who is it for?").select_option(label="Office workers")
    page.get_by_label("5 minutes", exact=True).check()
    page.get_by_role("button", name="Build my routine").click()
    expect(page).to_have_url(f"{live_server.url}/routines/?audience=office-workers&minutes=5")
    routine = page.get_by_role("region", name="Your 5-minute routine for office workers")
    expect(routine).to_be_visible()
    seconds = page.eval_on_selector_all(
        "ol.routine__steps > li", "items => items.map(i => +i.dataset.maxSeconds)"
    )
    assert seconds and sum(seconds) <= 5 * 60
    expect(routine.locator(".step__name").first).to_have_text("Glide the back")
    expect(routine.get_by_role("link", name="Glide").first).to_have_attribute(
        "href", "/techniques/glide/"
    )

    page.get_by_role("button", name="Start this routine").click()
    panel = page.get_by_role("region", name="Follow along, one step at a time")
    expect(panel.get_by_role("heading", level=3)).to_have_text("Glide the back")
    expect(panel.locator(".follow-along__progress")).to_have_text(f"Step 1 of {len(seconds)}")
    expect(panel.locator(".follow-along__time")).to_have_text("1:00")

    # The shared address rebuilds the same routine.
    names = routine.locator(".step__name").all_text_contents()
    other = page.context.new_page()
    other.goto(f"{live_server.url}/routines/?audience=office-workers&minutes=5")
    assert other.locator("ol.routine__steps .step__name").all_text_contents() == names


def test_hand_map_by_keyboard(live_server, page):
    section = SectionPageFactory(
        parent=home_page(), title="Reflexology", slug="reflexology", topic="reflexology"
    )
    points = [
        ReflexologyPointFactory(name="Thumb pad", hand_zone="the pad of the thumb"),
        ReflexologyPointFactory(
            name="Palm centre", hand_zone="the middle of the palm", how_to_press="Slow circles."
        ),
        ReflexologyPointFactory(name="Wrist", hand_zone="the wrist"),
    ]
    article = ReflexologyPageFactory(parent=section, points=points)
    page.goto(f"{live_server.url}{article.url}")
    hand_map = page.get_by_role("group", name="Map of the palm of a right hand")
    expect(hand_map).to_be_visible()
    thumb = page.get_by_role("button", name="Thumb pad: Thumb pad")
    palm = page.get_by_role("button", name="Centre of the palm: Palm centre")
    wrist = page.get_by_role("button", name="Wrist: Wrist")

    # One tab stop: Tab from the page reaches the first zone.
    page.locator("#points").focus()
    thumb.focus()
    page.keyboard.press("Enter")
    expect(thumb).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#hand-map-detail-thumb-pad")).to_be_visible()

    page.keyboard.press("ArrowRight")
    expect(palm).to_be_focused()
    expect(palm).to_have_attribute("aria-pressed", "true")
    expect(thumb).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#hand-map-detail-thumb-pad")).to_be_hidden()
    detail = page.locator("#hand-map-detail-palm-centre")
    expect(detail).to_be_visible()
    expect(detail).to_contain_text("Slow circles.")
    expect(detail).to_contain_text("Traditional belief, not tested")

    page.keyboard.press("End")
    expect(wrist).to_be_focused()
    page.keyboard.press("ArrowRight")  # wraps round to the first zone
    expect(thumb).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(wrist).to_be_focused()
    page.keyboard.press(" ")
    expect(wrist).to_have_attribute("aria-pressed", "true")
    assert page.eval_on_selector_all(
        ".hand-map__zone", "zones => zones.map(z => z.getAttribute('tabindex'))"
    ) == ["-1", "-1", "0"]

    # A click chooses too.
    palm.click()
    expect(detail).to_be_visible()


def test_hand_map_without_javascript_is_the_table(live_server, browser):
    section = SectionPageFactory(
        parent=home_page(), title="Reflexology", slug="reflexology", topic="reflexology"
    )
    article = ReflexologyPageFactory(parent=section, points=[ReflexologyPointFactory()])
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{article.url}")
    expect(page.locator(".points-table")).to_be_visible()
    expect(page.locator(".hand-map")).to_be_hidden()
    context.close()
