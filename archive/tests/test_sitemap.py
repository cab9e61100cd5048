"""/sitemap.xml and /robots.txt: what crawlers are told."""

import xml.etree.ElementTree as ET

import pytest

from archive.models import Article

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]


def test_the_index_lists_the_article_and_browse_sitemaps(client, seed_articles):
    assert locations(client, "/sitemap.xml") == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-browse.xml",
    ]


def test_it_lists_every_published_article(client, seed_articles):
    urls = locations(client, "/sitemap-articles.xml")
    assert urls == ["http://testserver" + a.get_absolute_url() for a in seed_articles]


def test_it_leaves_out_unpublished_articles(client, seed_articles):
    Article.objects.filter(pk=seed_articles[0].pk).update(published=False)
    urls = locations(client, "/sitemap-articles.xml")
    assert len(urls) == 4
    assert "http://testserver" + seed_articles[0].get_absolute_url() not in urls


def test_it_lists_the_browse_pages(client, seed_articles):
    urls = locations(client, "/sitemap-browse.xml")
    for path in [
        "/browse/",
        "/browse/1956/",
        "/browse/1957/01/",
        "/browse/1957/01/07/",
        "/browse/1959/06/05/",
        "/columns/",
        "/columns/%E5%BC%80%E5%B1%95%E5%85%88%E8%BF%9B%E7%94%9F%E4%BA%A7%E8%80%85%E8%BF%90%E5%8A%A8/",
    ]:
        assert "http://testserver" + path in urls
    assert len(urls) == 1 + 3 + 4 + 5 + 1 + 1
    # Every page the sitemap names exists.
    for url in urls:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


def test_an_unknown_section_is_not_found(client, seed_articles):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_txt_allows_all_but_the_admin_and_the_api(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
