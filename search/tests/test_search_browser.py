"""Searching in Chromium: Chinese, then English, narrowing by facets, into the reading view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from search.tests.conftest import article_index, search_backend

pytestmark = pytest.mark.browser


@pytest.fixture
def indexed_seeds(live_seed_articles):
    backend = search_backend()
    backend.clear()
    backend.update(article_index(), list(article_index().index_queryset()))
    yield live_seed_articles
    backend.clear()


def result_count(page) -> int:
    return int(re.match(r"\d+", page.locator("#results-count").inner_text()).group())


def test_a_reader_searches_narrows_and_reads_with_the_words_marked(
    live_server, indexed_seeds, browser_page, screenshot, axe
):
    page = browser_page
    page.goto(live_server.url + "/search/")

    # Chinese
    page.get_by_label("Search the archive").fill("先进生产者")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#results-count")).to_contain_text("5 articles found")
    expect(page.locator(".search-result__snippet[lang=zh-Hans] mark").first).to_have_text(
        "先进生产者"
    )
    expect(page.locator(".histogram svg")).to_be_visible()
    screenshot("search-results-chinese")
    assert axe(page) == []

    # English, stemmed: "producers" marks "producer" too
    page.get_by_label("Search the archive").fill("advanced producers")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#results-count")).to_contain_text("articles found")
    english_marks = page.locator(".search-result__snippet[lang=en] mark").all_inner_texts()
    assert english_marks
    # every mark is a form of "advanced" or "producer", by stem
    assert all(re.match(r"(?i)(advanc|produc)", m) for m in english_marks), english_marks
    total = result_count(page)
    screenshot("search-results-english")

    # A year from the chart, then a place: a province counts its cities' articles too
    page.locator(".histogram__bar[aria-label^='1957']").click()
    expect(page.locator(".active-filters")).to_contain_text("Year: 1957")
    expect(page.locator(".histogram__title")).to_contain_text("per month of 1957")
    in_1957 = result_count(page)
    assert 0 < in_1957 < total
    page.locator(".facet", has_text="Place").locator("a", has_text="Jiangsu").first.click()
    expect(page.locator(".active-filters")).to_contain_text("Jiangsu")
    assert 0 < result_count(page) < in_1957
    screenshot("search-results-narrowed")
    assert axe(page) == []

    # Into the reading view, the words still marked
    page.locator(".search-result__headline a").first.click()
    expect(page).to_have_url(re.compile(r"/articles/1957/01/\d\d/\d+/\?q=advanced\+producers$"))
    expect(page.locator(".pair__en mark").first).to_be_visible()
    assert page.locator(".pair__en mark").count() >= 3
    screenshot("search-reading-view-marked")
    assert axe(page) == []


def test_the_advanced_form_leads_to_the_same_query_in_the_box(
    live_server, indexed_seeds, browser_page, screenshot, axe
):
    page = browser_page
    page.goto(live_server.url + "/search/?q=%E5%85%88%E8%BF%9B")
    page.get_by_role("link", name="Advanced search").click()
    assert axe(page) == []
    page.get_by_label("This exact phrase").fill("先进生产者")
    page.get_by_label("None of these words").fill("无锡")
    page.get_by_label("From").fill("1957")
    screenshot("search-advanced-form")
    page.locator(".advanced__submit").click()
    expect(page.get_by_label("Search the archive")).to_have_value('"先进生产者" -无锡 date:1957..')
    assert result_count(page) >= 1


def test_a_misspelt_word_offers_a_correction_that_finds_articles(
    live_server, indexed_seeds, browser_page, screenshot
):
    page = browser_page
    page.goto(live_server.url + "/search/?q=prodcers")
    expect(page.locator("#results-count")).to_contain_text("0 articles found")
    page.get_by_role("link", name="producers").click()
    assert result_count(page) == 5
    screenshot("search-spelling-followed")
