"""The search page."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("search.tests.urls")]


def test_the_page_shows_results_with_a_count(client, world):
    response = client.get("/search/", {"q": "人民公社"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 articles found" in html
    assert "江苏农业生产合作社扩大<mark>人民公社</mark>化运动" in html
    assert world["commune"].get_absolute_url() in html


def test_facet_links_narrow_and_active_filters_can_be_removed(client, world, places):
    response = client.get("/search/", {"q": "人民公社", "year": "1957"})
    html = response.content.decode()
    assert "1 article found" in html
    assert "?q=%E4%BA%BA%E6%B0%91%E5%85%AC%E7%A4%BE&amp;year=1957&amp;month=1957-01" in html
    assert 'href="?q=%E4%BA%BA%E6%B0%91%E5%85%AC%E7%A4%BE"' in html  # remove the year


def test_places_are_shown_by_name(client, world):
    html = client.get("/search/", {"q": "南京"}).content.decode()
    assert "南京 Nanjing" in html
    assert "江苏 Jiangsu" in html


def test_an_empty_page_just_shows_the_form(client, world):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "articles found" not in response.content.decode()


def test_a_malformed_query_gets_a_message_not_an_error(client, world):
    response = client.get("/search/", {"q": '"人民公社 (OR'})
    assert response.status_code == 200
    assert "quotation mark" in response.content.decode()


def test_the_query_is_escaped_in_the_page(client, world):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in html


def test_post_is_not_allowed(client, world):
    assert client.post("/search/", {"q": "x"}).status_code == 405


# --- Result lines --------------------------------------------------------------------------


def test_a_result_shows_both_headlines_and_a_highlighted_snippet_in_each_language(client, world):
    html = client.get("/search/", {"q": "先进生产者 producers"}).content.decode()
    assert "江苏农业生产合作社扩大人民公社化运动" in html
    assert "Jiangsu agricultural cooperatives expand" in html
    assert "<mark>先进生产者</mark>" in html
    assert "the advanced <mark>producers</mark> movement" in html


def test_a_result_shows_its_date_page_column_and_places(client, world):
    html = client.get("/search/", {"q": "公社化"}).content.decode()
    assert "7 January 1957" in html
    assert "page 1" in html
    assert "Rural Correspondence" in html
    # The dateline place; its province is implied, not listed beside it.
    assert '<span class="search-result__places">南京 Nanjing</span>' in html


def test_result_links_carry_the_query_into_the_reading_view(client, world):
    html = client.get("/search/", {"q": "鞍钢 steel"}).content.decode()
    url = world["steel"].get_absolute_url()
    assert f'href="{url}?q=%E9%9E%8D%E9%92%A2+steel"' in html


def test_article_text_in_results_is_escaped_and_only_marks_survive(client, world):
    from search.tests.conftest import index_articles, make_article

    article = make_article(
        headline_zh="<script>alert(1)</script>钢铁", body_zh="<b>钢铁</b>工人", body_en=""
    )
    index_articles([article])
    html = client.get("/search/", {"q": "钢铁"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>钢铁</mark>" in html
    assert "&lt;b&gt;<mark>钢铁</mark>&lt;/b&gt;工人" in html


def test_only_the_articles_of_the_page_are_loaded(client, world, django_assert_max_num_queries):
    from search.tests.conftest import index_articles, make_article

    index_articles([make_article(headline_zh=f"钢铁{n}", body_zh="钢铁") for n in range(25)])
    with django_assert_max_num_queries(8):
        response = client.get("/search/", {"q": "钢铁"})
    html = response.content.decode()
    assert "25 articles found" in html
    assert html.count('class="search-result"') == 20


# --- The chart -----------------------------------------------------------------------------


def test_the_chart_has_a_bar_per_year_linking_to_that_year(client, world):
    html = client.get("/search/", {"q": "人民"}).content.decode()
    assert "<svg" in html
    assert "Articles found per year" in html
    assert 'href="?q=%E4%BA%BA%E6%B0%91&amp;year=1956"' in html
    assert 'aria-label="1957: 1"' in html
    assert "<table>" in html  # the text alternative


def test_with_a_year_chosen_the_chart_shows_its_months(client, world):
    html = client.get("/search/", {"q": "人民", "year": "1956"}).content.decode()
    assert "Articles found per month of 1956" in html
    assert 'href="?q=%E4%BA%BA%E6%B0%91&amp;year=1956&amp;month=1956-12"' in html
    assert html.count('class="histogram__label"') == 12


def test_no_chart_without_results(client, world):
    assert "<svg" not in client.get("/search/", {"q": "不存在的词"}).content.decode()


# --- Spelling suggestions ------------------------------------------------------------------


def test_a_misspelt_english_word_gets_a_suggestion(client, world):
    html = client.get("/search/", {"q": "prodcers"}).content.decode()
    assert "0 articles found" in html
    assert "Did you mean" in html
    assert '<a href="?q=producers" rel="nofollow"><strong>producers</strong></a>' in html


def test_a_known_word_gets_no_suggestion(client, world):
    html = client.get("/search/", {"q": "steel 上海"}).content.decode()
    assert "0 articles found" in html
    assert "Did you mean" not in html


def test_plenty_of_results_are_not_checked_for_spelling(client, world, monkeypatch):
    from search import spelling

    def fail(query):
        raise AssertionError("spelling checked")

    monkeypatch.setattr(spelling, "suggest", fail)
    monkeypatch.setattr("search.views.SUGGEST_BELOW", 1)
    assert client.get("/search/", {"q": "人民"}).status_code == 200


# --- Advanced search -----------------------------------------------------------------------


def test_the_advanced_form_is_shown_empty(client, world):
    response = client.get("/search/advanced/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="exact_phrase"' in html
    assert 'name="date_from"' in html


def test_the_advanced_form_sends_its_query_to_the_results_page(client, world):
    response = client.get(
        "/search/advanced/",
        {"all_words": "人民", "none_words": "好", "date_from": "1956-12", "page": "4"},
    )
    assert response.status_code == 302
    assert response["Location"] == (
        "/search/?q=%E4%BA%BA%E6%B0%91+-%E5%A5%BD+date%3A1956-12..+page%3A4"
    )
    html = client.get(response["Location"]).content.decode()
    assert "1 article found" in html
    assert "上海各界声援臺灣同胞" in html


def test_the_advanced_form_shows_errors_for_a_bad_date(client, world):
    response = client.get("/search/advanced/", {"all_words": "人民", "date_from": "soon"})
    assert response.status_code == 200
    assert "advanced__error" in response.content.decode()


# --- The reading view, coming from a search ------------------------------------------------


def test_the_reading_view_marks_the_query_words(client, world):
    article = world["commune"]
    html = client.get(article.get_absolute_url(), {"q": "人民公社 producers"}).content.decode()
    assert "<h1>江苏农业生产合作社扩大<mark>人民公社</mark>化运动</h1>" in html
    assert "advanced <mark>producers</mark> movement" in html


def test_the_reading_view_without_a_query_marks_nothing_and_still_escapes(client, world):
    from search.tests.conftest import index_articles, make_article

    article = make_article(headline_zh="<i>钢铁</i>", body_zh="<script>x</script>")
    index_articles([article])
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<mark>" not in html
    assert "&lt;i&gt;钢铁&lt;/i&gt;" in html
    assert "<script>x</script>" not in html
    html = client.get(article.get_absolute_url(), {"q": "<script>"}).content.decode()
    assert "<script>x</script>" not in html
