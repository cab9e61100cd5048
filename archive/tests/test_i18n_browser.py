"""A reader switches the interface to Simplified Chinese with the header's form, in Chromium."""

import pytest

pytestmark = pytest.mark.browser


def test_a_reader_switches_the_interface_to_chinese_and_reads_an_article(
    live_server, live_seed_articles, browser_page, screenshot, axe
):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_label("Interface language").select_option(label="简体中文")
    page.get_by_role("button", name="Change").click()
    page.wait_for_function("document.documentElement.lang === 'zh-hans'")

    assert page.get_by_role("heading", level=1).inner_text() == "人民日报，中英对照"
    assert (
        "本库收录1956年3月13日至1959年6月5日的人民日报文章5篇" in page.locator(".lede").inner_text()
    )
    assert page.get_by_role("heading", name="浏览").is_visible()
    assert page.get_by_role("heading", name="最新收录").is_visible()
    assert page.get_by_role("button", name="切换").is_visible()
    assert page.get_by_label("界面语言").input_value() == "zh-hans"
    _assert_nothing_overflows(page)
    screenshot("home-zh")
    assert axe(page) == []

    page.get_by_role("link", name="重庆钢铁公司和建设机床厂树立标兵带动全面").click()
    page.wait_for_url("**/articles/1959/06/05/*/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    meta = page.locator(".reading__meta").inner_text()
    assert "1959年6月5日 星期五" in meta and "第2版" in meta
    assert page.get_by_role("link", name="中英对照").is_visible()
    assert page.get_by_role("heading", name="引用本文").is_visible()
    assert page.get_by_role("heading", name="文章信息").is_visible()
    # The article keeps both its languages.
    assert page.locator(".pair__zh").count() == page.locator(".pair__en").count() == 3
    _assert_nothing_overflows(page)
    screenshot("article-zh")
    assert axe(page) == []

    page.get_by_role("link", name="仅中文").click()
    assert page.locator(".pair__en").count() == 0


def _assert_nothing_overflows(page) -> None:
    """No visible label is cut off or wider than the window in the Chinese interface."""
    clipped = page.evaluate(
        """() => Array.from(document.querySelectorAll(
                '.site-header *, .site-footer *, .stats *, .facts *, .language-switch *'))
            .filter((el) => el.offsetWidth > 1 && getComputedStyle(el).overflow !== 'visible')
            .filter((el) => el.scrollWidth > el.clientWidth + 1)
            .map((el) => el.className || el.tagName)"""
    )
    assert clipped == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
