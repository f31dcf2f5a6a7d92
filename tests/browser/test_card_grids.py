"""Card grids never leave holes: every row of cards spans the grid, at desktop and phone widths."""

import pytest

from tests.factories import SectionPageFactory, TechniquePageFactory, home_page

ROWS_SCRIPT = """
grid => {
    const box = grid.getBoundingClientRect();
    const rows = new Map();
    for (const item of grid.children) {
        const r = item.getBoundingClientRect();
        const top = Math.round(r.top);
        if (!rows.has(top)) rows.set(top, []);
        rows.get(top).push([r.left - box.left, box.right - r.right]);
    }
    return [...rows.values()].map(items => ({
        count: items.length,
        left: items[0][0],
        right: items[items.length - 1][1],
    }));
}
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", [1280, 900, 375])
@pytest.mark.parametrize("count", [3, 5, 6])
def test_every_row_of_cards_fills_the_grid(live_server, page, width, count):
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    for n in range(count):
        TechniquePageFactory(parent=section, title=f"Card {n}", diagram="effleurage")
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(f"{live_server.url}{section.url}")
    assert response.ok
    rows = page.locator("ul.card-grid").first.evaluate(ROWS_SCRIPT)
    assert sum(row["count"] for row in rows) == count
    for row in rows:
        # No hole at either end of any row, the last one included.
        assert abs(row["left"]) < 2 and abs(row["right"]) < 2, (width, count, rows)
    if width == 1280:
        # Three cards share one row; five and six are never a row of four and a stub.
        assert [row["count"] for row in rows] == {3: [3], 5: [3, 2], 6: [3, 3]}[count]
