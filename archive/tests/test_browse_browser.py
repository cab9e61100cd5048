"""Browsing by date as a reader does it in Chromium: year, month calendar, day, article."""

import pytest

pytestmark = pytest.mark.browser


def test_a_reader_browses_from_the_home_page_to_an_article_by_date(
    live_server, live_seed_articles, browser_page, screenshot
):
    page = browser_page
    page.goto(live_server.url + "/")
    page.locator('a[href="/browse/"]').first.click()
    page.wait_for_url("**/browse/")
    assert page.get_by_role("heading", level=1).inner_text() == "Browse the archive"
    screenshot("browse-index")

    page.get_by_role("link", name="1957").click()
    page.wait_for_url("**/browse/1957/")
    screenshot("browse-year")

    page.get_by_role("link", name="January", exact=True).click()
    page.wait_for_url("**/browse/1957/01/")
    calendar = page.get_by_role("table", name="January 1957")
    headers = calendar.get_by_role("columnheader").all_text_contents()
    assert headers == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    # 1 January 1957 was a Tuesday: the first row starts with an empty Monday.
    first_week = calendar.locator("tbody tr").first.locator("td")
    assert first_week.nth(0).inner_text() == ""
    assert first_week.nth(1).inner_text() == "1"
    assert calendar.locator("a").count() == 2
    screenshot("browse-month")

    calendar.get_by_role("link", name="7 January 1 article").click()
    page.wait_for_url("**/browse/1957/01/07/")
    assert page.get_by_role("heading", level=2).first.inner_text().startswith("Page 2")
    assert page.get_by_role("link", name="9 January 1957 →").is_visible()
    screenshot("browse-day")

    page.get_by_role("link", name="先进带动落后落后赶上先进成为风气").click()
    page.wait_for_url("**/articles/1957/01/07/*/")
    assert "先进带动落后落后赶上先进成为风气" in page.locator("h1").inner_text()


def test_the_month_calendar_fits_a_phone(live_server, live_seed_articles, chromium, screenshot):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + "/browse/1957/01/")
    table = page.get_by_role("table", name="January 1957").bounding_box()
    assert table["x"] >= 0 and table["x"] + table["width"] <= 390
    screenshot("browse-month-phone", page=page)
    context.close()
