"""The Atom feed of a search."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, **params):
    response = client.get("/search/feed/", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_the_feed_lists_the_matching_articles_newest_first(client, world):
    root = feed(client, q="人民公社")
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "江苏农业生产合作社扩大人民公社化运动 · Jiangsu agricultural cooperatives expand",
        "人民公社好",
    ]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links[0] == f"http://testserver{world['commune'].get_absolute_url()}"
    assert "人民公社" in root.find(f"{ATOM}title").text


def test_an_entry_summary_is_the_marked_snippet(client, world):
    root = feed(client, q="先进生产者")
    [entry] = root.findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "<mark>先进生产者</mark>" in summary.text


def test_the_feed_takes_the_search_pages_facets_and_links_back_to_it(client, world):
    root = feed(client, q="人民公社", year="1957")
    assert len(root.findall(f"{ATOM}entry")) == 1
    alternate = next(
        link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "alternate"
    )
    assert alternate.startswith("http://testserver/search/?q=")
    assert "year=1957" in alternate


def test_a_feed_without_a_query_is_a_400(client, world):
    response = client.get("/search/feed/")
    assert response.status_code == 400
    assert "Give a query" in response.content.decode()


def test_a_feed_with_a_wrong_sort_is_a_400(client, world):
    assert client.get("/search/feed/", {"q": "人民公社", "sort": "x"}).status_code == 400
