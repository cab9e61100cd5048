"""The map of places and a place's page as a reader sees them in Chromium."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser


@pytest.fixture
def live_tagged_samples(transactional_db):
    """The gazetteer and the samples, committed so that the live server's thread sees them."""
    from archive.ingest import import_paths
    from conftest import SEEDS_DIR

    call_command("loaddata", "places", verbosity=0)
    assert import_paths([SEEDS_DIR]).failed == 0


def test_a_reader_goes_from_the_map_to_a_province_and_a_city(
    live_server, live_tagged_samples, browser_page, screenshot, axe
):
    page = browser_page
    page.goto(live_server.url + "/places/map/")
    svg = page.locator("svg.place-map__svg")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 300
    assert page.locator(".place-map__tile").count() == 34
    # Shanxi is the darkest: both of Taiyuan's articles count under it.
    shanxi = page.locator('a.place-map__tile[href="/places/14/"]')
    assert "place-map__tile--shade-5" in shanxi.get_attribute("class")
    fill = shanxi.locator("rect").evaluate("r => getComputedStyle(r).fill")
    assert fill == "rgb(109, 15, 15)"
    assert axe(page) == []
    screenshot("place-map")

    shanxi.click()
    page.wait_for_url("**/places/14/")
    assert "Shanxi" in page.locator("h1").inner_text()
    page.get_by_role("link", name="太原 Taiyuan").click()
    page.wait_for_url("**/places/1401/")
    assert page.locator("h1").inner_text() == "太原 Taiyuan"
    assert page.locator(".place-articles li").count() == 2
    assert axe(page) == []
    screenshot("place-page")
