"""axe-core, run in Chromium, finds no serious accessibility problem on the reader's pages."""

import pytest

pytestmark = pytest.mark.browser


def test_the_home_page_has_no_serious_violations(
    live_server, live_seed_articles, browser_page, axe
):
    browser_page.goto(live_server.url + "/")
    assert axe(browser_page) == []


@pytest.mark.parametrize("show", ["both", "zh", "en"])
def test_the_reading_view_has_no_serious_violations(
    live_server, live_seed_articles, browser_page, axe, show
):
    browser_page.goto(f"{live_server.url}{live_seed_articles[0].get_absolute_url()}?show={show}")
    assert axe(browser_page) == []


def test_the_not_found_page_has_no_serious_violations(live_server, browser_page, axe, settings):
    settings.DEBUG = False
    browser_page.goto(live_server.url + "/articles/1957/01/07/99999/")
    assert axe(browser_page) == []
