"""The home page and the article page as a reader sees them in Chromium."""

import pytest

pytestmark = pytest.mark.browser


def test_a_reader_goes_from_the_home_page_to_an_article(
    live_server, live_seed_articles, browser_page, screenshot
):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "People's Daily, in Chinese and English"
    )
    assert "The archive holds 5 articles" in page.locator(".lede").inner_text()
    screenshot("home")

    page.get_by_role("link", name="重庆钢铁公司和建设机床厂树立标兵带动全面").click()
    page.wait_for_url("**/articles/1959/06/05/*/")
    assert page.locator("h1").inner_text() == "重庆钢铁公司和建设机床厂树立标兵带动全面"
    chinese = page.locator(".pair__zh")
    english = page.locator(".pair__en")
    assert chinese.count() == english.count() == 3
    assert chinese.first.get_attribute("lang") == "zh-Hans"
    assert english.first.get_attribute("lang") == "en"
    # Side by side on a desktop: each translation starts to the right of its original.
    zh_box, en_box = chinese.first.bounding_box(), english.first.bounding_box()
    assert en_box["x"] > zh_box["x"] + zh_box["width"] - 1
    assert abs(en_box["y"] - zh_box["y"]) < 5
    screenshot("article")

    page.get_by_role("link", name="Chinese only").click()
    assert page.locator(".pair__en").count() == 0
    page.reload()
    assert page.locator(".pair__en").count() == 0, "the choice is remembered"
    page.get_by_role("link", name="Chinese and English").click()
    assert page.locator(".pair__en").count() == 3


def test_chinese_text_renders_in_a_cjk_font(live_server, live_seed_articles, browser_page):
    browser_page.goto(live_server.url + live_seed_articles[0].get_absolute_url())
    # Without a CJK font every character is drawn as the same empty box, so two different
    # characters drawn in the page's Chinese font give identical pixels.
    glyphs_differ = browser_page.evaluate(
        """() => {
            const font = getComputedStyle(document.querySelector('.pair__zh p')).font;
            const draw = (character) => {
                const canvas = document.createElement('canvas');
                canvas.width = canvas.height = 40;
                const context = canvas.getContext('2d');
                context.font = font;
                context.fillText(character, 4, 30);
                return Array.from(context.getImageData(0, 0, 40, 40).data).join(',');
            };
            return draw('先') !== draw('进');
        }"""
    )
    assert glyphs_differ


def test_the_article_stacks_on_a_phone(live_server, live_seed_articles, chromium, screenshot):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + live_seed_articles[-1].get_absolute_url())
    zh_box = page.locator(".pair__zh").first.bounding_box()
    en_box = page.locator(".pair__en").first.bounding_box()
    assert en_box["y"] >= zh_box["y"] + zh_box["height"]
    assert zh_box["width"] <= 390
    screenshot("article-phone", page=page)
    context.close()
