"""The search page."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("search.tests.urls")]


def test_the_page_shows_results_with_a_count(client, world):
    response = client.get("/search/", {"q": "人民公社"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 articles found" in html
    assert "江苏农业生产合作社扩大人民公社化运动" in html
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
